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
import difflib
import gc
import io
import json
import re
import subprocess
import sys
import time
from typing import Any

SCENARIOS = {
    # name: (path, extra WSGI environ)
    "htmx": ("/htmx/", {"HTTP_HX_REQUEST": "true"}),
    "page": ("/page/", {}),
    # Most requests bring no message: what does merely being installed cost?
    "quiet": ("/htmx/", {"HTTP_HX_REQUEST": "true", "QUERY_STRING": "n=0"}),
}


#: Code whose cost the profile summary lists (toastkit's and what it drives).
PROFILED = ("toastkit/", "django_cotton/", "django/contrib/messages/", "django_htmx/")


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


def normalized_markup(html: str) -> str:
    """The messages markup with ids and blank lines taken out, to compare variants."""
    html = re.sub(r'(data-id="|toastkit-)[A-Za-z0-9_-]+"', r'\1ID"', html)
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


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
        if variant == "none" or scenario == "quiet":
            ok = not info["hx_trigger_bytes"] and not cookies
        elif variant == "stock" and scenario == "htmx":
            ok = info["set_cookie"] == ["messages"]  # the signed cookie
        else:  # toastkit on htmx: in the header; both on the page: in the body
            ok = delivered and not cookies
        if not ok:
            raise RuntimeError(f"{variant} misbehaves on {scenario}: {info}")
        if scenario == "page" and variant != "none":
            start = body.find(b'<link rel="stylesheet" href="/static/toastkit/')
            info["messages_markup_bytes"] = len(body) - start if start >= 0 else 0
            info["messages_markup"] = normalized_markup(body[start:].decode())
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

    def profile(self, scenario: str, count: int) -> dict[str, Any]:
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
        stats = pstats.Stats(profiler, stream=out)
        hot = []
        for (filename, line, func), (_, calls, _, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
            marker = next((m for m in PROFILED if m in filename), None)
            # Middleware __call__s wrap the whole request; htmx_script is on every variant's page.
            if (
                marker
                and func not in ("__call__", "__acall__")
                and "django_htmx/templatetags" not in filename
                and "django_htmx/jinja" not in filename
            ):
                where = filename[filename.index(marker) :]
                hot.append(
                    {
                        "function": f"{where}:{line}({func})",
                        "calls_per_request": calls / count,
                        "cumulative_us": cumulative / count * 1e6,
                        "share": cumulative / stats.total_tt,  # type: ignore[attr-defined]
                    }
                )
        hot.sort(key=lambda h: -h["cumulative_us"])
        stats.strip_dirs()
        out.write(f"cProfile of {count} {scenario} requests, variant toastkit\n\n")
        stats.sort_stats("cumulative").print_stats(45)
        stats.sort_stats("tottime").print_stats(25)
        return {"text": out.getvalue(), "hot": hot[:12]}


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
            reply = worker.profile(command["scenario"], command["count"])
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
        assert self.proc.stdin
        assert self.proc.stdout
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
    profiles: dict[str, Any] = {}
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
                profile = clients["toastkit"].ask(
                    op="profile", scenario=scenario, count=count
                )
                (RESULTS / f"profile-{scenario}.txt").write_text(profile["text"])
                profiles[scenario] = profile["hot"]
    finally:
        for client in clients.values():
            client.close()

    tk_markup = checks["toastkit"]["page"].pop("messages_markup")
    stock_markup = checks["stock"]["page"].pop("messages_markup")
    if tk_markup != stock_markup:
        print(
            "!!! bench/benchapp/templates/bench/page_stock.html no longer renders the "
            "markup toastkit's {% toasts %} renders: update it (see the diff in "
            "bench/results/markup.diff)",
            file=sys.stderr,
        )
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "markup.diff").write_text(
            "\n".join(
                difflib.unified_diff(
                    stock_markup.splitlines(),
                    tk_markup.splitlines(),
                    "stock",
                    "toastkit",
                    lineterm="",
                )
            )
        )
    result: dict[str, Any] = {
        "markup_equal": tk_markup == stock_markup,
        "profile": profiles,
        "rounds": rounds,
        "requests_per_batch": count,
        "checks": checks,
    }
    for scenario in SCENARIOS:
        med = {v: median(samples[scenario][v]) for v in VARIANTS}
        best = {v: min(samples[scenario][v]) for v in VARIANTS}
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
            # Noise only ever adds time: the best rounds are a robustness check.
            "best_us": best,
            "overhead_ratio_best": (best["toastkit"] - best["none"])
            / (best["stock"] - best["none"])
            if best["stock"] != best["none"]
            else float("nan"),
            "toastkit_over_stock_best": best["toastkit"] / best["stock"],
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
