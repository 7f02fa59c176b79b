"""An Arabic page: the region and the Dismiss buttons have their Arabic
accessible names, the region is right to left, and axe finds nothing serious."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.conftest import send, toasts
from tests.e2e.helpers import finish_animations, serious_findings

NOTIFICATIONS = "الإشعارات"
DISMISS = "إغلاق"


def test_an_arabic_page_has_a_translated_right_to_left_region(
    page: Page, url: Callable[..., str], axe_script: Path, settings: Any
) -> None:
    settings.LANGUAGE_CODE = "ar"  # the live server thread renders in Arabic
    page.goto(url(2, dir="rtl", text="تم الحفظ", times=2))
    region = page.get_by_role("region", name=NOTIFICATIONS)
    expect(region).to_be_attached()
    assert region.evaluate("(el) => getComputedStyle(el).direction") == "rtl"
    expect(page.get_by_role("region", name="Notifications")).to_have_count(0)
    # The server-rendered toast, twice collapsed into one with its count.
    expect(toasts(page)).to_have_count(1)
    expect(region.get_by_role("button", name=DISMISS)).to_have_count(1)
    # A toast over htmx, cloned from the blueprint rendered in Arabic too.
    send(page, "وصل عبر htmx")
    expect(toasts(page)).to_have_count(2)
    expect(region.get_by_role("button", name=DISMISS)).to_have_count(2)
    expect(page.get_by_role("button", name="Dismiss")).to_have_count(0)
    finish_animations(page)
    assert serious_findings(page, axe_script) == []
    region.get_by_role("button", name=DISMISS).first.click()
    expect(toasts(page)).to_have_count(1)
