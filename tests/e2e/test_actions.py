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


def messages(page: Page) -> Locator:
    """The text of each toast (without its title, count and buttons)."""
    return toasts(page).locator("[data-toastkit-message]")


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


# --- 5. Toasts with actions stay --------------------------------------------


@HTMX
def test_a_toast_with_an_action_does_not_dismiss_itself(
    frozen: Page, actions_url: Callable[..., str], htmx_version: int
) -> None:
    page = frozen
    page.goto(actions_url(htmx_version, text="Deleted “alpha”.", undo="alpha"))
    page.evaluate("toastkit.show({message: 'Plain'})")  # the level's 5 s
    expect(toasts(page)).to_have_count(2)
    page.clock.run_for(600_000)
    expect(messages(page)).to_have_text(["Deleted “alpha”."])


@HTMX
def test_a_toast_with_an_action_and_a_short_duration_stays_ten_seconds(
    frozen: Page, actions_url: Callable[..., str], htmx_version: int
) -> None:
    page = frozen
    page.goto(
        actions_url(htmx_version, text="Deleted “alpha”.", undo="alpha", duration=2000)
    )
    page.clock.run_for(9900)
    expect(toasts(page)).to_have_count(1)
    page.clock.run_for(200)
    expect(toasts(page)).to_have_count(0)


# --- 6. Keyed updates ---------------------------------------------------------


@HTMX
def test_a_keyed_message_over_htmx_updates_the_toast_in_place(
    logged: Page, actions_url: Callable[..., str], htmx_version: int
) -> None:
    page = logged
    page.goto(actions_url(htmx_version))
    compose(page, "Exporting…", key="export-42")
    expect(toasts(page)).to_have_text(["Exporting…"])
    compose(page, "Export ready", key="export-42", level=25)
    expect(toasts(page)).to_have_text(["Export ready"])
    expect(page.locator(TOAST)).to_have_count(1)  # none left leaving either
    expect(toasts(page)).to_have_attribute("data-level", "25")
    expect(toasts(page)).to_have_attribute("data-toastkit-settled", "")  # no entrance
    assert page.evaluate("window.__shown") == ["Exporting…", "Export ready"]


@HTMX
def test_a_keyed_toastkit_show_updates_the_toast_in_place(
    page: Page, actions_url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(actions_url(htmx_version))
    page.evaluate("toastkit.show({key: 'upload', message: 'Uploading…'})")
    page.evaluate("toastkit.show({message: 'Something else'})")
    page.evaluate(
        "toastkit.show({key: 'upload', message: 'Uploaded', title: 'Files', level: 25})"
    )
    expect(messages(page)).to_have_text(["Uploaded", "Something else"])
    expect(page.locator(TOAST)).to_have_count(2)
    updated = toast_with(page, "Uploaded")
    expect(updated.locator("[data-toastkit-title]")).to_have_text("Files")
    expect(updated).to_have_attribute("data-level", "25")


@HTMX
def test_a_key_with_no_toast_on_screen_shows_a_new_toast(
    page: Page, actions_url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(actions_url(htmx_version, text="Unrelated", key="other"))
    compose(page, "Exporting…", key="export-42")
    expect(toasts(page)).to_have_text(["Unrelated", "Exporting…"])
    exporting = toast_with(page, "Exporting…")
    assert exporting.get_attribute("data-toastkit-settled") is None  # an entrance
    exporting.get_by_role("button", name="Dismiss").click()
    expect(toasts(page)).to_have_text(["Unrelated"])
    compose(page, "Export ready", key="export-42")
    expect(toasts(page)).to_have_text(["Unrelated", "Export ready"])


@HTMX
def test_a_keyed_message_updates_a_toast_waiting_for_room(
    page: Page, actions_url: Callable[..., str], htmx_version: int, settings: Any
) -> None:
    settings.TOASTKIT_MAX_VISIBLE = 1
    page.goto(actions_url(htmx_version, text="First", sticky=1))
    page.evaluate("toastkit.show({key: 'job', message: 'Queued'})")
    page.evaluate("toastkit.show({key: 'job', message: 'Done'})")
    expect(toasts(page)).to_have_text(["First"])
    toast_with(page, "First").get_by_role("button", name="Dismiss").click()
    expect(toasts(page)).to_have_text(["Done"])
    expect(page.locator(TOAST)).to_have_count(1)


@HTMX
def test_a_keyed_update_starts_its_own_timer(
    frozen: Page, actions_url: Callable[..., str], htmx_version: int
) -> None:
    page = frozen
    page.goto(actions_url(htmx_version, text="Exporting…", key="export-42"))
    page.clock.run_for(4000)
    page.evaluate("toastkit.show({key: 'export-42', message: 'Export ready'})")
    page.clock.run_for(4900)
    expect(toasts(page)).to_have_text(["Export ready"])
    page.clock.run_for(200)
    expect(toasts(page)).to_have_count(0)
