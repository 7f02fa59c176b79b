"""Client: how long ``toastkit.show`` takes for a burst of toasts.

The same page (the bench project's ``toastkit`` variant, served from a thread
as in browser.py) with each script in turn: today's ``toastkit.min.js`` and
0.3.0's (``git show BASELINE:static/toastkit/toastkit.min.js``), swapped in
with ``page.route``. Each round loads the page afresh and calls
``toastkit.show`` N times with distinct messages (5 show, the rest wait in
the queue), timing the loop and the work it queues (the region's
MutationObserver) up to the next task. Rounds interleave the scripts.

    bench/.venv/bin/python bench/client.py [--quick]   # prints JSON
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from browser import serve

if TYPE_CHECKING:
    from playwright.sync_api import Route

BENCH = Path(__file__).resolve().parent
sys.path.append(str(BENCH.parent))  # tests.chromium

#: The last commit of 0.3.0's script (a commit, not a branch: main moves on).
BASELINE = "fec717f78b48c355ef2448e85fb80ce158552b8c"
SCRIPT = "static/toastkit/toastkit.min.js"

#: The target: 2,000 toasts through show() in under a second (issue 18).
TARGET = {"count": 2000, "ms": 1000.0}

#: ``toastkit.show`` ``count`` times; ms from the first call to the next task.
BURST = """async (count) => {
  const t0 = performance.now();
  for (let i = 0; i < count; i++) toastkit.show({message: 'Toast ' + i});
  await new Promise((resolve) => setTimeout(resolve));
  const ms = performance.now() - t0;
  const shown = document.querySelectorAll('[data-toastkit-stack] [data-toastkit-toast]').length;
  return {ms, shown};
}"""


def scripts() -> dict[str, str]:
    root = BENCH.parent
    baseline = subprocess.run(
        ["git", "show", f"{BASELINE}:{SCRIPT}"],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return {"0.3.0": baseline, "now": (root / SCRIPT).read_text()}


def serving(body: str) -> Callable[[Route], None]:
    """A route handler answering with the script ``body``."""

    def fulfil(route: Route) -> None:
        route.fulfill(body=body, content_type="text/javascript")

    return fulfil


def measure(quick: bool = False) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    from tests.chromium import launch

    counts, rounds = ((50, 100), 1) if quick else ((2000, 4000), 3)
    sources = scripts()
    samples: dict[str, dict[int, list[float]]] = {
        name: {count: [] for count in counts} for name in sources
    }
    server, base = serve()
    try:
        with sync_playwright() as pw:
            browser = launch(pw)
            version = browser.version
            for n in range(rounds):
                names = list(sources)
                order = names[n % 2 :] + names[: n % 2]  # who goes first alternates
                for count in counts:
                    for name in order:
                        page = browser.new_page()
                        errors: list[str] = []
                        page.on(
                            "pageerror",
                            lambda error, errors=errors: errors.append(str(error)),
                        )

                        page.route("**/toastkit/toastkit*.js", serving(sources[name]))
                        page.goto(f"{base}/page/?n=0")
                        page.wait_for_function("window.toastkit")
                        result = page.evaluate(BURST, count)
                        page.close()
                        if errors:
                            raise RuntimeError(f"{name}: errors in the page: {errors}")
                        if result["shown"] != 5:
                            raise RuntimeError(
                                f"{name}: {result['shown']} toasts shown, not 5"
                            )
                        samples[name][count].append(result["ms"])
            browser.close()
    finally:
        server.shutdown()
    medians = {
        name: {str(count): statistics.median(ms) for count, ms in by_count.items()}
        for name, by_count in samples.items()
    }
    return {
        "chromium": version,
        "rounds": rounds,
        "counts": list(counts),
        "baseline": BASELINE,
        "median_ms": medians,
        "target": TARGET,
    }


if __name__ == "__main__":
    print(json.dumps(measure(quick="--quick" in sys.argv), indent=2))
