"""Live delivery's benchmarks (issue 20's Targets table), on loopback.

    bench/.venv/bin/python bench/live.py [--quick] [--doorbell poll|postgres|redis]

Real servers (uvicorn; ``manage.py runserver`` for the last row), streams
read with aiohttp, Chromium through Playwright where a painted toast is
measured. Each row starts its own servers on one database (SQLite, or
PostgreSQL when ``TOASTKIT_TEST_POSTGRES`` names a server:
scripts/with-postgres.sh). Prints the table (row, target, measured, met)
and writes the figures as JSON in bench/results/ (gitignored); a full run
also keeps its doorbell's figures in bench/live/results.json and rewrites
the "Live delivery" section of docs/benchmarks.md from it. bench/README.md
says what each row does. Targets are judged, never fatal: the run fails
only when a row breaks.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import os
import resource
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

from live_project import BENCH, database, environment, make_users, setup_django
from live_report import render_section, table, write_section

SIZES = {
    "quick": {
        "paint": 3,
        "two_workers": 2,
        "streams": 30,
        "idle_seconds": 3,
        "chaos": 30,
        "cycles": 40,
    },
    "full": {
        "paint": 200,
        "two_workers": 30,
        "streams": 1000,
        "idle_seconds": 20,
        "chaos": 500,
        "cycles": 1000,
    },
}
ROWS = ("paint", "two_workers", "thousand", "chaos", "cycles", "restart", "runserver")


def run_row(name: str, run: Any) -> dict[str, Any]:
    """One row's figures (two for ``thousand``: rows 3 and 4)."""
    import live_browser
    import live_faults
    import live_streams

    if name == "paint":
        return {"paint": live_browser.paint(run)}
    if name == "runserver":
        return {"runserver": live_browser.runserver_tabs(run)}
    if name == "thousand":
        idle, fanout = asyncio.run(live_streams.thousand(run))
        return {"idle": idle, "fanout": fanout}
    module = live_faults if name in ("chaos", "restart") else live_streams
    return {name: asyncio.run(getattr(module, name)(run))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="tiny counts, under a minute"
    )
    parser.add_argument(
        "--doorbell", default="poll", choices=("poll", "postgres", "redis")
    )
    parser.add_argument("--rows", nargs="*", choices=ROWS, default=list(ROWS))
    parser.add_argument(
        "--render",
        action="store_true",
        help="only rewrite docs/benchmarks.md's section from bench/live/results.json",
    )
    args = parser.parse_args()
    if args.render:
        write_section()
        return 0
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # 1,000 streams each side
    mode = "quick" if args.quick else "full"
    started = time.monotonic()
    from live_streams import Run

    with tempfile.TemporaryDirectory(prefix="toastkit-live-") as scratch:
        db = database(Path(scratch))
        env = environment(db, args.doorbell)
        setup_django(env)
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = (
            "true"  # Playwright's sync API runs a loop
        )
        sizes = SIZES[mode]
        run = Run(env=env, quick=args.quick, doorbell=args.doorbell, sizes=sizes)
        run.users = {
            "solo": make_users(1, "solo"),
            "paint": make_users(2, "paint"),
            "crowd": make_users(sizes["streams"], "crowd"),
        }
        # This process's connection (the users' inserts) is not the server's:
        # closed, it is not counted among the server's PostgreSQL connections.
        from django.db import connections

        connections.close_all()
        figures: dict[str, Any] = {}
        broken: list[str] = []
        for name in args.rows:
            load = os.getloadavg()[0]
            print(f"==> {name} (load {load:.1f})", file=sys.stderr, flush=True)
            try:
                for row, values in run_row(name, run).items():
                    figures[row] = {**values, "load": round(load, 1)}
            except Exception:
                traceback.print_exc()
                broken.append(name)
    results = {
        "doorbell": args.doorbell,
        "mode": mode,
        "database": db["ENGINE"].rsplit(".", 1)[-1],
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "seconds": round(time.monotonic() - started),
        "load": [round(x, 1) for x in os.getloadavg()],
        "nproc": os.cpu_count(),
        "rows": figures,
    }
    print(table(results))
    out = BENCH / "results" / f"live-{args.doorbell}-{mode}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(f"==> wrote {out.relative_to(BENCH.parent)}", file=sys.stderr)
    if not args.quick and not broken and args.rows == list(ROWS):
        stored = BENCH / "live" / "results.json"
        every = json.loads(stored.read_text()) if stored.exists() else {}
        every[args.doorbell] = results
        stored.write_text(json.dumps(every, indent=2) + "\n")
        write_section()
    if broken:
        print(f"!!! broken rows: {', '.join(broken)}", file=sys.stderr)
        return 1
    return 0


__all__ = ["main", "render_section"]

if __name__ == "__main__":
    sys.exit(main())
