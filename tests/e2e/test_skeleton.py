"""The whole path once: an htmx click shows a toast; Dismiss removes it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect


@pytest.mark.parametrize("htmx_version", [2, 4])
def test_htmx_click_shows_a_toast_that_dismiss_removes(
    page: Page, live_server: object, htmx_version: int
) -> None:
    page.goto(f"{live_server}/e2e/htmx{htmx_version}/")
    page.get_by_role("button", name="Save").click()
    region = page.get_by_role("region", name="Notifications")
    toast = region.get_by_role("status").filter(has_text="Task saved")
    expect(toast).to_be_visible()
    region.get_by_role("button", name="Dismiss").click()
    expect(region.get_by_text("Task saved")).to_have_count(0)
