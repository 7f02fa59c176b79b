"""Toasts people can act on (issue 14), in Chromium on htmx 2 and 4.

Undo over htmx with the database change checked, and without JavaScript;
what an action's request carries; actions from ``toastkit.show``; toasts
with actions that stay; keyed updates in place; the countdown bar; the
user's timing (WCAG 2.2.1); the Alt+T shortcut; axe; then the edge cases
that found client bugs (sticky toasts with actions, identical toasts with
different actions, focus through a keyed update, htmx 4 without an answer,
countdowns of moved toasts, toasts kept alive by their countdown).

The page (tests/e2e/action_views.py) lists ``Record``s, each with a Delete
form whose success toast has Undo; its composer sends a toast over htmx.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, Route, expect

from tests.e2e.conftest import TOAST, send, toasts
from tests.e2e.helpers import HTMX, live, serious_findings
from tests.records.models import Record

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
def logged(page: Page) -> Page:
    """The page, logging every toast shown in ``window.__shown``."""
    page.add_init_script(SHOWN_LOG)
    return page


def messages(page: Page) -> Locator:
    """The text of each toast (without its title, count and buttons)."""
    return toasts(page).locator("[data-toastkit-message]")


def toast_with(page: Page, text: str) -> Locator:
    return toasts(page).filter(has_text=text)


def countdown(toast: Locator) -> list[Any] | None:
    result: list[Any] | None = toast.evaluate(COUNTDOWN)
    return result


def assert_drawn_from(toast: Locator, before: list[Any]) -> None:
    """``toast``'s countdown still runs from where it was, and draws its bar."""
    after = countdown(toast)
    assert after is not None
    assert after[0] == "running"
    assert after[1] >= before[1]
    width = toast.evaluate(
        "(t) => new DOMMatrix(getComputedStyle(t, '::after').transform).a"
    )
    assert width > 0  # scaleX(0) is the bar's look without its animation


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
    send(page, "Exporting…", key="export-42")
    expect(toasts(page)).to_have_text(["Exporting…"])
    send(page, "Export ready", key="export-42", level=25)
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
    send(page, "Exporting…", key="export-42")
    expect(toasts(page)).to_have_text(["Unrelated", "Exporting…"])
    exporting = toast_with(page, "Exporting…")
    assert exporting.get_attribute("data-toastkit-settled") is None  # an entrance
    exporting.get_by_role("button", name="Dismiss").click()
    expect(toasts(page)).to_have_text(["Unrelated"])
    send(page, "Export ready", key="export-42")
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


# --- 7. The countdown ---------------------------------------------------------


