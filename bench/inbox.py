"""The inbox, in process: an authenticated htmx request with nothing pending.

Issue 13: requests with nothing pending must stay cheap. The bench project's
toastkit variant, plus ``django.contrib.auth`` and a SQLite file in a
temporary directory, runs as three workers, one process each:

    without   toastkit, no toastkit.inbox
    query     toastkit.inbox, no flag cache (TOASTKIT_INBOX_CACHE = None)
    flag      toastkit.inbox, the pending flags in a FileBasedCache

The request: an htmx GET by a logged-in user (the session in the
local-memory cache, as in every variant) to a view that reads
``request.user`` and adds no message; the user's inbox is empty. Each worker
is checked first: the queries one request makes, and, with the app, that a
message sent with ``notify()`` arrives in the next response's ``HX-Trigger``.
Then timed as server.py times its variants: interleaved rounds, a batch's
median, the median over rounds.

    bench/.venv/bin/python bench/inbox.py [--quick]   # prints JSON
"""

from __future__ import annotations

import gc
import io
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from server import environ
from workers import Workers

VARIANTS = ("without", "query", "flag")
#: variant: (queries per request, of which the inbox's), checked before timing.
QUERIES = {"without": (1, 0), "query": (2, 1), "flag": (1, 0)}


def worker(warm_up: int) -> None:
    """Set up the database and a logged-in user, report the checks, then time."""
    import django

    django.setup()
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_user("ada")
    client = Client()
    client.force_login(user)
    cookie = "; ".join(f"{k}={v.value}" for k, v in client.cookies.items())
    env = {**environ("quiet"), "PATH_INFO": "/htmx/user/", "HTTP_COOKIE": cookie}
    handler, response = WSGIHandler(), {}

    def start_response(status: str, headers: Any, exc_info: Any = None) -> None:
        response.update(status=status, headers=headers)

    def request() -> str:
        result = handler({**env, "wsgi.input": io.BytesIO()}, start_response)
        try:
            b"".join(result)
        finally:
            result.close()  # sends request_finished, as a real server does
        assert response["status"].startswith("200"), response["status"]
        return next((v for k, v in response["headers"] if k == "HX-Trigger"), "")

    def timed(count: int) -> float:
        clock, times = time.perf_counter_ns, []
        gc.collect()
        for _ in range(count):
            start = clock()
            request()
            times.append(clock() - start)
        return statistics.median(times) / 1000  # µs

    checks: dict[str, Any] = {"delivered": None}
    if apps.is_installed("toastkit.inbox"):
        from toastkit import inbox

        inbox.info(user, "Inbox check")
        checks["delivered"] = "Inbox check" in request() and request() == ""
    with CaptureQueriesContext(connection) as captured:
        assert request() == ""
    sql = [q["sql"] for q in captured.captured_queries]
    checks["queries"] = [len(sql), sum("toastkit_inbox" in s for s in sql)]
    timed(warm_up)
    print(json.dumps(checks), flush=True)
    for line in sys.stdin:
        print(json.dumps(timed(json.loads(line))), flush=True)


def measure(quick: bool = False) -> dict[str, Any]:
    rounds, count, warm_up = (2, 20, 20) if quick else (20, 1000, 300)
    with tempfile.TemporaryDirectory(prefix="toastkit-bench-inbox-") as scratch:
        envs = {}
        for variant in VARIANTS:
            (Path(scratch) / variant).mkdir()
            envs[variant] = {
                "DJANGO_SETTINGS_MODULE": "benchapp.settings",
                "TOASTKIT_BENCH_VARIANT": "toastkit",
                "TOASTKIT_BENCH_INBOX": variant,
                "TOASTKIT_BENCH_SCRATCH": str(Path(scratch) / variant),
            }
        with Workers(__file__, warm_up, envs) as workers:
            checks = {variant: workers.ask(variant) for variant in VARIANTS}
            for variant, check in checks.items():
                if check["queries"] != list(QUERIES[variant]):
                    raise RuntimeError(f"inbox {variant}: queries {check['queries']}")
                if check["delivered"] is False:
                    raise RuntimeError(f"inbox {variant}: notify() was not delivered")
            samples: dict[str, list[float]] = {v: [] for v in VARIANTS}
            for r in range(rounds):
                for variant in VARIANTS[r % 3 :] + VARIANTS[: r % 3]:
                    samples[variant].append(workers.ask(variant, count))
                print(f"    inbox: round {r + 1}/{rounds}", file=sys.stderr, flush=True)
    return {
        "rounds": rounds,
        "requests": count,
        "samples": samples,
        "queries": {v: checks[v]["queries"] for v in VARIANTS},
    }


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        worker(int(sys.argv[2]))
    else:
        print(json.dumps(measure(quick="--quick" in sys.argv), indent=2))
