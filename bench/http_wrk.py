"""2. Server, real HTTP: gunicorn on 127.0.0.1 under wrk, per variant.

One gunicorn (one sync worker) per variant, all started up front on their
own ports; wrk then loads them in turn, endpoint by endpoint, for a fixed
duration, in interleaved rounds with the order rotated. Reported: requests/s
and the p50/p99 latency wrk measures; per variant the median over rounds.

    python bench/http_wrk.py [--quick] [--duration S] [--rounds N]
"""

from __future__ import annotations

import argparse
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import BENCH, VARIANTS, bench_env, median, write_result

ENDPOINTS = {
    "htmx": ("/htmx/", ["-H", "HX-Request: true"]),
    "page": ("/page/", []),
}
CONNECTIONS = 4
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(variant: str, port: int) -> subprocess.Popen[bytes]:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    return subprocess.Popen(
        [
            str(gunicorn),
            "--workers=1",
            "--worker-class=sync",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
            "benchapp.wsgi",
        ],
        cwd=BENCH,
        env=bench_env(variant),
    )


def wait_up(port: int, variant: str) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/health/", timeout=2
            ) as r:
                if r.read().decode() == variant:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def warm_up(port: int, endpoint: str, count: int) -> None:
    path, headers = ENDPOINTS[endpoint]
    extra = dict([headers[1].split(": ")]) if headers else {}
    for _ in range(count):
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}{path}", headers=extra
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            response.read()


def to_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()  # type: ignore[union-attr]
    return float(number) * UNITS[unit]


def run_wrk(port: int, endpoint: str, duration: int) -> dict[str, float]:
    path, headers = ENDPOINTS[endpoint]
    out = subprocess.run(
        [
            "wrk",
            "--threads=1",
            f"--connections={CONNECTIONS}",
            f"--duration={duration}s",
            "--latency",
            *headers,
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = to_ms(re.search(r"\s50%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    p99 = to_ms(re.search(r"\s99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors or "Socket errors" in out:
        raise RuntimeError(f"wrk saw errors:\n{out}")
    return {"rps": rps, "p50_ms": p50, "p99_ms": p99}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--duration", type=int, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int)
    args = parser.parse_args()
    duration = args.duration or (1 if args.quick else 3)
    rounds = args.rounds or (1 if args.quick else 4)
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk (./bench/run.sh does it as root)")

    ports = {v: free_port() for v in VARIANTS}
    servers = {v: start_server(v, ports[v]) for v in VARIANTS}
    samples: dict[str, dict[str, list[dict[str, float]]]] = {
        e: {v: [] for v in VARIANTS} for e in ENDPOINTS
    }
    try:
        for variant in VARIANTS:
            wait_up(ports[variant], variant)
            for endpoint in ENDPOINTS:
                if args.quick:
                    warm_up(ports[variant], endpoint, 20)
                else:
                    run_wrk(ports[variant], endpoint, 1)
        for r in range(rounds):
            order = VARIANTS[r % 3 :] + VARIANTS[: r % 3]
            for endpoint in ENDPOINTS:
                for variant in order:
                    samples[endpoint][variant].append(
                        run_wrk(ports[variant], endpoint, duration)
                    )
            print(f"    round {r + 1}/{rounds}", file=sys.stderr)
    finally:
        for server in servers.values():
            server.terminate()
        for server in servers.values():
            server.wait(timeout=30)

    result: dict[str, Any] = {
        "duration_s": duration,
        "rounds": rounds,
        "connections": CONNECTIONS,
        "server": "gunicorn, 1 sync worker",
    }
    for endpoint in ENDPOINTS:
        summary = {
            v: {
                k: median([s[k] for s in samples[endpoint][v]])
                for k in ("rps", "p50_ms", "p99_ms")
            }
            for v in VARIANTS
        }
        result[endpoint] = {
            "median": summary,
            "samples": samples[endpoint],
            "rps_toastkit_over_stock": summary["toastkit"]["rps"]
            / summary["stock"]["rps"],
            "p50_toastkit_over_stock": summary["toastkit"]["p50_ms"]
            / summary["stock"]["p50_ms"],
            "p99_toastkit_over_stock": summary["toastkit"]["p99_ms"]
            / summary["stock"]["p99_ms"],
        }
        for v in VARIANTS:
            s = summary[v]
            print(
                f"{endpoint:5} {v:8} {s['rps']:8.0f} req/s  p50 {s['p50_ms']:.2f} ms  p99 {s['p99_ms']:.2f} ms"
            )
    write_result("http", result)


if __name__ == "__main__":
    main()
