"""How toasts look: screenshots in light and dark (test-results/), the six
positions, right-to-left, reduced motion."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import ARTIFACTS, send, toasts

EVERY_LEVEL = "10,20,25,30,40"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshot_of_toasts_of_every_level(
    page: Page, url: Callable[..., str], scheme: str, settings: object
) -> None:
    settings.TOASTKIT_MAX_VISIBLE = 8  # type: ignore[attr-defined]
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size({"width": 900, "height": 640})
    page.goto(url(2, levels=EVERY_LEVEL, text="Three tasks were archived", times=2))
    send(page, "Project “Apollo” was renamed to “Artemis”.", level=25, title="Renamed")
    expect(toasts(page)).to_have_count(7)
    page.evaluate("document.getAnimations().forEach((a) => a.finish())")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"toasts-{scheme}.png")
