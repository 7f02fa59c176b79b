"""Run the bench scripts in turn, then write the report.

    python bench/run.py [--quick] [--only inprocess,http,...] [--strict]

Use ./bench/run.sh, which sets up bench/.venv, wrk and Chromium first.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import BENCH, ROOT, machine, read_result, write_result

SCRIPTS = {
    "inprocess": "inprocess.py",
    "http": "http_wrk.py",
    "weight": "weight.py",
    "browser": "browser.py",
    "header": "header.py",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny counts, for CI")
    parser.add_argument("--only", help="comma-separated: " + ",".join(SCRIPTS))
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 when a target is missed"
    )
    args = parser.parse_args()
    chosen = args.only.split(",") if args.only else list(SCRIPTS)
    unknown = set(chosen) - set(SCRIPTS)
    if unknown:
        parser.error(f"unknown: {', '.join(sorted(unknown))}")

    about = machine()
    about["load"] = {}
    failed = []
    for name in chosen:
        about["load"][name] = os.getloadavg()[0]
        command = [sys.executable, str(BENCH / SCRIPTS[name])]
        if args.quick:
            command.append("--quick")
        elif name == "inprocess":
            command.append("--profile")
        print(
            f"==> {name}: {' '.join(Path(c).name if '/' in c else c for c in command)}",
            flush=True,
        )
        started = time.monotonic()
        if subprocess.run(command, cwd=ROOT).returncode:
            failed.append(name)
            print(f"!!! {name} failed", file=sys.stderr)
        print(f"    ({time.monotonic() - started:.1f} s)", flush=True)

    previous = read_result("machine") or {}
    about["load"] = {**previous.get("load", {}), **about["load"]}
    write_result("machine", about)

    from report import render

    out = (
        BENCH / "results" / "benchmarks-quick.md"
        if args.quick
        else ROOT / "docs" / "benchmarks.md"
    )
    text, missed = render(quick=args.quick)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)
    print(f"==> wrote {out.relative_to(ROOT)}")
    if missed and not args.quick:
        print("Targets missed:\n  " + "\n  ".join(missed))
    if failed:
        print(f"Failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 1 if (args.strict and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
