"""Browser: how soon a toast is painted, and what a 100-message burst costs.

Serves the bench project (``toastkit`` variant, the header budget raised to
64 KiB so that 100 messages fit in one response) from a thread of this
process, and drives headless Chromium (tests/chromium.py picks the browser
and its flags) through Playwright; the measuring code is browser_harness.js.

    bench/.venv/bin/python bench/browser.py [--quick]   # prints JSON
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import threading
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.append(str(BENCH.parent))  # tests.chromium

BURST = 100


def serve() -> tuple[Any, str]:
    """The bench project on a free port of 127.0.0.1, in a thread."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="benchapp.settings",
        TOASTKIT_BENCH_VARIANT="toastkit",
        TOASTKIT_BENCH_HEADER_BUDGET="65536",
    )
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler)
    server.set_app(WSGIHandler())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def measure(quick: bool = False) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    from tests.chromium import launch

    trials, bursts, warm_up = (5, 2, 2) if quick else (100, 5, 5)
    server, base = serve()
    try:
        with sync_playwright() as pw:
            browser = launch(pw)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(f"{base}/page/?n=0")  # the full page, no message yet
            page.wait_for_function("window.htmx && window.toastkit")
            page.evaluate((BENCH / "browser_harness.js").read_text())
            runs = []
            for n in range(warm_up + trials):
                page.evaluate("__bench.clear()")
                run = page.evaluate(f"__bench.trial('/htmx/?t={n}')")
                if n >= warm_up:
                    runs.append(run)
            burst_runs = []
            for n in range(bursts):
                page.evaluate("__bench.clear()")
                burst_runs.append(
                    page.evaluate(f"__bench.burst('/htmx/?n={BURST}&b={n}')")
                )
            version = browser.version
            browser.close()
    finally:
        server.shutdown()
    if errors:
        raise RuntimeError(f"errors in the page: {errors}")
    if any(r["messages"] != BURST for r in burst_runs):
        raise RuntimeError(f"the burst response did not carry {BURST} messages")

    def median_p95(key: str) -> dict[str, float]:
        values = [r[key] for r in runs]
        p95 = statistics.quantiles(values, n=20, method="inclusive")[-1]
        return {"median": statistics.median(values), "p95": p95}

    return {
        "chromium": version,
        "trials": trials,
        "dom_ms": median_p95("dom_ms"),
        "painted_ms": median_p95("painted_ms"),
        "first_frame_share": sum(r["frame"] <= 1 for r in runs) / len(runs),
        "worst_frame": max(r["frame"] for r in runs),
        "burst": {
            "messages": BURST,
            "runs": bursts,
            "longest_task_ms": max(r["longest_task_ms"] for r in burst_runs),
            "response_task_ms": max(r["response_task_ms"] for r in burst_runs),
            "painted_ms": statistics.median(r["painted_ms"] for r in burst_runs),
        },
    }


if __name__ == "__main__":
    print(json.dumps(measure(quick="--quick" in sys.argv), indent=2))