@HTMX
def test_a_timed_toast_has_a_running_countdown_on_its_after(
    page: Page, actions_url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(actions_url(htmx_version))
    send(page, "Saved")
    state = countdown(toast_with(page, "Saved"))
    assert state is not None
    assert state[0] == "running"


@HTMX
def test_hovering_the_stack_pauses_the_countdown_and_the_timer_until_the_pointer_leaves(
    frozen: Page, actions_url: Callable[..., str], htmx_version: int, settings: Any
) -> None:
    # A minute: the bar runs on the animation clock, which page.clock leaves alone.
    settings.TOASTKIT_DURATIONS = {20: 60_000}
    page = frozen
    page.goto(actions_url(htmx_version, text="Hover me"))
    toast = toast_with(page, "Hover me")
    page.clock.run_for(20_000)
    toast.hover()
    paused = countdown(toast)
    assert paused is not None
    assert paused[0] == "paused"
    page.clock.run_for(600_000)
    expect(toast).to_have_count(1)
    assert countdown(toast) == paused  # stopped where it was

    page.mouse.move(5, 5)
    resumed = countdown(toast)
    assert resumed is not None
    assert resumed[0] == "running"
    assert resumed[1] >= paused[1] > 0  # from where it stopped, not afresh
    page.clock.run_for(39_900)
    expect(toast).to_have_count(1)
    page.clock.run_for(200)
    expect(toast).to_have_count(0)


@HTMX
def test_keyboard_focus_in_the_stack_pauses_the_countdown(
    page: Page, actions_url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(actions_url(htmx_version, text="Focus me"))
    toast = toast_with(page, "Focus me")
    assert (countdown(toast) or [None])[0] == "running"
    page.get_by_role("form", name="Composer").get_by_label("Text").focus()
    page.keyboard.press("Alt+KeyT")
    expect(toast.locator(".toastkit-toast__body")).to_be_focused()
    assert (countdown(toast) or [None])[0] == "paused"
    page.keyboard.press("Alt+KeyT")
    assert (countdown(toast) or [None])[0] == "running"


@HTMX
def test_a_sticky_toast_has_no_countdown(
    page: Page, actions_url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(actions_url(htmx_version, text="Pinned", sticky=1))
    send(page, "Undoable", undo="alpha")
    expect(toasts(page)).to_have_count(2)
    assert countdown(toast_with(page, "Pinned")) is None
    assert countdown(toast_with(page, "Undoable")) is None


@HTMX
def test_without_toastkit_countdown_a_timed_toast_has_no_countdown(
    page: Page, actions_url: Callable[..., str], htmx_version: int, settings: Any
) -> None:
    settings.TOASTKIT_COUNTDOWN = False
    page.goto(actions_url(htmx_version, text="From the page"))
    send(page, "Over htmx")
    expect(toasts(page)).to_have_count(2)
    expect(page.locator("[data-toastkit]")).not_to_have_attribute(
        "data-countdown", re.compile(".*")
    )
    assert countdown(toast_with(page, "From the page")) is None
    assert countdown(toast_with(page, "Over htmx")) is None


@HTMX
def test_under_reduced_motion_the_countdown_is_not_drawn(
    page: Page, actions_url: Callable[..., str], htmx_version: int
) -> None:
    page.emulate_media(reduced_motion="reduce")
    page.goto(actions_url(htmx_version, text="Still"))
    toast = toast_with(page, "Still")
    expect(toast).to_have_count(1)
    display = toast.evaluate("(t) => getComputedStyle(t, '::after').display")
    assert display == "none"


# --- 8. The user's timing -----------------------------------------------------


def timing_radio(page: Page, name: str) -> Locator:
    return page.get_by_role("group", name="Notifications close").get_by_role(
        "radio", name=name
    )


@HTMX
def test_choosing_only_when_i_close_them_keeps_timed_toasts_even_after_a_reload(
    frozen: Page, actions_url: Callable[..., str], htmx_version: int
) -> None:
    page = frozen
    page.goto(actions_url(htmx_version))
    expect(timing_radio(page, "After a few seconds")).to_be_checked()
    timing_radio(page, "Only when I close them").check()
    assert page.evaluate("localStorage.getItem('toastkit:timing')") == "off"
    page.evaluate("toastkit.show({message: 'Kept'})")
    page.clock.run_for(600_000)
    expect(messages(page)).to_have_text(["Kept"])

    page.goto(actions_url(htmx_version, text="Kept after a reload"))
    expect(timing_radio(page, "Only when I close them")).to_be_checked()
    page.clock.run_for(600_000)
    expect(messages(page)).to_have_text(["Kept after a reload"])
    assert page.evaluate("toastkit.configure()") == {"timing": "off"}


@HTMX
def test_a_new_choice_applies_at_once_to_the_toasts_on_screen(
    frozen: Page, actions_url: Callable[..., str], htmx_version: int
) -> None:
    page = frozen
    page.goto(actions_url(htmx_version, text="On screen"))
    page.clock.run_for(4000)
    timing_radio(page, "Only when I close them").check()
    page.clock.run_for(600_000)
    expect(toasts(page)).to_have_count(1)


@HTMX
def test_choosing_longer_makes_toasts_stay_ten_times_as_long(
    frozen: Page, actions_url: Callable[..., str], htmx_version: int
) -> None:
    page = frozen
    page.goto(actions_url(htmx_version))
    timing_radio(page, "After ten times as long").check()
    assert page.evaluate("toastkit.configure()") == {"timing": "longer"}
    page.evaluate("toastkit.show({message: 'Slowly'})")  # 5 s at level 20
    page.clock.run_for(49_900)
    expect(toasts(page)).to_have_count(1)
    page.clock.run_for(200)
    expect(toasts(page)).to_have_count(0)


@HTMX
def test_configure_rejects_an_unknown_timing(
    page: Page, actions_url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(actions_url(htmx_version))
    page.evaluate("toastkit.configure({timing: 'longer'})")
    error = page.evaluate(
        """() => {
          try { toastkit.configure({timing: 'bogus'}); } catch (e) { return e.name; }
          return null;
        }"""
    )
    assert error == "RangeError"
    assert page.evaluate("toastkit.configure()") == {"timing": "longer"}
    assert page.evaluate("localStorage.getItem('toastkit:timing')") == "longer"
    expect(timing_radio(page, "After ten times as long")).to_be_checked()


def test_without_javascript_the_timing_control_is_hidden(
    browser: Browser, actions_url: Callable[..., str]
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(actions_url(2))
    expect(page.locator("[data-toastkit-timing]")).to_be_hidden()
    context.close()


# --- 9. Alt+T -----------------------------------------------------------------


@HTMX
def test_alt_t_moves_focus_to_the_newest_toast_and_back(
    page: Page, actions_url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(actions_url(htmx_version, text="Older", sticky=1))
    send(page, "Deleted “alpha”.", undo="alpha")
    expect(toasts(page)).to_have_count(2)
    field = page.get_by_role("form", name="Composer").get_by_label("Key")
    field.focus()
    page.keyboard.press("Alt+KeyT")
    newest = toast_with(page, "Deleted “alpha”.")
    expect(newest.locator(".toastkit-toast__body")).to_be_focused()
    page.keyboard.press("Tab")
    expect(newest.get_by_role("button", name="Undo")).to_be_focused()
    page.keyboard.press("Alt+KeyT")
    expect(field).to_be_focused()


@HTMX
def test_the_region_announces_the_shortcut(
    page: Page, actions_url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(actions_url(htmx_version))
    region = page.get_by_role("region", name="Notifications")
    expect(region).to_have_attribute("aria-keyshortcuts", "Alt+T")
    expect(region).to_have_accessible_description(
        "Alt+T moves to the newest notification and back."
    )


@HTMX
def test_a_new_toast_never_takes_the_focus_from_a_field(
    page: Page, actions_url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(actions_url(htmx_version))
    form = page.get_by_role("form", name="Composer")
    form.get_by_label("Undo").fill("alpha")
    text = form.get_by_label("Text")
    text.fill("Deleted “alpha”.")
    text.press("Enter")  # over htmx; the caret stays in the field
    expect(toasts(page)).to_have_count(1)
    expect(text).to_be_focused()
    page.evaluate("toastkit.show({message: 'From the API', key: 'k'})")
    page.evaluate("toastkit.show({message: 'Updated', key: 'k'})")
    expect(toasts(page)).to_have_count(2)
    expect(text).to_be_focused()


@HTMX
def test_escape_on_a_focused_toast_dismisses_it_and_returns_the_focus(
    page: Page, actions_url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(actions_url(htmx_version, text="Deleted “alpha”.", undo="alpha"))
    field = page.get_by_role("form", name="Composer").get_by_label("Text")
    field.focus()
    page.keyboard.press("Alt+KeyT")
    expect(toasts(page).locator(".toastkit-toast__body")).to_be_focused()
    page.keyboard.press("Escape")
    expect(toasts(page)).to_have_count(0)
    expect(field).to_be_focused()


@HTMX
def test_escape_on_an_action_button_dismisses_its_toast_and_returns_the_focus(
    page: Page, actions_url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(actions_url(htmx_version, text="Deleted “alpha”.", undo="alpha"))
    field = page.get_by_role("form", name="Composer").get_by_label("Text")
    field.focus()
    page.keyboard.press("Alt+KeyT")
    page.keyboard.press("Tab")
    expect(toasts(page).get_by_role("button", name="Undo")).to_be_focused()
    page.keyboard.press("Escape")
    expect(toasts(page)).to_have_count(0)
    expect(field).to_be_focused()


@HTMX
def test_the_dismiss_button_of_a_focused_toast_returns_the_focus(
    page: Page, actions_url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(actions_url(htmx_version, text="Saved", sticky=1))
    field = page.get_by_role("form", name="Composer").get_by_label("Text")
    field.focus()
    page.keyboard.press("Alt+KeyT")
    page.keyboard.press("Tab")
    dismiss = toasts(page).get_by_role("button", name="Dismiss")
    expect(dismiss).to_be_focused()
    page.keyboard.press("Enter")
    expect(toasts(page)).to_have_count(0)
    expect(field).to_be_focused()


# --- 10. axe ------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@HTMX
def test_toasts_with_actions_and_the_timing_control_have_no_serious_axe_finding(
    page: Page,
    actions_url: Callable[..., str],
    axe_script: Path,
    htmx_version: int,
    scheme: str,
) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(
        actions_url(htmx_version, text="Deleted “alpha”.", undo="alpha", level=25)
    )
    send(page, "Export ready", title="Exports", undo="beta", duration=20_000)
    expect(toasts(page)).to_have_count(2)
    expect(page.locator("[data-toastkit-timing]")).to_be_visible()
    page.evaluate(
        "document.getAnimations()"
        ".filter((a) => a.effect?.pseudoElement !== '::after')"
        ".forEach((a) => a.finish())"
    )
    assert serious_findings(page, axe_script) == []


# --- Edge cases ("Found:" names the client bug a test found) --------------------


# Found: a sticky toast with actions left after 10 s.
@HTMX
def test_a_sticky_toast_with_an_action_stays(
    frozen: Page, actions_url: Callable[..., str], htmx_version: int
) -> None:
    page = frozen
    page.goto(
        actions_url(htmx_version, text="Deleted “alpha”.", undo="alpha", sticky=1)
    )
    page.evaluate(
        "toastkit.show({message: 'Archived', duration: 0, actions: ["
        "{label: 'Undo', url: '/e2e/actions/restore/', values: {name: 'beta'}}]})"
    )
    expect(toasts(page)).to_have_count(2)
    page.clock.run_for(600_000)
    expect(messages(page)).to_have_text(["Deleted “alpha”.", "Archived"])


# Found: the second toast collapsed into the first, its Undo lost.
@HTMX
def test_identical_toasts_with_different_actions_each_keep_their_own(
    page: Page,
    actions_url: Callable[..., str],
    htmx_version: int,
    received: list[dict[str, Any]],
) -> None:
    page.goto(actions_url(htmx_version))
    for name in ("alpha", "beta"):
        page.evaluate(
            "(name) => toastkit.show({message: 'Task deleted.', actions: ["
            "{label: 'Undo', url: '/e2e/actions/restore/', values: {name}}]})",
            name,
        )
    expect(toasts(page).get_by_role("button", name="Undo")).to_have_count(2)
    toasts(page).get_by_role("button", name="Undo").last.click()
    expect(toast_with(page, "Restored “beta”.")).to_have_count(1)
    assert [form["name"] for form in received] == ["beta"]


# Found: the focus fell to <body>.
@HTMX
def test_a_keyed_update_of_the_focused_toast_keeps_the_focus_on_it(
    page: Page, actions_url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(actions_url(htmx_version, text="Exporting…", key="export-42"))
    field = page.get_by_role("form", name="Composer").get_by_label("Text")
    field.focus()
    page.keyboard.press("Alt+KeyT")
    expect(toasts(page).locator(".toastkit-toast__body")).to_be_focused()
    page.evaluate("toastkit.show({key: 'export-42', message: 'Export ready'})")
    expect(messages(page)).to_have_text(["Export ready"])
    expect(toasts(page).locator(".toastkit-toast__body")).to_be_focused()
    page.keyboard.press("Alt+KeyT")
    expect(field).to_be_focused()


# Found: the focus stayed in the toast.
@HTMX
def test_alt_t_twice_with_nothing_focused_leaves_the_toast(
    page: Page, actions_url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(actions_url(htmx_version, text="Saved", sticky=1))
    page.keyboard.press("Alt+KeyT")
    expect(toasts(page).locator(".toastkit-toast__body")).to_be_focused()
    page.keyboard.press("Alt+KeyT")
    expect(toasts(page).locator(".toastkit-toast__body")).not_to_be_focused()
    assert page.evaluate("document.activeElement === document.body")


@HTMX
def test_a_get_action_sends_its_values_and_the_toast_id_in_the_query(
    page: Page,
    actions_url: Callable[..., str],
    htmx_version: int,
    received: list[dict[str, Any]],
) -> None:
    page.goto(actions_url(htmx_version))
    page.evaluate(
        "toastkit.show({message: 'Gamma changed', actions: ["
        "{label: 'Look', url: '/e2e/actions/look/', method: 'get', values: {name: 'gamma'}}]})"
    )
    toast = toast_with(page, "Gamma changed")
    toast_id = toast.get_attribute("data-id")
    toast.get_by_role("button", name="Look").click()
    expect(toast_with(page, "Looked at “gamma”.")).to_have_count(1)
    expect(toast).to_have_count(0)
    assert received == [{"name": "gamma", "toastkit_id": toast_id, "htmx": True}]


def test_a_get_action_without_javascript_sends_its_urls_own_query(
    browser: Browser,
    actions_url: Callable[..., str],
    received: list[dict[str, Any]],
) -> None:
    # Issue 18: <form method="get" action="/look/?page=2"> drops page=2.
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(actions_url(2, text="Gamma changed", look="gamma"))
    toast = page.get_by_role("dialog").filter(has_text="Gamma changed")
    toast_id = toast.get_attribute("data-id")
    toast.get_by_role("button", name="Look").click()
    expect(
        page.get_by_role("dialog").filter(has_text="Looked at “gamma”.")
    ).to_be_visible()
    assert received == [
        {"page": "2", "name": "gamma", "toastkit_id": toast_id, "htmx": False}
    ]
    context.close()


@HTMX
def test_a_get_action_on_the_page_sends_its_urls_query_once_over_htmx(
    page: Page, actions_url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(actions_url(htmx_version, text="Gamma changed", look="gamma"))
    toast = toast_with(page, "Gamma changed")
    toast_id = toast.get_attribute("data-id")
    with page.expect_request("**/e2e/actions/look/**") as sent:
        toast.get_by_role("button", name="Look").click()
    expect(toast_with(page, "Looked at “gamma”.")).to_have_count(1)
    query = parse_qsl(urlsplit(sent.value.url).query, keep_blank_values=True)
    assert sorted(query) == [
        ("name", "gamma"),
        ("page", "2"),
        ("toastkit_id", toast_id),
    ]


# Found: htmx 4 resolves ajax() without a response, and an error status
# dismissed the toast: both lost the way back.
#: How an action's request can fail: no answer at all, or an error status.
FAILURES: dict[str, Callable[[Route], None]] = {
    "no-answer": lambda route: route.abort(),
    "error-status": lambda route: route.fulfill(status=500, body=""),
}


@HTMX
@pytest.mark.parametrize("failure", FAILURES)
def test_an_action_that_fails_leaves_the_toast_for_another_try(
    page: Page,
    actions_url: Callable[..., str],
    htmx_version: int,
    received: list[dict[str, Any]],
    failure: str,
) -> None:
    page.goto(actions_url(htmx_version, text="Deleted “alpha”.", undo="alpha"))
    page.route("**/e2e/actions/restore/", FAILURES[failure])
    toast = toast_with(page, "Deleted “alpha”.")
    toast.get_by_role("button", name="Undo").click()  # busy from here
    expect(toast).not_to_have_attribute("aria-busy", "true")
    expect(toast).to_have_count(1)
    page.unroute("**/e2e/actions/restore/")
    toast.get_by_role("button", name="Undo").click()
    expect(toast_with(page, "Restored “alpha”.")).to_have_count(1)
    expect(toast).to_have_count(0)
    assert len(received) == 1


@HTMX
def test_an_action_clicked_twice_is_sent_once(
    page: Page,
    actions_url: Callable[..., str],
    htmx_version: int,
    received: list[dict[str, Any]],
) -> None:
    page.goto(actions_url(htmx_version, text="Deleted “alpha”.", undo="alpha"))
    toast_with(page, "Deleted “alpha”.").get_by_role("button", name="Undo").dblclick()
    expect(toast_with(page, "Restored “alpha”.")).to_have_count(1)
    expect(toasts(page)).to_have_count(1)
    assert len(received) == 1


@HTMX
def test_an_action_on_a_boosted_page_is_sent_by_toastkit_once(
    logged: Page,
    actions_url: Callable[..., str],
    htmx_version: int,
    received: list[dict[str, Any]],
) -> None:
    page = logged
    Record.objects.create(name="alpha")
    page.goto(actions_url(htmx_version, boost=1))
    page.get_by_role("button", name="Delete alpha").click()
    deleted = toast_with(page, "Deleted “alpha”.")
    deleted.get_by_role("button", name="Undo").click()
    expect(toast_with(page, "Restored “alpha”.")).to_have_count(1)
    expect(deleted).to_have_count(0)
    assert len(received) == 1
    assert Record.objects.filter(name="alpha").exists()
    assert page.evaluate("window.__shown") == ["Deleted “alpha”.", "Restored “alpha”."]


# Found (with the next): a moved toast lost its bar.
@HTMX
def test_the_countdown_carries_on_when_the_region_moves_into_a_modal_dialog(
    page: Page, actions_url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(actions_url(htmx_version, text="Moving"))
    toast = toast_with(page, "Moving")
    before = countdown(toast)
    assert before is not None
    page.evaluate(
        "document.body.insertAdjacentHTML('beforeend',"
        " '<dialog id=modal aria-label=Modal>Modal</dialog>');"
        "document.getElementById('modal').showModal()"
    )
    expect(page.locator("#modal [data-toastkit]")).to_have_count(1)
    assert_drawn_from(toast, before)


@HTMX
def test_the_countdown_carries_on_when_a_boosted_page_brings_a_new_region(
    page: Page, actions_url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(actions_url(htmx_version, text="Moving", boost=1))
    toast = toast_with(page, "Moving")
    before = countdown(toast)
    assert before is not None
    region = page.locator("[data-toastkit]").element_handle()
    page.get_by_role("link", name="Next page").click()
    expect(messages(page)).to_have_text(["Moving", "Next page"])
    assert region is not None
    assert not region.evaluate("(r) => r.isConnected")  # a new region
    assert_drawn_from(toast, before)


# Found (with test_memory.py): paused countdowns kept gone toasts alive.
def test_a_thousand_keyed_updates_leave_one_toast_and_no_nodes_behind(
    frozen: Page, actions_url: Callable[..., str]
) -> None:
    page = frozen
    page.goto(actions_url(2))
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable")
    update = """([first, count]) => {
      for (let i = first; i < first + count; i++)
        toastkit.show({key: 'progress', message: 'Step ' + i});
    }"""
    page.evaluate(update, [0, 100])  # one-time allocations land in the baseline
    expect(messages(page)).to_have_text(["Step 99"])
    nodes, listeners = live(cdp)
    page.evaluate(update, [100, 1000])
    expect(messages(page)).to_have_text(["Step 1099"])
    nodes_after, listeners_after = live(cdp)
    assert nodes_after <= nodes
    assert listeners_after <= listeners
