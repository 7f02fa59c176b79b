"""Accessibility: axe-core finds nothing serious, the live region is there
before any toast, errors are alerts, focus is never taken."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import send, toasts
from tests.e2e.helpers import EVERY_LEVEL, finish_animations, serious_findings


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_toasts_of_every_level_have_no_serious_axe_finding(
    page: Page, url: Callable[..., str], axe_script: Path, scheme: str, settings: object
) -> None:
    settings.TOASTKIT_MAX_VISIBLE = 10  # type: ignore[attr-defined]
    page.emulate_media(color_scheme=scheme)
    page.goto(url(2, levels=EVERY_LEVEL, text="Saved twice", times=2, title="Tasks"))
    send(page, "Over htmx", level=30, title="A title")
    expect(toasts(page)).to_have_count(7)
    finish_animations(page)
    assert serious_findings(page, axe_script) == []


def test_the_live_region_is_there_before_any_toast(
    page: Page, url: Callable[..., str]
) -> None:
    page.goto(url(4))
    region = page.get_by_role("region", name="Notifications")
    expect(region).to_be_attached()
    expect(region.locator("[aria-live=polite]")).to_be_attached()
    expect(toasts(page)).to_have_count(0)
    live = region.locator("[aria-live=polite]").element_handle()
    page.get_by_role("button", name="Save").click()
    expect(toasts(page)).to_have_count(1)
    # The toast went into the same live region element, not a new one.
    assert live is not None
    assert live.evaluate("(el) => el.isConnected && el.children.length") == 1


@pytest.mark.parametrize("level", [20, 40])
def test_a_new_toast_never_takes_the_focus(
    page: Page, url: Callable[..., str], level: int
) -> None:
    page.goto(url(4))
    text = page.get_by_role("form", name="Composer").get_by_label("Text")
    text.fill("Typed here")
    page.get_by_role("form", name="Composer").get_by_label("Level").fill(str(level))
    text.press("Enter")  # submits over htmx; the caret stays in the field
    expect(toasts(page)).to_have_count(1)
    expect(text).to_be_focused()


def test_the_dismiss_button_is_named_and_reachable_by_keyboard(
    page: Page, url: Callable[..., str]
) -> None:
    page.goto(url(2, text="Keyboard"))
    page.get_by_role("link", name="Boosted link").focus()
    page.keyboard.press("Tab")
    button = page.get_by_role("button", name="Dismiss")
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    expect(toasts(page)).to_have_count(0)


def test_escape_leaves_toasts_alone_while_a_modal_dialog_is_open(
    page: Page, url: Callable[..., str]
) -> None:
    page.goto(url(2, text="Still here", level=40))
    page.evaluate(
        "document.body.insertAdjacentHTML('beforeend', '<dialog id=modal>Modal</dialog>');"
        "document.getElementById('modal').showModal()"
    )
    page.keyboard.press("Alt+KeyT")  # focus in the toast, in the modal
    expect(toasts(page).locator(".toastkit-toast__body")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#modal")).not_to_have_attribute("open", "")
    expect(toasts(page)).to_have_count(1)
