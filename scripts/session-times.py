#!/usr/bin/env python3
"""Each nox session's time, from nox's JSON report: the table tests/README.md gives.

    ./scripts/test.sh --report report.json; scripts/session-times.py report.json

``.ci/run`` writes the report and prints this table at the end of every run,
passed or failed, so each run of the test command says where its time went.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def table(report: dict[str, Any]) -> str:
    """A Markdown table: each session's result and seconds, then the total."""
    rows, total = [], 0.0
    for session in report["sessions"]:
        seconds = float(session["duration"])
        total += seconds
        name = (session["signatures"] or [session["name"]])[0]
        rows.append(f"| `{name}` | {session['result']} | {seconds:.0f} s |")
    return "\n".join(
        [
            "| Session | Result | Time |",
            "|---|---|---:|",
            *rows,
            f"| **all** | | **{total:.0f} s ({total / 60:.1f} min)** |",
        ]
    )


if __name__ == "__main__":
    print(table(json.loads(Path(sys.argv[1]).read_text())))
