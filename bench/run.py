"""Run the five parts of the bench, each in its own process, and write the report.

    python bench/run.py [--quick] [--note TEXT]

Use ./bench/run.sh, which sets up bench/.venv and Chromium first. A full run
rewrites docs/benchmarks.md; --quick (tiny counts, for CI) writes
bench/results/benchmarks-quick.md. Missed targets are printed, never fatal.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

import django
from report import render

BENCH = Path(__file__).resolve().parent
PARTS = ("server", "inbox", "weight", "browser", "client")
RESULTS = BENCH / "results"  # gitignored
DOCS = BENCH.parent / "docs"


def cpu() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def commit() -> str:
    """The commit measured, short, marked when the package or client differ from it."""
    root = BENCH.parent

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, check=False
        ).stdout.strip()

    head = git("rev-parse", "--short=12", "HEAD") or "unknown"
    changed = git("status", "--porcelain", "--", "toastkit", "static", "templates")
    return f"{head} with uncommitted changes" if changed else head


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny counts, for CI")
    parser.add_argument("--note", default="", help="a line for the report")
    args = parser.parse_args()

    measured = commit()  # before the parts run: the code they measure
    results, load = {}, []
    for part in PARTS:
        load.append(f"{part} {os.getloadavg()[0]:.1f}")
        print(f"==> {part}", file=sys.stderr, flush=True)
        command = [sys.executable, str(BENCH / f"{part}.py"), *["--quick"] * args.quick]
        done = subprocess.run(command, stdout=subprocess.PIPE, text=True)
        if done.returncode:
            print(f"!!! {part} failed", file=sys.stderr)
            return 1
        results[part] = json.loads(done.stdout)
    results["machine"] = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": measured,
        "cpu": cpu(),
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "load": ", ".join(load),
    }
    text, missed = render(results, args.quick, args.note)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "results.json").write_text(json.dumps(results, indent=2))
    report = RESULTS / "benchmarks-quick.md" if args.quick else DOCS / "benchmarks.md"
    report.write_text(text)
    print(f"==> wrote {report.relative_to(BENCH.parent)}", file=sys.stderr)
    print("\n".join(["Targets missed:", *missed]) if missed else "Every target met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
