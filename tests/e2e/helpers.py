"""What several browser test modules share, beyond the fixtures of conftest.py:
the htmx versions, axe-core's findings, the colours and animations of a toast,
Chromium's live counts. A test module imports from here, never from another
test module."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import CDPSession, Page

#: The htmx versions toastkit supports: each browser test of an htmx path runs
#: on every one (tests/demo's ``htmx_version`` fixture takes the same).
HTMX_VERSIONS = [2, 4]
#: ``@HTMX``: the test once per htmx version, as its ``htmx_version`` argument.
HTMX = pytest.mark.parametrize("htmx_version", HTMX_VERSIONS)

#: Every level's toast on the e2e page (its ``levels`` query).
EVERY_LEVEL = "10,20,25,30,40"

#: The colours a toast shows: its surface, its text, and its level's mark.
COLOURS = """(toast) => [
  getComputedStyle(toast).backgroundColor,
  getComputedStyle(toast).color,
  getComputedStyle(toast, '::before').backgroundColor,
]"""


def brightness(css_colour: str) -> float:
    """0 (black) to 1 (white), as the eye weighs red, green and blue."""
    red, green, blue = (int(v) for v in re.findall(r"\d+", css_colour)[:3])
    return (0.299 * red + 0.587 * green + 0.114 * blue) / 255


def finish_animations(page: Page) -> None:
    page.evaluate("document.getAnimations().forEach((a) => a.finish())")


def serious_findings(page: Page, axe_script: Path) -> list[str]:
    """axe-core's serious and critical findings on the page (``axe_script``:
    the fixture of conftest.py)."""
    # Evaluated over the DevTools protocol: the page's CSP does not apply.
    page.evaluate(axe_script.read_text())
    results = page.evaluate(
        "axe.run(document, {resultTypes: ['violations']})"
        ".then((r) => r.violations.map((v) => [v.impact, v.id, v.nodes.length, v.help]))"
    )
    return [r for r in results if r[0] in ("serious", "critical")]


def live(cdp: CDPSession) -> tuple[float, float]:
    """(DOM nodes, JS event listeners) alive after garbage collection."""
    counts = None
    for _ in range(10):  # collect until the counts settle: freeing can take two
        cdp.send("HeapProfiler.collectGarbage")
        metrics = cdp.send("Performance.getMetrics")["metrics"]
        found = {m["name"]: m["value"] for m in metrics}
        previous, counts = counts, (found["Nodes"], found["JSEventListeners"])
        if counts == previous:
            break
    assert counts is not None
    return counts
