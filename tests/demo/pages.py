"""Driving the demo's pages: shared by the smoke tests and scripts/screenshots.py."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

#: The playground's switches: field name -> label.
SWITCH_LABELS = {
    "htmx": "htmx",
    "position": "Position",
    "theme": "Theme",
    "dir": "Direction",
}


def apply_switches(page: Page, url: str, **choices: str) -> None:
    """Apply the playground's switches, then dismiss the notice they leave."""
    page.goto(url + "/playground/")
    form = page.locator("#switches form")
    for name, value in choices.items():
        form.get_by_label(SWITCH_LABELS[name]).select_option(value)
    form.get_by_role("button", name="Apply").click()
    notice = (
        page.get_by_role("region", name="Notifications")
        .locator("[data-toastkit-toast]:visible")
        .filter(has_text=re.compile(r"^\s*Now on htmx"))
    )
    expect(notice).to_have_count(1)
    notice.get_by_role("button", name="Dismiss").click()
    expect(notice).to_have_count(0)
