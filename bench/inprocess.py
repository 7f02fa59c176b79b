"""1. Server, in process: microseconds per request through the whole stack.

Three long-lived worker processes, one per variant (``none``, ``stock``,
``toastkit``), each with the bench project loaded and warmed up. The parent
asks them in turn, round after round (interleaved, order rotated), to time a
batch of requests through Django's ``WSGIHandler``: no server, no sockets.
Each batch's figure is the median per-request time; the result is the median
over rounds.

    python bench/inprocess.py [--quick] [--rounds N] [--requests N] [--profile]

``--profile`` also writes cProfile listings of the toastkit variant to
bench/results/profile-*.txt.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import subprocess
import sys
import time
from typing import Any

SCENARIOS = {
    # name: (path, extra WSGI environ)
    "htmx": ("/htmx/", {"HTTP_HX_REQUEST": "true"}),
    "page": ("/page/", {}),
}


# -- worker ---------------------------------------------------------------------


def make_environ(path: str, extra: dict[str, str]) -> dict[str, Any]:
    environ: dict[str, Any] = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_ACCEPT": "text/html",
        # A returning visitor: the CSRF cookie is set already.
        "HTTP_COOKIE": "csrftoken=" + "k" * 32,
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    environ.update(extra)
    return environ


class Worker:
    def __init__(self) -> None:
        import django

        django.setup()
        from django.core.handlers.wsgi import WSGIHandler

        self.handler = WSGIHandler()
        self.status = ""
        self.headers: list[tuple[str, str]] = []

    def start_response(
        self, status: str, headers: list[tuple[str, str]], exc_info: Any = None
    ) -> Any:
        self.status = status
        self.headers = headers
        return None

    def request(self, environ: dict[str, Any]) -> bytes:
        env = dict(environ)
        env["wsgi.input"] = io.BytesIO()
        result = self.handler(env, self.start_response)
        try:
            return b"".join(result)
        finally:
            result.close()  # sends request_finished, as a real server does

    def check(self, scenario: str) -> dict[str, Any]:
        """One request, described; raises when the variant misbehaves."""
        from django.conf import settings

        path, extra = SCENARIOS[scenario]
        body = self.request(make_environ(path, extra))
        headers = dict(self.headers)
        # Django re-sends the CSRF cookie whenever a page uses the token (all variants).
        cookies = [
            v
            for k, v in self.headers
            if k.lower() == "set-cookie" and not v.startswith("csrftoken=")
        ]
        variant = settings.VARIANT
        assert self.status.startswith("200"), self.status
        info = {
            "body_bytes": len(body),
            "hx_trigger_bytes": len(headers.get("HX-Trigger", "")),
            "set_cookie": sorted(c.split("=", 1)[0] for c in cookies),
        }
        delivered = (
            "Task number 1”." in body.decode()
            if scenario == "page"
            else bool(headers.get("HX-Trigger"))
        )
        if variant == "none":
            assert not info["hx_trigger_bytes"] and not cookies, info
        elif variant == "stock" and scenario == "htmx":
            assert info["set_cookie"] == ["messages"], info  # the signed cookie
        elif variant == "toastkit" and scenario == "htmx":
            assert delivered and not cookies, info
        else:
            assert "Saved “Task number 1”." in body.decode() and not cookies, info
        if scenario == "page" and variant != "none":
            start = body.find(b'<section class="toastkit"')
            info["messages_markup_bytes"] = len(body) - start if start >= 0 else 0
        return info

    def time_batch(self, scenario: str, count: int) -> dict[str, float]:
        path, extra = SCENARIOS[scenario]
        environ = make_environ(path, extra)
        times = []
        request = self.request
        clock = time.perf_counter_ns
        gc.collect()
        for _ in range(count):
            start = clock()
            request(environ)
            times.append(clock() - start)
        times.sort()
        return {
            "median_us": times[len(times) // 2] / 1000,
            "mean_us": sum(times) / len(times) / 1000,
        }

    def profile(self, scenario: str, count: int) -> str:
        import cProfile
        import pstats

        path, extra = SCENARIOS[scenario]
        environ = make_environ(path, extra)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(count):
            self.request(environ)
        profiler.disable()
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).strip_dirs()
        out.write(f"cProfile of {count} {scenario} requests, variant toastkit\n\n")
        stats.sort_stats("cumulative").print_stats(45)
        stats.sort_stats("tottime").print_stats(25)
        return out.getvalue()


def worker_main() -> None:
    worker = Worker()
    for scenario in SCENARIOS:
        worker.check(scenario)
        worker.time_batch(scenario, 300)  # warm up: caches, templates, JIT-less CPython
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        command = json.loads(line)
        if command["op"] == "time":
            reply: Any = worker.time_batch(command["scenario"], command["count"])
        elif command["op"] == "check":
            reply = worker.check(command["scenario"])
        elif command["op"] == "profile":
            reply = {"text": worker.profile(command["scenario"], command["count"])}
        else:
            break
        print(json.dumps(reply), flush=True)


# -- parent ---------------------------------------------------------------------


class Client:
    def __init__(self, variant: str) -> None:
        from _common import BENCH, bench_env

        self.variant = variant
        self.proc = subprocess.Popen(
            [sys.executable, str(BENCH / "inprocess.py"), "--worker"],
            env=bench_env(variant),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=BENCH,
        )

    def ask(self, **command: Any) -> Any:
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(json.dumps(command) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"worker {self.variant} died")
        return json.loads(line)

    def wait_ready(self) -> None:
        assert self.proc.stdout
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"worker {self.variant} failed to start")

    def close(self) -> None:
        assert self.proc.stdin
        try:
            self.proc.stdin.write(json.dumps({"op": "quit"}) + "\n")
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        self.proc.wait(timeout=30)


def main() -> None:
    from _common import RESULTS, VARIANTS, median, write_result

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--rounds", type=int)
    parser.add_argument("--requests", type=int, help="requests per batch")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    rounds = args.rounds or (2 if args.quick else 15)
    count = args.requests or (20 if args.quick else 2000)

    clients = {v: Client(v) for v in VARIANTS}
    try:
        for client in clients.values():
            client.wait_ready()
        checks = {
            v: {s: c.ask(op="check", scenario=s) for s in SCENARIOS}
            for v, c in clients.items()
        }
        samples: dict[str, dict[str, list[float]]] = {
            s: {v: [] for v in VARIANTS} for s in SCENARIOS
        }
        for r in range(rounds):
            order = VARIANTS[r % 3 :] + VARIANTS[: r % 3]
            for scenario in SCENARIOS:
                for variant in order:
                    batch = clients[variant].ask(
                        op="time", scenario=scenario, count=count
                    )
                    samples[scenario][variant].append(batch["median_us"])
            print(f"    round {r + 1}/{rounds}", file=sys.stderr)
        if args.profile:
            RESULTS.mkdir(exist_ok=True)
            for scenario in SCENARIOS:
                text = clients["toastkit"].ask(
                    op="profile", scenario=scenario, count=count
                )["text"]
                (RESULTS / f"profile-{scenario}.txt").write_text(text)
    finally:
        for client in clients.values():
            client.close()

    result: dict[str, Any] = {
        "rounds": rounds,
        "requests_per_batch": count,
        "checks": checks,
    }
    for scenario in SCENARIOS:
        med = {v: median(samples[scenario][v]) for v in VARIANTS}
        per_round_ratio = [
            (t - n) / (s - n) if s - n else float("nan")
            for n, s, t in zip(*(samples[scenario][v] for v in VARIANTS), strict=True)
        ]
        per_round_pct = [
            t / s
            for s, t in zip(
                samples[scenario]["stock"], samples[scenario]["toastkit"], strict=True
            )
        ]
        result[scenario] = {
            "median_us": med,
            "samples_us": samples[scenario],
            "overhead_us": {
                "stock": med["stock"] - med["none"],
                "toastkit": med["toastkit"] - med["none"],
            },
            "overhead_ratio": (med["toastkit"] - med["none"])
            / (med["stock"] - med["none"])
            if med["stock"] != med["none"]
            else float("nan"),
            "overhead_ratio_rounds": [min(per_round_ratio), max(per_round_ratio)],
            "toastkit_over_stock": med["toastkit"] / med["stock"],
            "toastkit_over_stock_rounds": [min(per_round_pct), max(per_round_pct)],
        }
        print(
            f"{scenario:5} none {med['none']:7.1f} us  stock {med['stock']:7.1f} us  "
            f"toastkit {med['toastkit']:7.1f} us  overhead ratio "
            f"{result[scenario]['overhead_ratio']:.2f}  toastkit/stock "
            f"{result[scenario]['toastkit_over_stock']:.3f}"
        )
    write_result("inprocess", result)


if __name__ == "__main__":
    if "--worker" in sys.argv:
        worker_main()
    else:
        sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
        main()
