"""4. Browser: toast latency, a 100-message burst and a 1,000-toast leak check.

Serves the bench project (``toastkit`` variant) with gunicorn on 127.0.0.1 and
drives Debian's Chromium (or ``TOASTKIT_CHROMIUM``) with Playwright:

* latency: per htmx request bringing one message, from the response arriving
  (``htmx:beforeOnLoad``, just before htmx reads ``HX-Trigger``) to the toast
  in the DOM (``toastkit:shown`` or, first, a MutationObserver on
  ``[data-toastkit-stack]``) and to the end of the first frame that paints it;
* burst: one response with 100 messages (``TOASTKIT_HEADER_BUDGET`` raised to
  64 KiB for this server so they all fit): longest main-thread task
  (PerformanceObserver ``longtask``; Chromium only reports tasks of 50 ms or
  more) and long animation frames, plus the CDP main-thread task time;
* leak: 1,000 toasts shown with ``toastkit.show()`` and dismissed with their
  Dismiss buttons; DOM nodes, listeners and JS heap after a forced GC
  (CDP ``HeapProfiler.collectGarbage``, ``Performance.getMetrics``).

    python bench/browser.py [--quick] [--trials N] [--toasts N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.chromium

from _common import BENCH, median, percentile, write_result
from http_wrk import free_port, wait_up

from tests.chromium import CHROMIUM_ARGS, NoChromium, chromium_executable

BURST_BUDGET = 65536


def chromium() -> str | None:
    try:
        return chromium_executable()
    except NoChromium as exc:
        sys.exit(str(exc))


def start_server(port: int) -> Any:
    import subprocess

    from _common import bench_env

    gunicorn = Path(sys.executable).with_name("gunicorn")
    return subprocess.Popen(
        [
            str(gunicorn),
            "--workers=1",
            "--worker-class=gthread",
            "--threads=4",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
            "benchapp.wsgi",
        ],
        cwd=BENCH,
        env=bench_env("toastkit", TOASTKIT_BENCH_HEADER_BUDGET=str(BURST_BUDGET)),
    )


def metrics(cdp: Any) -> dict[str, float]:
    for _ in range(3):
        cdp.send("HeapProfiler.collectGarbage")
        time.sleep(0.05)
    return {
        m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]
    }


def collection_sizes(cdp: Any) -> list[int]:
    """Sizes of every live Set and Map in the page, in heap order."""
    sizes: list[int] = []
    for proto in ("Set.prototype", "Map.prototype"):
        prototype = cdp.send(
            "Runtime.evaluate", {"expression": proto, "objectGroup": "bench"}
        )["result"]
        found = cdp.send(
            "Runtime.queryObjects",
            {"prototypeObjectId": prototype["objectId"], "objectGroup": "bench"},
        )
        reply = cdp.send(
            "Runtime.callFunctionOn",
            {
                "objectId": found["objects"]["objectId"],
                "functionDeclaration": "function () { return this.map((c) => c.size); }",
                "returnByValue": True,
            },
        )
        sizes += reply["result"]["value"]
    cdp.send("Runtime.releaseObjectGroup", {"objectGroup": "bench"})
    return sizes


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--trials", type=int)
    parser.add_argument("--toasts", type=int, help="toasts in the leak check")
    args = parser.parse_args()
    trials = args.trials or (5 if args.quick else 100)
    toasts = args.toasts or (20 if args.quick else 1000)
    bursts = 2 if args.quick else 5
    burst_size = 100

    port = free_port()
    server = start_server(port)
    harness = (BENCH / "browser_harness.js").read_text()
    result: dict[str, Any] = {
        "trials": trials,
        "toasts": toasts,
        "burst_size": burst_size,
    }
    try:
        wait_up(port, "toastkit")
        base = f"http://127.0.0.1:{port}"
        with sync_playwright() as pw:
            executable = chromium()
            browser = pw.chromium.launch(
                args=CHROMIUM_ARGS,
                **({"executable_path": executable} if executable else {}),
            )
            result["browser_version"] = browser.version
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.on(
                "pageerror", lambda exc: print(f"page error: {exc}", file=sys.stderr)
            )
            cdp = page.context.new_cdp_session(page)
            cdp.send("Performance.enable")
            page.goto(f"{base}/browser/")
            page.wait_for_function("window.htmx && window.toastkit")
            page.evaluate(harness)

            # Latency: warm up, then the trials, clearing between them.
            runs = []
            for n in range(trials + 5):
                page.evaluate("__bench.clear(true)")
                run = page.evaluate(f"__bench.trial('/htmx/?t={n}')")
                if n >= 5:
                    runs.append(run)
            insert = [r["insert_ms"] for r in runs]
            frame = [r["frame_ms"] for r in runs]
            result["latency"] = {
                "insert_median_ms": median(insert),
                "insert_p95_ms": percentile(insert, 95),
                "frame_median_ms": median(frame),
                "frame_p95_ms": percentile(frame, 95),
                "first_frame_share": sum(r["frames"] == 1 for r in runs) / len(runs),
                "frames_max": max(r["frames"] for r in runs),
                "signal": sorted({r["via"] for r in runs}),
                "shown_events": page.evaluate("__bench.shownEvents()"),
            }
            print(
                "latency: response -> toast in DOM median {insert_median_ms:.2f} ms, "
                "p95 {insert_p95_ms:.2f} ms; -> painted median {frame_median_ms:.2f} ms, "
                "p95 {frame_p95_ms:.2f} ms; in the first frame after the response in "
                "{first_frame_share:.0%} of trials".format(**result["latency"])
            )

            # Burst: 100 messages in one response.
            results = []
            for n in range(bursts):
                page.evaluate("__bench.clear(true)")
                before = metrics(cdp)["TaskDuration"]
                one = page.evaluate(f"__bench.burst('/htmx/?n={burst_size}&b={n}')")
                one["cdp_task_ms"] = (metrics(cdp)["TaskDuration"] - before) * 1000
                results.append(one)
            result["burst"] = {
                "runs": results,
                "longest_task_ms": max(r["longest_task_ms"] for r in results),
                "longest_frame_ms": max(r["longest_frame_ms"] for r in results),
                "response_task_ms_median": median(
                    [r["response_task_ms"] for r in results]
                ),
                "response_to_frame_ms_median": median(
                    [r["response_to_frame_ms"] for r in results]
                ),
                "cdp_task_ms_median": median([r["cdp_task_ms"] for r in results]),
                "toasts_in_dom": results[-1]["toasts_in_dom"],
            }
            print(
                "burst: longest long task {longest_task_ms:.1f} ms (0 = none of 50 ms or more), "
                "longest long frame {longest_frame_ms:.1f} ms, response task "
                "{response_task_ms_median:.1f} ms, response -> painted "
                "{response_to_frame_ms_median:.1f} ms, {toasts_in_dom} toasts in the DOM".format(
                    **result["burst"]
                )
            )

            # Leak check: warm up so that one-time allocations land in the baseline.
            page.evaluate("__bench.clear(true)")
            page.evaluate("__bench.cycle(50, 10, 'w')")
            sizes_before = collection_sizes(cdp)
            baseline = metrics(cdp)
            started = time.monotonic()
            left = page.evaluate(f"__bench.cycle({toasts}, 10, 'k')")
            elapsed = time.monotonic() - started
            page.evaluate("__bench.clear(true)")
            after = metrics(cdp)  # before looking: looking allocates
            sizes_after = collection_sizes(cdp)
            keys = (
                "Nodes",
                "JSEventListeners",
                "JSHeapUsedSize",
                "Documents",
                "LayoutObjects",
            )
            result["leak"] = {
                "baseline": {k: baseline.get(k) for k in keys},
                "after": {k: after.get(k) for k in keys},
                "delta": {k: after.get(k, 0) - baseline.get(k, 0) for k in keys},
                "left_in_dom": left,
                # A collection that grows with every toast is the usual leak.
                "largest_collection_growth": max(
                    (
                        b - a
                        for a, b in zip(
                            sorted(sizes_before), sorted(sizes_after), strict=False
                        )
                    ),
                    default=0,
                ),
                "seconds": elapsed,
            }
            result["leak"]["heap_bytes_per_toast"] = (
                result["leak"]["delta"]["JSHeapUsedSize"] / toasts
            )
            print(
                "leak: after {0} toasts: nodes {1[Nodes]:+.0f}, listeners "
                "{1[JSEventListeners]:+.0f}, JS heap {1[JSHeapUsedSize]:+.0f} B".format(
                    toasts, result["leak"]["delta"]
                )
            )
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    write_result("browser", result)


if __name__ == "__main__":
    main()
