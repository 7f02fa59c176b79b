"""One run's results as Markdown (docs/benchmarks.md), the targets judged."""

from __future__ import annotations

import statistics
from typing import Any

#: The targets: computed and printed, never a pass/fail timing test.
NO_SLOWER = 1.0  # toastkit / stock and toastkit / peer, on every path
FLOOR_OVERHEAD = 1.5  # on the htmx path, toastkit's overhead over the floor's

PATHS = {
    "htmx": "htmx request that adds a message",
    "page": "full page rendering it",
    "quiet": "htmx request without messages",
}

VARIANTS = """\
*none*: no messages framework. *stock*: `MessageMiddleware` + `FallbackStorage`.
*peer*: stock plus a middleware that moves the messages into `HX-Trigger` (the
django-htmx-messages-framework recipe). *floor*: the messages API straight into
one `json.dumps` header, nothing stored. *toastkit*: `ToastMiddleware` +
`ToastStorage` + `{% toasts %}`."""


def ratio(samples: dict[str, list[float]], a: str, b: str, base: str = "") -> Any:
    """``a / b`` of the medians (of the overheads over ``base`` if given), and
    its lowest and highest over rounds (a round times all variants in turn)."""

    def over(variant: str) -> list[float]:
        if not base:
            return samples[variant]
        return [x - y for x, y in zip(samples[variant], samples[base], strict=True)]

    rounds = [x / y for x, y in zip(over(a), over(b), strict=True)]
    return statistics.median(over(a)) / statistics.median(over(b)), rounds


def judge(name: str, samples: Any, a: str, b: str, limit: float, base: str = "") -> Any:
    """A row of the targets table, and whether it is met."""
    value, rounds = ratio(samples, a, b, base)
    met = value <= limit
    result = "met" if met else f"**missed** by {(value / limit - 1) * 100:.1f}%"
    if not met and min(rounds) <= limit:
        result += " (some rounds met it)"
    spread = f"rounds {min(rounds):.2f}-{max(rounds):.2f}"
    return f"| {name} | {value:.3f} ({spread}) | ≤ {limit} | {result} |", met


def server_section(server: dict[str, Any]) -> tuple[list[str], list[str]]:
    samples = server["samples"]
    targets = []
    for other, label in (("stock", "stock Django"), ("peer", "the peer")):
        for path in PATHS:
            targets.append(
                judge(
                    f"{path}: toastkit / {label}",
                    samples[path],
                    "toastkit",
                    other,
                    NO_SLOWER,
                )
            )
    targets.append(
        judge(
            "htmx: toastkit's overhead / the floor's",
            samples["htmx"],
            "toastkit",
            "floor",
            FLOOR_OVERHEAD,
            base="none",
        )
    )
    lines = [
        "## Targets",
        "",
        "| Target | Measured: median (range over rounds) | Target | Result |",
        "|---|---|---|---|",
        *(row for row, _ in targets),
        "",
        "## Server, in process",
        "",
        "µs per request through Django's `WSGIHandler` and the whole middleware stack, overhead over",
        f"*none* in brackets; median of {server['rounds']} interleaved rounds of {server['requests']} requests.",
        "",
        "| Path | none | stock | peer | floor | toastkit | toastkit / stock | toastkit / peer |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for path, label in PATHS.items():
        us = {v: statistics.median(s) for v, s in samples[path].items()}
        cells = [f"{us['none']:.1f}"]
        cells += [f"{us[v]:.1f} ({us[v] - us['none']:+.1f})" for v in list(us)[1:]]
        cells += [f"{us['toastkit'] / us[v]:.3f}" for v in ("stock", "peer")]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    header = ", ".join(f"{v} {n} B" for v, n in server["hx_trigger_bytes"].items() if n)
    markup = (
        "the same markup as `{% toasts %}`."
        if server["same_markup"]
        else "**markup that no longer matches `{% toasts %}`**: update "
        "bench/benchapp/templates/bench/page_loop.html."
    )
    lines += [
        "",
        VARIANTS,
        "Checked before timing: on the htmx request stock stores the message in its signed cookie",
        f"for the next full page, the others send `HX-Trigger` ({header}). On the full page the",
        f"variants other than *none* and *toastkit* loop over the messages, writing {markup}",
        "",
    ]
    missed = [row for row, met in targets if not met]
    return lines, missed


def weight_section(weight: dict[str, Any]) -> list[str]:
    rows = weight["rows"]
    smallest = min(rows[1:], key=lambda r: r["total"])
    return [
        "## Weight",
        "",
        "Bytes after `gzip -9 FILE` of the JS and CSS each package ships for the browser",
        "(toastkit's minified files from this checkout; the peers' from `npm pack`).",
        "",
        "| Package | JS | CSS | Total | Files |",
        "|---|---:|---:|---:|---|",
        *(
            f"| {r['name']} | {r['js']} | {r['css']} | {r['total']} | {r['note']} |"
            for r in rows
        ),
        "",
        f"toastkit weighs {rows[0]['total'] / smallest['total']:.2f}× the lightest peer, "
        f"{smallest['name']}.",
        "",
    ]


def browser_section(browser: dict[str, Any]) -> list[str]:
    dom, painted, burst = browser["dom_ms"], browser["painted_ms"], browser["burst"]
    longest = (
        f"{burst['longest_task_ms']:.0f} ms"
        if burst["longest_task_ms"]
        else "none of 50 ms or more (no `longtask` entry)"
    )
    return [
        "## Browser",
        "",
        f"Headless Chromium {browser['chromium']}, {browser['trials']} htmx requests each bringing",
        "one message: from the response (`htmx:beforeOnLoad`) to the toast in the DOM",
        "(`toastkit:shown`), and to the end of the first frame that paints it (which includes",
        "waiting for that frame: up to 16.7 ms at 60 Hz).",
        "",
        "| | median ms | p95 ms |",
        "|---|---:|---:|",
        f"| response → toast in the DOM | {dom['median']:.1f} | {dom['p95']:.1f} |",
        f"| response → toast painted | {painted['median']:.1f} | {painted['p95']:.1f} |",
        "",
        f"Painted in the first frame after the response in {browser['first_frame_share']:.0%}"
        f" of trials (worst: frame {browser['worst_frame']}).",
        "",
        f"Burst: one response carrying {burst['messages']} messages, worst of {burst['runs']} runs:",
        f"the response's task takes {burst['response_task_ms']:.1f} ms; long tasks: {longest};",
        f"painted {burst['painted_ms']:.1f} ms after the response (median).",
        "",
    ]


def render(results: dict[str, Any], quick: bool, note: str) -> tuple[str, list[str]]:
    """The Markdown, and the targets missed."""
    about = results["machine"]
    server, missed = server_section(results["server"])
    command = "./bench/run.sh" + (" --quick" if quick else "")
    lines = [
        "# Benchmarks",
        "",
        "<!-- Written by ./bench/run.sh (bench/report.py); do not edit by hand. -->",
        "",
        *(["> **Quick mode**: tiny counts; these figures mean nothing.", ""] * quick),
        f"Written {about['date']} by `{command}`; every figure comes from that one run.",
        "What each answers and how: [bench/README.md](../bench/README.md). Read the ratios",
        "rather than the µs: they compare variants timed side by side.",
        "",
        f"Machine: {about['cpu']} (`nproc` {about['nproc']}), Python {about['python']},",
        f"Django {about['django']}; load average (1 min) at the start of each part: {about['load']}.",
        *([f"**Note:** {note}"] if note else []),
        "",
        *server,
        *weight_section(results["weight"]),
        *browser_section(results["browser"]),
    ]
    return "\n".join(lines), missed
