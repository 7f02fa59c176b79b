"""The live bench's figures as a table: printed, and in docs/benchmarks.md.

Each row of issue 20's Targets table has a target per doorbell and a line
that sums its figures up. The docs' "Live delivery" section has a column per
doorbell, from bench/live/results.json (each doorbell's last full run), so
one doorbell's run keeps the others' figures.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
STORED = BENCH / "live" / "results.json"
DOCS = BENCH.parent / "docs" / "benchmarks.md"
DOORBELLS = ("poll", "postgres", "redis")
BEGIN = "<!-- live: written by bench/live.py from bench/live/results.json -->"
END = "<!-- /live -->"


def ms(value: float | None) -> str:
    return "n/a" if value is None or value != value else f"{value:,.0f} ms"


def fast(poll: str, other: str) -> Callable[[str], str]:
    return lambda doorbell: poll if doorbell == "poll" else other


#: key: (what, target by doorbell, the figures in a line)
ROWS: dict[str, tuple[str, Callable[[str], str], Callable[[dict[str, Any]], str]]] = {
    "paint": (
        "`notify()` commit → toast painted ({notifies} notifies, {tabs} tabs of one browser)",
        fast("p95 ≤ 1 s", "p95 ≤ 250 ms"),
        lambda f: (
            f"p50 {ms(f['p50_ms'])}, p95 {ms(f['p95_ms'])} (every tab: p95 "
            f"{ms(f['p95_all_tabs_ms'])}); {f['streams_opened']} stream"
        ),
    ),
    "two_workers": (
        "Two ASGI workers, `manage.py notify` from a third process ({notifies} notifies, {streams} streams)",
        fast(
            "each toast claimed exactly once",
            "p95 ≤ 250 ms; each toast claimed exactly once",
        ),
        lambda f: (
            f"p50 {ms(f['p50_ms'])}, p95 {ms(f['p95_ms'])}; {f['received']}/"
            f"{f['notifies']} received, {f['claimed_more_than_once']} claimed twice"
        ),
    ),
    "idle": (
        "{streams:,} open streams on one worker",
        fast(
            "≤ 100 KiB a stream; idle ≤ 5% of a core; PostgreSQL connections ≤ pool + 1",
            "same",
        ),
        lambda f: (
            f"{f['kib_per_stream']:,.1f} KiB a stream; idle {f['idle_cpu_percent']}% "
            f"of a core over {f['idle_seconds']} s; PostgreSQL connections "
            + (
                "not measured (SQLite)"
                if f["pg_connections_max"] is None
                else f"{f['pg_connections_max']} (limit {f['pg_connections_limit']})"
            )
        ),
    ),
    "fanout": (
        "`notify()` to {users:,} connected users at once",
        fast("all receive it; p95 ≤ 2 s", "all receive it; p95 ≤ 2 s"),
        lambda f: (
            f"{f['received']:,}/{f['users']:,} received; p50 {ms(f['p50_ms'])}, "
            f"p95 {ms(f['p95_ms'])}"
        ),
    ),
    "chaos": (
        "Chaos: 8 streams of one user on 2 workers, page requests, {notifies} notifies, "
        "10% of connections closed after a toast",
        fast("0 lost, 0 shown twice", "0 lost, 0 shown twice"),
        lambda f: (
            f"{f['lost']} lost, {f['shown_twice']} shown twice; "
            f"{f.get('killed after a claim', 0)} connections killed, "
            f"{f.get('replayed and dropped', 0)} replays dropped by id, {f['server_errors']} 5xx"
        ),
    ),
    "cycles": (
        "{cycles:,} connect/disconnect cycles",
        fast("threads back to baseline; memory growth ≤ 10%", "same"),
        lambda f: (
            f"threads {f['threads_before']} → {f['threads_after']}; memory "
            f"{f['memory_growth_percent']:+}%"
        ),
    ),
    "restart": (
        "Worker restarted with {streams:,} streams open",
        fast("≥ 99% reconnected within 30 s; no 5xx", "same"),
        lambda f: (
            f"{f['reconnected_percent']}% back within 30 s (p95 "
            f"{f['p95_back_seconds']} s, server down {f['down_seconds']} s); {f['server_errors']} 5xx"
        ),
    ),
    "runserver": (
        "`runserver`: 7 tabs of one browser",
        fast("the poll doorbell works; each tab loads in < 1 s", "same"),
        lambda f: (
            f"slowest load {f['slowest_load_ms']} ms; {f['tabs_showing']}/7 tabs "
            f"showed a notify (slowest {ms(f['slowest_toast_ms'])}); {f['streams_opened']} stream"
        ),
    ),
}


#: A full run's counts, for the rows of a doorbell not yet measured.
FULL = {
    "paint": {"notifies": 200, "tabs": 10},
    "two_workers": {"notifies": 30, "streams": 6},
    "idle": {"streams": 1000},
    "fanout": {"users": 1000},
    "chaos": {"notifies": 500},
    "cycles": {"cycles": 1000},
    "restart": {"streams": 1000},
    "runserver": {},
}


def what(key: str, figures: dict[str, Any]) -> str:
    return ROWS[key][0].format(**{**FULL[key], **figures})


def measured(key: str, figures: dict[str, Any]) -> str:
    if not figures:
        return "not yet measured"
    verdict = "met" if figures["met"] else "**missed**"
    return f"{ROWS[key][2](figures)} ({verdict}; load {figures['load']})"


def target(key: str, doorbell: str) -> str:
    text = ROWS[key][1](doorbell)
    return ROWS[key][1]("poll") if text == "same" else text


def table(results: dict[str, Any]) -> str:
    """The run's table, for the terminal."""
    doorbell, rows = results["doorbell"], results["rows"]
    lines = [
        f"Live delivery, doorbell {doorbell}, {results['mode']} run, "
        f"{results['database']}, load {results['load']}, {results['seconds']} s"
    ]
    for key in ROWS:
        if key in rows:
            f = rows[key]
            lines += [
                f"- {what(key, f)}",
                f"    target:   {target(key, doorbell)}",
                f"    measured: {ROWS[key][2](f)}",
                f"    {'met' if f['met'] else 'MISSED'} (load {f['load']})",
            ]
    return "\n".join(lines)


