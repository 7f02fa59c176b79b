"""Toasts people can act on (issue 14), in Chromium on htmx 2 and 4.

Undo over htmx with the database change checked, and without JavaScript;
what an action's request carries; actions from ``toastkit.show``; toasts
with actions that stay; keyed updates in place; the countdown bar; the
user's timing (WCAG 2.2.1); the Alt+T shortcut; axe.

The page (tests/e2e/action_views.py) lists ``Record``s, each with a Delete
form whose success toast has Undo; its composer sends a toast over htmx.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.e2e import action_views
from tests.e2e.conftest import TOAST, toasts
from tests.records.models import Record

HTMX = pytest.mark.parametrize("htmx_version", [2, 4])

#: Logs the text of every toast shown.
SHOWN_LOG = """
window.__shown = [];
document.addEventListener('toastkit:shown', (e) => window.__shown.push(e.detail.message));
"""

#: The toast's countdown: [playState, currentTime] of the Web Animation on
#: its ::after, or null when it has none.
COUNTDOWN = """(toast) => {
  const bar = toast.getAnimations({subtree: true})
    .find((a) => a.effect && a.effect.pseudoElement === '::after');
  return bar ? [bar.playState, bar.currentTime] : null;
}"""


@pytest.fixture
def actions_url(live_server: Any) -> Callable[..., str]:
    """``actions_url(4, text="Hi", undo="alpha")``: the actions page on htmx 4."""

    def build(htmx_version: int = 2, **query: object) -> str:
        return f"{live_server.url}/e2e/actions{htmx_version}/?{urlencode(query)}"

    return build


@pytest.fixture
def received() -> Iterator[list[dict[str, str | bool]]]:
    """The forms the Undo view receives during the test."""
    action_views.RECEIVED.clear()
    yield action_views.RECEIVED
    action_views.RECEIVED.clear()


@pytest.fixture
def logged(page: Page) -> Page:
    """The page, logging every toast shown in ``window.__shown``."""
    page.add_init_script(SHOWN_LOG)
    return page


def compose(page: Page, text: str, **fields: object) -> None:
    """Send a toast from the composer over htmx (``key``, ``undo``, ``duration``...)."""
    form = page.get_by_role("form", name="Composer")
    form.get_by_label("Text").fill(text)
    for name, value in fields.items():
        box = form.get_by_label(name.capitalize(), exact=True)
        if isinstance(value, bool):
            box.set_checked(value)
        else:
            box.fill(str(value))
    form.get_by_role("button", name="Send").click()


def toast_with(page: Page, text: str) -> Locator:
    return toasts(page).filter(has_text=text)


def countdown(toast: Locator) -> list[Any] | None:
    result: list[Any] | None = toast.evaluate(COUNTDOWN)
    return result


# --- 1-4. Undo, and what an action sends ------------------------------------


@HTMX
def test_undo_restores_the_record_shows_the_response_toast_and_dismisses_its_own(
    logged: Page, actions_url: Callable[..., str], htmx_version: int
) -> None:
    page = logged
    Record.objects.create(name="alpha")
    page.goto(actions_url(htmx_version))
    page.get_by_role("button", name="Delete alpha").click()
    deleted = toast_with(page, "Deleted “alpha”.")
    expect(deleted).to_have_count(1)
    assert not Record.objects.filter(name="alpha").exists()

    deleted.get_by_role("button", name="Undo").click()
    expect(toast_with(page, "Restored “alpha”.")).to_have_count(1)
    expect(deleted).to_have_count(0)
    expect(toasts(page)).to_have_text(["Restored “alpha”."])
    assert Record.objects.filter(name="alpha").exists()
    assert page.evaluate("window.__shown") == ["Deleted “alpha”.", "Restored “alpha”."]
    page.goto(actions_url(htmx_version))  # nothing left stored to show again
    expect(page.get_by_role("button", name="Delete alpha")).to_be_visible()
    expect(page.locator(TOAST)).to_have_count(0)
    assert page.evaluate("window.__shown") == []


def test_undo_without_javascript_posts_the_form_and_the_next_page_says_restored(
    browser: Browser, actions_url: Callable[..., str]
) -> None:
    Record.objects.create(name="alpha")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(actions_url(2))
    page.get_by_role("button", name="Delete alpha").click()
    deleted = page.get_by_role("dialog").filter(has_text="Deleted “alpha”.")
    expect(deleted).to_be_visible()
    expect(page.get_by_role("button", name="Delete alpha")).to_have_count(0)
    assert not Record.objects.filter(name="alpha").exists()

    deleted.get_by_role("button", name="Undo").click()
    expect(
        page.get_by_role("dialog").filter(has_text="Restored “alpha”.")
    ).to_be_visible()
    expect(page.get_by_role("dialog").filter(has_text="Deleted")).to_have_count(0)
    expect(page.get_by_role("button", name="Delete alpha")).to_be_visible()
    assert Record.objects.filter(name="alpha").exists()
    context.close()


@HTMX
def test_the_action_request_carries_the_toast_id_and_values_and_passes_csrf(
    page: Page,
    actions_url: Callable[..., str],
    htmx_version: int,
    received: list[dict[str, Any]],
    live_server: Any,
) -> None:
    Record.objects.create(name="alpha")
    page.goto(actions_url(htmx_version))
    address = page.url
    page.get_by_role("button", name="Delete alpha").click()
    deleted = toast_with(page, "Deleted “alpha”.")
    toast_id = deleted.get_attribute("data-id")
    deleted.get_by_role("button", name="Undo").click()
    expect(toast_with(page, "Restored “alpha”.")).to_have_count(1)

    [form] = received
    assert form["toastkit_id"] == toast_id
    assert form["name"] == "alpha"
    assert form["csrfmiddlewaretoken"]
    assert form["htmx"] is True  # sent by htmx: the page stayed
    assert page.url == address
    # The view does check the token: without it, the same post is refused.
    refused = page.request.post(
        f"{live_server.url}/e2e/actions/restore/",
        form={"name": "alpha", "toastkit_id": str(toast_id)},
    )
    assert refused.status == 403
    assert len(received) == 1


@HTMX
def test_an_action_from_toastkit_show_sends_the_pages_csrf_token(
    page: Page,
    actions_url: Callable[..., str],
    htmx_version: int,
    received: list[dict[str, Any]],
) -> None:
    page.goto(actions_url(htmx_version))
    page.evaluate(
        """toastkit.show({message: 'Archived “beta”.', level: 25, actions: [
          {label: 'Undo', url: '/e2e/actions/restore/', values: {name: 'beta'}},
        ]})"""
    )
    archived = toast_with(page, "Archived “beta”.")
    toast_id = archived.get_attribute("data-id")
    archived.get_by_role("button", name="Undo").click()
    expect(toast_with(page, "Restored “beta”.")).to_have_count(1)
    expect(archived).to_have_count(0)
    assert Record.objects.filter(name="beta").exists()
    [form] = received
    token = page.locator("[name=csrfmiddlewaretoken]").first.input_value()
    assert form == {
        "csrfmiddlewaretoken": token,
        "name": "beta",
        "toastkit_id": toast_id,
        "htmx": True,
    }
