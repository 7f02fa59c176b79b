"""Helpers shared by the bench scripts: paths, results, statistics."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"
VARIANTS = ("none", "stock", "toastkit")


def bench_env(variant: str, **extra: str) -> dict[str, str]:
    """Environment of a subprocess that runs the bench project as ``variant``."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="benchapp.settings",
        TOASTKIT_BENCH_VARIANT=variant,
        PYTHONPATH=os.pathsep.join([str(BENCH), env.get("PYTHONPATH", "")]).rstrip(
            os.pathsep
        ),
        PYTHONHASHSEED="0",
    )
    env.update(extra)
    return env


def write_result(name: str, data: dict[str, Any]) -> Path:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(data, indent=2) + "\n")
    print(f"==> wrote {path.relative_to(ROOT)}")
    return path


def read_result(name: str) -> dict[str, Any] | None:
    path = RESULTS / f"{name}.json"
    if not path.exists():
        return None
    data: dict[str, Any] = json.loads(path.read_text())
    return data


def median(values: list[float]) -> float:
    return statistics.median(values)


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (pct in 0-100)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), round(pct / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import django

    def version(*cmd: str) -> str:
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            return "n/a"
        text = (out.stdout or out.stderr).strip().splitlines()
        return text[0] if text else "n/a"

    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "os": platform.platform(),
        "python": platform.python_version(),
        "implementation": sys.implementation.name,
        "django": django.get_version(),
        "node": version("node", "--version"),
        "wrk": version("wrk", "--version"),
        "chromium": version(
            os.environ.get("TOASTKIT_CHROMIUM", "chromium"), "--version"
        ),
    }