def render_section() -> str:
    every: dict[str, Any] = json.loads(STORED.read_text()) if STORED.exists() else {}
    some = next(iter(every.values()), {"rows": {}})
    lines = [
        BEGIN,
        "## Live delivery",
        "",
        "Issue 20's targets: inbox messages on open pages (docs/live.md), on "
        "loopback, real servers (uvicorn, `manage.py runserver`), streams read "
        "with aiohttp and a browser through Playwright. Run with "
        "`bench/.venv/bin/python bench/live.py --doorbell poll` (PostgreSQL: "
        "`scripts/with-postgres.sh bench/.venv/bin/python bench/live.py "
        "--doorbell postgres`); bench/README.md says what each row does. The "
        "machine is shared: the load average at the start of each row is beside "
        "its figures.",
        "",
        "| What | Target | " + " | ".join(f"`{d}`" for d in DOORBELLS) + " |",
        "|---|---|" + "---|" * len(DOORBELLS),
    ]
    for key in ROWS:
        cells = [
            measured(key, every.get(d, {}).get("rows", {}).get(key, {}))
            for d in DOORBELLS
        ]
        lines.append(
            f"| {what(key, some['rows'].get(key, {}))} | {target(key, 'poll')}"
            f"{'' if target(key, 'postgres') == target(key, 'poll') else '; ' + target(key, 'postgres') + ' (postgres, redis)'}"
            f" | " + " | ".join(cells) + " |"
        )
    lines.append("")
    for doorbell in DOORBELLS:
        if doorbell in every:
            r = every[doorbell]
            lines.append(
                f"- `{doorbell}`: {r['date']}, {r['database']}, {r['nproc']} cores, "
                f"load average at the end {', '.join(map(str, r['load']))}, {r['seconds']} s."
            )
    lines += ["", *fleet(every.get("poll", {}).get("rows", {}).get("idle")), "", END]
    return "\n".join(lines)


def fleet(idle: dict[str, Any] | None) -> list[str]:
    """The "N workers, M machines, 100,000 users" paragraph: what is measured
    here, and what is extrapolated from it."""
    if idle and idle["streams"] >= 1000:
        kib, cpu, n = idle["kib_per_stream"], idle["idle_cpu_percent"], idle["streams"]
        memory = (
            f"{5000 * kib / 1024:,.0f} MiB of streams a worker ({kib:,.0f} KiB each)"
        )
        idle_cpu = f"about {cpu * 5000 / n:,.0f}% of a core idle a worker"
    else:
        memory, idle_cpu = "memory: not yet measured", "idle CPU: not yet measured"
    return [
        "**N workers, M machines, 100,000 users.** *Measured* (the table): one "
        "worker process holding 1,000 streams; two workers on one machine sharing "
        "one database (exactly once, the chaos row); a worker restarted under its "
        "streams. Workers share nothing but the database (and the flag cache, or "
        "the broker), so machines add nothing new beyond the network between them. "
        "*Extrapolated, not measured*: 100,000 connected users on 20 workers (say "
        f"10 machines of 2) are 5,000 streams a worker: {memory}, {idle_cpu}, "
        "scaling the 1,000-stream figures linearly. The database carries one "
        "`INSERT` per message, one claiming `UPDATE` per delivery, and each "
        "stream's session check every ping (20 s): two reads, 10,000 a second "
        "for the fleet with database sessions (a cached session engine moves them "
        "to the cache); with `poll`, each worker also looks once a tick (0.5 s) "
        "per 500 of its users: 20 queries a second a worker, 400 for the fleet "
        "(a flag cache makes them `get_many` reads). Connections: at most 4 claim "
        "threads + 1 a worker, 100 for 20 workers: PostgreSQL's default "
        "`max_connections` (use PgBouncer, or fewer `TOASTKIT_LIVE_THREADS`). "
        "With `postgres` or `redis`, the ticks give way to one listening "
        "connection a worker and a sweep every 30 s; the broker carries one "
        "message per `notify()` to every worker, never the toast itself.",
    ]


def write_section(extra: str = "") -> None:
    """Replace (or append) the section in docs/benchmarks.md."""
    text = DOCS.read_text()
    section = render_section()
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    DOCS.write_text(text)
