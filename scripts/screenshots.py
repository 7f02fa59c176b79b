#!/usr/bin/env python
"""Regenerate the README's screenshots from the running demo.

    .venv/bin/python scripts/screenshots.py [--out docs/img]

Starts the demo on a scratch database (tests/demo/server.py), with its sample
tasks, and saves light, dark, right-to-left and JavaScript-off screenshots
with Chromium (TOASTKIT_CHROMIUM as for the browser tests).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

from tests.chromium import CHROMIUM_ARGS, chromium_executable  # noqa: E402
from tests.demo.pages import apply_switches  # noqa: E402
from tests.demo.server import running_demo  # noqa: E402

VIEWPORT = {"width": 1100, "height": 760}
#: The demo's sample tasks (tasks/migrations/0002_sample_tasks.py); the first is done.
TASKS = ["Book the venue", "Send the invitations", "Order the cake", "Write the toast"]


def region_toasts(page: Page) -> object:
    return page.get_by_role("region", name="Notifications").locator(
        "[data-toastkit-toast]:visible"
    )


def tasks_shot(page: Page, base: str) -> None:
    """The task list with a success, an info and an error toast."""
    page.goto(base + "/")
    page.get_by_role("button", name=f"Complete “{TASKS[1]}”").click()
    page.get_by_label("New task").fill("Pick up the balloons")
    page.get_by_role("button", name="Add task").click()
    expect(
        page.locator("#task-list").get_by_text("Pick up the balloons")
    ).to_be_visible()
    page.get_by_role("button", name="Add task").click()
    expect(region_toasts(page)).to_have_count(3)


def playground_shot(page: Page, base: str) -> None:
    """The playground with a toast of each level."""
    page.goto(base + "/playground/")
    for label in ("Info", "Success", "Warning", "Error"):
        page.get_by_role("button", name=label, exact=True).click()
    page.get_by_role("button", name="Title and duration").click()
    expect(region_toasts(page)).to_have_count(5)


def rtl_shot(page: Page, base: str) -> None:
    """Right-to-left: an Arabic message and a unicode one."""
    page.goto(base + "/playground/")
    page.get_by_role("button", name="Right-to-left").click()
    page.get_by_role("button", name="Unicode").click()
    expect(region_toasts(page)).to_have_count(2)


def nojs_shot(page: Page, base: str) -> None:
    """JavaScript off: the form posts, the page comes back with the toast in it."""
    page.goto(base + "/playground/")
    page.get_by_role("button", name="Sticky").click()
    expect(region_toasts(page)).to_have_count(1)
    page.get_by_role("heading", name="With JavaScript off").scroll_into_view_if_needed()


SHOTS: list[tuple[str, dict[str, str], Callable[[Page, str], None]]] = [
    ("demo-light.png", {"theme": "light"}, tasks_shot),
    ("demo-dark.png", {"theme": "dark"}, tasks_shot),
    ("playground-light.png", {"theme": "light"}, playground_shot),
    ("playground-dark.png", {"theme": "dark"}, playground_shot),
    ("demo-rtl.png", {"theme": "light", "dir": "rtl"}, rtl_shot),
    ("playground-nojs.png", {"theme": "light"}, nojs_shot),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    parser.add_argument("--only", help="one file name, e.g. demo-dark.png")
    options = parser.parse_args()
    options.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable(), args=CHROMIUM_ARGS
        )
        for name, choices, shoot in SHOTS:
            if options.only and name != options.only:
                continue
            # A fresh demo per shot: the same tasks in every picture.
            with running_demo() as base:
                javascript = shoot is not nojs_shot
                context = browser.new_context(
                    java_script_enabled=javascript,
                    viewport=VIEWPORT,
                    device_scale_factor=2,
                    color_scheme="dark" if choices.get("theme") == "dark" else "light",
                    reduced_motion="reduce",
                )
                page = context.new_page()
                apply_switches(page, base, **choices)
                shoot(page, base)
                if javascript:
                    page.evaluate("window.scrollTo(0, 0)")
                path = options.out / name
                page.screenshot(path=path, animations="disabled")
                context.close()
            print(f"wrote {path}")
        browser.close()


if __name__ == "__main__":
    main()
