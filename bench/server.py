"""Server, in process: µs per request, five variants and past releases, three paths, one run.

One worker process per variant (Django's settings are per process), warmed up
and checked first: each variant must deliver the message where it should, or
the run fails. Then, round after round with the order rotated, each worker
times a batch of requests through Django's ``WSGIHandler`` (no server, no
sockets): a batch's figure is its median, the result the median over rounds.
Interleaving spreads background load over every variant instead of one.

Past releases (``RELEASES``) run as more toastkit variants in the same run:
each worker imports the release's code, exported from git by its commit,
ahead of the checkout's toastkit.

    bench/.venv/bin/python bench/server.py [--quick]   # prints JSON
"""

from __future__ import annotations

import gc
import io
import json
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

from benchapp import settings  # bench/ is on sys.path: it holds this script
from workers import Workers

#: Past releases timed beside today's toastkit: the last commit of each.
RELEASES = {
    "toastkit-0.1.0": "3bd4c44909d2315632d65ecacb33f0ba8dc67ae2",
    "toastkit-0.3.0": "52b2726bcacd92cc9f05e73063b490066c8bbf28",
}
VARIANTS = (*settings.VARIANTS, *RELEASES)
#: Where each release's code is exported (git ignores it).
RELEASE_TREES = Path(__file__).parent / ".releases"
PATHS = {  # name: (path, query string, htmx request?)
    "htmx": ("/htmx/", "", True),  # an htmx request whose view adds a message
    "page": ("/page/", "", False),  # a full page that renders it
    "quiet": ("/htmx/", "n=0", True),  # an htmx request without messages
}
MESSAGE = "Saved “Task number 1”."


def expected(variant: str, path: str) -> str:
    """Where the variant must deliver the message on that path."""
    if variant == "none" or path == "quiet":
        return "nothing"
    if path == "page":
        return "page"
    return "cookie" if variant == "stock" else "header"  # stock: for the next page


def environ(path: str) -> dict[str, Any]:
    path_info, query, htmx = PATHS[path]
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path_info,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_COOKIE": "csrftoken=" + "k" * 32,  # a returning visitor
        **({"HTTP_HX_REQUEST": "true"} if htmx else {}),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
    }


def worker(warm_up: int) -> None:
    """Answer the parent: first what each path delivers, then timings."""
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    handler, response = WSGIHandler(), {}

    def start_response(status: str, headers: Any, exc_info: Any = None) -> None:
        response.update(status=status, headers=headers)

    def request(env: dict[str, Any]) -> str:
        result = handler({**env, "wsgi.input": io.BytesIO()}, start_response)
        try:
            return b"".join(result).decode()
        finally:
            result.close()  # sends request_finished, as a real server does

    def describe(path: str) -> dict[str, Any]:
        body = request(environ(path))
        assert response["status"].startswith("200"), response["status"]
        headers = response["headers"]
        trigger = next((v for k, v in headers if k == "HX-Trigger"), "")
        stored = any(
            k == "Set-Cookie" and re.match(r"messages=[^;\"]", v) for k, v in headers
        )
        where = {"header": trigger, "cookie": stored, "page": MESSAGE in body}
        markup = body[body.find('<link rel="stylesheet" href="/static/toastkit/') :]
        return {
            "delivered": "+".join(k for k, v in where.items() if v) or "nothing",
            "hx_trigger_bytes": len(trigger),
            # To compare stock's hand-written markup with {% toasts %}'s.
            "markup": re.sub(r'(data-id="|toastkit-)[\w-]+"', r'\1ID"', markup)
            .replace(".min.", ".")
            .split(),
        }

    def timed(path: str, count: int) -> float:
        env, clock, times = environ(path), time.perf_counter_ns, []
        gc.collect()
        for _ in range(count):
            start = clock()
            request(env)
            times.append(clock() - start)
        return statistics.median(times) / 1000  # µs

    checks = {path: describe(path) for path in PATHS}
    for path in PATHS:
        timed(path, warm_up)  # caches, templates, lazy imports
    print(json.dumps(checks), flush=True)
    for line in sys.stdin:
        print(json.dumps(timed(*json.loads(line))), flush=True)


def release_tree(commit: str) -> Path:
    """The release's toastkit/, templates/ and static/, exported from git once
    (into a scratch folder renamed into place: a stopped export is not reused)."""
    tree = RELEASE_TREES / commit
    if tree.is_dir():
        return tree
    archive = subprocess.run(
        ["git", "archive", "--format=tar", commit, "toastkit", "templates", "static"],
        capture_output=True,
        cwd=Path(__file__).parent.parent,  # the checkout
    )
    if archive.returncode:
        raise RuntimeError(
            f"cannot export release {commit} (a shallow clone lacks it): "
            + archive.stderr.decode(errors="replace").strip()
        )
    RELEASE_TREES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=RELEASE_TREES) as scratch:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(scratch, filter="tar")  # keeps 0.x's relative symlinks
        Path(scratch).rename(tree)
        Path(scratch).mkdir()  # for TemporaryDirectory's clean-up
    return tree


def measure(quick: bool = False) -> dict[str, Any]:
    rounds, count, warm_up = (2, 20, 20) if quick else (20, 1000, 300)
    envs = {
        variant: {
            "DJANGO_SETTINGS_MODULE": "benchapp.settings",
            "TOASTKIT_BENCH_VARIANT": variant,
        }
        for variant in VARIANTS
    }
    for variant, commit in RELEASES.items():
        envs[variant]["PYTHONPATH"] = str(release_tree(commit))
    with Workers(__file__, warm_up, envs) as workers:
        checks = {variant: workers.ask(variant) for variant in VARIANTS}
        for variant, path in ((v, p) for v in VARIANTS for p in PATHS):
            got, want = checks[variant][path]["delivered"], expected(variant, path)
            if got != want:
                raise RuntimeError(f"{variant} on {path}: {got}, not {want}")
        samples: dict[str, dict[str, list[float]]] = {
            path: {v: [] for v in VARIANTS} for path in PATHS
        }
        for r in range(rounds):
            for path in PATHS:
                turn = r % len(VARIANTS)
                for variant in VARIANTS[turn:] + VARIANTS[:turn]:
                    samples[path][variant].append(workers.ask(variant, [path, count]))
            print(f"    server: round {r + 1}/{rounds}", file=sys.stderr, flush=True)
    return {
        "releases": RELEASES,
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
        worker(int(sys.argv[2]))
    else:
        print(json.dumps(measure(quick="--quick" in sys.argv), indent=2))
