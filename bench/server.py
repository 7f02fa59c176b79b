"""Server, in process: µs per request, five variants, three paths, one run.

One worker process per variant (Django's settings are per process), each
warmed up and checked: every variant must deliver the message where it
should (EXPECTED) or the run fails. The parent then asks the workers in turn,
round after round with the order rotated, to time a batch of requests
through Django's ``WSGIHandler`` (no server, no sockets): a batch's figure is
its median, the result the median over rounds. Interleaving spreads
background load over every variant instead of spoiling one.

    bench/.venv/bin/python bench/server.py [--quick]   # prints JSON
"""

from __future__ import annotations

import gc
import io
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from benchapp.settings import VARIANTS  # noqa: E402 (a plain module; no set-up)

#: name: (path, query string, htmx request?)
PATHS = {
    "htmx": ("/htmx/", "", True),  # an htmx request whose view adds a message
    "page": ("/page/", "", False),  # a full page that renders it
    "quiet": ("/htmx/", "n=0", True),  # an htmx request without messages
}

#: Where each variant must deliver the message, per path.
EXPECTED = {
    "htmx": {
        "none": "nothing",
        "stock": "cookie",  # stored, for the next full page
        "peer": "header",
        "floor": "header",
        "toastkit": "header",
    },
    "page": {"none": "nothing"} | {v: "page" for v in VARIANTS if v != "none"},
    "quiet": dict.fromkeys(VARIANTS, "nothing"),
}
MESSAGE = "Saved “Task number 1”."


# -- in the worker ----------------------------------------------------------


class Worker:
    def __init__(self) -> None:
        import django

        django.setup()
        from django.core.handlers.wsgi import WSGIHandler

        self.handler = WSGIHandler()
        self.headers: list[tuple[str, str]] = []

    def start_response(self, status: str, headers: Any, exc_info: Any = None) -> None:
        self.headers = [("Status", status), *headers]

    def request(self, environ: dict[str, Any]) -> bytes:
        result = self.handler(
            {**environ, "wsgi.input": io.BytesIO()}, self.start_response
        )
        try:
            return b"".join(result)
        finally:
            result.close()  # sends request_finished, as a real server does

    def describe(self, name: str) -> dict[str, Any]:
        """What one request delivers: ``header``, ``cookie``, ``page`` or ``nothing``."""
        body = self.request(environ(name)).decode()
        headers = dict(self.headers)
        cookies = [v for k, v in self.headers if k == "Set-Cookie"]
        where = [
            *(["header"] if "HX-Trigger" in headers else []),
            *(["cookie"] if any(is_messages_cookie(c) for c in cookies) else []),
            *(["page"] if MESSAGE in body else []),
        ]
        assert headers["Status"].startswith("200"), headers["Status"]
        start = body.find('<link rel="stylesheet" href="/static/toastkit/')
        return {
            "delivered": "+".join(where) or "nothing",
            "hx_trigger_bytes": len(headers.get("HX-Trigger", "")),
            "markup": normalized(body[start:]) if start >= 0 else "",
        }

    def time(self, name: str, count: int) -> float:
        """Median µs per request over ``count`` requests."""
        env, request, clock = environ(name), self.request, time.perf_counter_ns
        times = []
        gc.collect()
        for _ in range(count):
            start = clock()
            request(env)
            times.append(clock() - start)
        return statistics.median(times) / 1000


def environ(name: str) -> dict[str, Any]:
    path, query, htmx = PATHS[name]
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_ACCEPT": "text/html",
        "HTTP_COOKIE": "csrftoken=" + "k" * 32,  # a returning visitor
        **({"HTTP_HX_REQUEST": "true"} if htmx else {}),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
    }


def is_messages_cookie(header: str) -> bool:
    """A ``Set-Cookie`` storing messages (not deleting the cookie)."""
    return header.startswith("messages=") and not header.startswith('messages="";')


def normalized(html: str) -> str:
    """Messages markup without ids, blank lines or ``.min`` in file names."""
    html = re.sub(r'(data-id="|toastkit-)[\w-]+"', r'\1ID"', html).replace(".min.", ".")
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


def worker_main(warm_up: int) -> None:
    worker = Worker()
    checks = {name: worker.describe(name) for name in PATHS}
    for name in PATHS:
        worker.time(name, warm_up)  # caches, templates, lazy imports
    print(json.dumps(checks), flush=True)
    for line in sys.stdin:
        name, count = json.loads(line)
        print(json.dumps(worker.time(name, count)), flush=True)


# -- in the parent ----------------------------------------------------------


def start(variant: str, warm_up: int) -> subprocess.Popen[str]:
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "benchapp.settings",
        "TOASTKIT_BENCH_VARIANT": variant,
        "PYTHONHASHSEED": "0",
    }
    return subprocess.Popen(
        [sys.executable, __file__, "--worker", str(warm_up)],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=BENCH,
    )


def ask(worker: subprocess.Popen[str], message: Any = None) -> Any:
    assert worker.stdin
    assert worker.stdout
    if message is not None:
        worker.stdin.write(json.dumps(message) + "\n")
        worker.stdin.flush()
    line = worker.stdout.readline()
    if not line:
        raise RuntimeError(f"a bench worker died: {worker.args}")
    return json.loads(line)


def measure(quick: bool = False) -> dict[str, Any]:
    rounds, count, warm_up = (2, 20, 20) if quick else (20, 1000, 300)
    workers = {v: start(v, warm_up) for v in VARIANTS}
    try:
        checks = {v: ask(w) for v, w in workers.items()}
        for name, expected in EXPECTED.items():
            for variant, where in expected.items():
                got = checks[variant][name]["delivered"]
                if got != where:
                    raise RuntimeError(f"{variant} on {name}: {got}, not {where}")
        samples: dict[str, dict[str, list[float]]] = {
            name: {v: [] for v in VARIANTS} for name in PATHS
        }
        variants = list(VARIANTS)
        for r in range(rounds):
            order = variants[r % len(variants) :] + variants[: r % len(variants)]
            for name in PATHS:
                for variant in order:
                    samples[name][variant].append(ask(workers[variant], [name, count]))
            print(f"    server: round {r + 1}/{rounds}", file=sys.stderr, flush=True)
    finally:
        for worker in workers.values():
            if worker.stdin:
                worker.stdin.close()
            worker.wait(timeout=60)
    return {
        "rounds": rounds,
        "requests": count,
        "samples": samples,
        "hx_trigger_bytes": {
            v: checks[v]["htmx"]["hx_trigger_bytes"] for v in VARIANTS
        },
        "same_markup": checks["stock"]["page"]["markup"]
        == checks["toastkit"]["page"]["markup"],
    }


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        worker_main(int(sys.argv[2]))
    else:
        print(json.dumps(measure(quick="--quick" in sys.argv), indent=2))
