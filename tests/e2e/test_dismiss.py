"""Every way a toast leaves: its button, Escape, a swipe, its timer (with
per-level durations, long-text time, pauses) and the JavaScript API."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.e2e.conftest import send, toasts
from tests.e2e.helpers import HTMX

POINTER = """(toast, [type, dx]) => toast.dispatchEvent(new PointerEvent('pointer' + type, {
  pointerId: 7, pointerType: 'touch', isPrimary: true, bubbles: true, clientX: 100 + dx}))"""


def swipe(toast: Locator, *steps: tuple[str, int]) -> None:
    """Touch pointer events: ``("down", 0), ("move", 60), ("up", 120)``."""
    for step in steps:
        toast.evaluate(POINTER, step)


@HTMX
def test_the_dismiss_button_removes_the_toast(
    page: Page, url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(url(htmx_version, text="From the server"))
    send(page, "Over htmx")
    for text in ("Over htmx", "From the server"):
        toasts(page).filter(has_text=text).get_by_role("button", name="Dismiss").click()
        expect(page.get_by_text(text, exact=True)).to_have_count(0)


def test_escape_dismisses_the_focused_toast(
    page: Page, url: Callable[..., str]
) -> None:
    page.goto(url(2, levels="20,25,30"))
    toasts(page).nth(1).get_by_role("button", name="Dismiss").focus()
    page.keyboard.press("Escape")
    expect(toasts(page)).to_have_text(["Level 20 message", "Level 30 message"])


@HTMX
def test_escape_after_alt_t_dismisses_the_newest_toast_and_returns_the_focus(
    page: Page, url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(url(htmx_version, levels="20,25"))
    field = page.get_by_role("form", name="Composer").get_by_label("Title")
    field.focus()
    page.keyboard.press("Alt+KeyT")
    expect(toasts(page).last.locator(".toastkit-toast__body")).to_be_focused()
    page.keyboard.press("Escape")
    expect(toasts(page)).to_have_text(["Level 20 message"])
    expect(field).to_be_focused()
    page.keyboard.press("Escape")  # focus is back in the field: the toast stays
    expect(toasts(page)).to_have_text(["Level 20 message"])


# --- Escape outside the region belongs to the page (issue 21) ----------------

#: A search box, a <select> and a listbox that closes itself on Escape
#: without preventDefault(), as many menus and comboboxes do.
WIDGETS = """() => {
  document.querySelector('main').insertAdjacentHTML('beforeend',
    '<label>Search <input type="search" name="q"></label>' +
    '<label>Sort <select name="sort"><option>Newest</option><option>Oldest</option></select></label>' +
    '<button type="button" aria-expanded="true" aria-controls="suggestions">Suggestions</button>' +
    '<ul id="suggestions" role="listbox" tabindex="0" aria-label="Suggestions">' +
    '<li role="option" aria-selected="true">Alpha</li><li role="option">Beta</li></ul>');
  const listbox = document.getElementById('suggestions');
  listbox.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    const button = listbox.previousElementSibling;
    listbox.hidden = true;
    button.ariaExpanded = 'false';
    button.focus();
  });
}"""


def page_with_widgets(page: Page, url: str) -> None:
    """The e2e page with its toast on screen and the widgets of WIDGETS."""
    page.goto(url)
    expect(toasts(page)).to_have_count(1)
    page.evaluate(WIDGETS)


@HTMX
def test_escape_in_a_search_field_dismisses_no_toast(
    page: Page, url: Callable[..., str], htmx_version: int
) -> None:
    page_with_widgets(page, url(htmx_version, text="Still here"))
    search = page.get_by_role("searchbox", name="Search")
    search.fill("invoices")
    search.press("Escape")
    expect(search).to_have_value("")  # the field's own Escape: it clears
    expect(toasts(page)).to_have_text(["Still here"])


@HTMX
def test_escape_on_a_focused_select_dismisses_no_toast(
    page: Page, url: Callable[..., str], htmx_version: int
) -> None:
    page_with_widgets(page, url(htmx_version, text="Still here"))
    select = page.get_by_role("combobox", name="Sort")
    select.focus()
    page.keyboard.press("Escape")
    expect(select).to_be_focused()
    expect(toasts(page)).to_have_text(["Still here"])


@HTMX
def test_escape_in_an_open_select_picker_dismisses_no_toast(
    page: Page, url: Callable[..., str], htmx_version: int
) -> None:
    """A customizable select's picker: Escape reaches the page (a native
    picker keeps its keys to itself) and closes the picker, not a toast."""
    page_with_widgets(page, url(htmx_version, text="Still here"))
    page.evaluate(
        "() => { const sheet = new CSSStyleSheet();"
        "sheet.replaceSync('select, ::picker(select) { appearance: base-select }');"
        "document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; }"
    )
    select = page.get_by_role("combobox", name="Sort")
    select.focus()
    page.keyboard.press("Enter")
    option = page.get_by_role("option", name="Oldest")
    expect(option).to_be_visible()  # the picker is open
    page.keyboard.press("Escape")
    expect(option).to_be_hidden()  # the picker's own Escape: it closes
    expect(toasts(page)).to_have_text(["Still here"])


@HTMX
def test_escape_in_a_listbox_that_handles_it_dismisses_no_toast(
    page: Page, url: Callable[..., str], htmx_version: int
) -> None:
    page_with_widgets(page, url(htmx_version, text="Still here"))
    page.get_by_role("listbox", name="Suggestions").focus()
    page.keyboard.press("Escape")
    expect(page.get_by_role("button", name="Suggestions")).to_have_attribute(
        "aria-expanded", "false"
    )
    expect(toasts(page)).to_have_text(["Still here"])


@HTMX
def test_escape_on_the_page_leaves_an_unread_sticky_error(
    page: Page, url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(url(htmx_version, text="Payment failed", level=40))
    expect(page.get_by_role("alert")).to_have_text("Payment failed")
    page.keyboard.press("Escape")  # focus on the body
    expect(toasts(page)).to_have_text(["Payment failed"])


def test_a_sideways_swipe_dismisses_the_toast(
    page: Page, url: Callable[..., str]
) -> None:
    page.goto(url(2, text="Swipe me"))
    toast = toasts(page).first
    expect(toast).to_be_visible()
    swipe(toast, ("down", 0), ("move", 60), ("move", 120), ("up", 120))
    expect(page.get_by_text("Swipe me")).to_have_count(0)


def test_a_short_swipe_puts_the_toast_back(page: Page, url: Callable[..., str]) -> None:
    page.goto(url(2, text="Nudge me"))
    toast = toasts(page).first
    expect(toast).to_be_visible()
    swipe(toast, ("down", 0), ("move", -30))
    assert toast.evaluate("(toast) => toast.style.translate") == "-30px"
    swipe(toast, ("up", -30))
    assert toast.evaluate("(toast) => toast.style.translate") == ""
    expect(toast).to_be_visible()


@pytest.mark.parametrize(("level", "ms"), [(10, 5000), (25, 5000), (30, 8000)])
def test_a_toast_leaves_after_its_levels_duration(
    frozen: Page, url: Callable[..., str], level: int, ms: int
) -> None:
    frozen.goto(url(2, text="Timed", level=level))
    frozen.clock.run_for(ms - 100)
    expect(toasts(frozen)).to_have_count(1)
    frozen.clock.run_for(200)
    expect(toasts(frozen)).to_have_count(0)


def test_errors_stay_until_dismissed(frozen: Page, url: Callable[..., str]) -> None:
    frozen.goto(url(2, text="Broken", level=40))
    frozen.clock.run_for(600_000)
    expect(toasts(frozen)).to_have_count(1)


def test_the_durations_setting_changes_a_levels_duration(
    frozen: Page, url: Callable[..., str], settings: object
) -> None:
    settings.TOASTKIT_DURATIONS = {20: 1500}  # type: ignore[attr-defined]
    frozen.goto(url(2, text="Quick"))
    frozen.clock.run_for(1400)
    expect(toasts(frozen)).to_have_count(1)
    frozen.clock.run_for(200)
    expect(toasts(frozen)).to_have_count(0)


def test_long_text_stays_50_ms_per_character(
    frozen: Page, url: Callable[..., str]
) -> None:
    frozen.goto(url(2, text="x" * 200))  # 200 characters: 10 s, not 5 s
    frozen.clock.run_for(9900)
    expect(toasts(frozen)).to_have_count(1)
    frozen.clock.run_for(200)
    expect(toasts(frozen)).to_have_count(0)


def test_a_toasts_duration_option_wins_over_its_level(
    frozen: Page, url: Callable[..., str]
) -> None:
    frozen.goto(url(2, text="Brief", duration=1000))
    frozen.clock.run_for(900)
    expect(toasts(frozen)).to_have_count(1)
    frozen.clock.run_for(200)
    expect(toasts(frozen)).to_have_count(0)


def test_a_sticky_toast_stays(frozen: Page, url: Callable[..., str]) -> None:
    frozen.goto(url(2, text="Pinned", sticky=1))
    frozen.clock.run_for(600_000)
    expect(toasts(frozen)).to_have_count(1)


def test_hover_pauses_the_timer_which_resumes_with_the_time_left(
    frozen: Page, url: Callable[..., str]
) -> None:
    frozen.goto(url(2, text="Hover me"))
    frozen.clock.run_for(3000)
    toasts(frozen).first.hover()
    frozen.clock.run_for(60_000)
    expect(toasts(frozen)).to_have_count(1)
    frozen.mouse.move(5, 5)
    frozen.clock.run_for(1900)
    expect(toasts(frozen)).to_have_count(1)
    frozen.clock.run_for(200)
    expect(toasts(frozen)).to_have_count(0)


def test_keyboard_focus_pauses_the_timer(frozen: Page, url: Callable[..., str]) -> None:
    frozen.goto(url(2, text="Focus me"))
    frozen.clock.run_for(3000)
    frozen.get_by_role("link", name="Boosted link").focus()
    frozen.keyboard.press("Tab")
    expect(toasts(frozen).get_by_role("button", name="Dismiss")).to_be_focused()
    frozen.clock.run_for(60_000)
    expect(toasts(frozen)).to_have_count(1)
    frozen.keyboard.press("Shift+Tab")
    frozen.clock.run_for(1900)
    expect(toasts(frozen)).to_have_count(1)
    frozen.clock.run_for(200)
    expect(toasts(frozen)).to_have_count(0)


def test_a_hidden_tab_pauses_the_timer(frozen: Page, url: Callable[..., str]) -> None:
    frozen.goto(url(2, text="Seen later"))
    expect(toasts(frozen)).to_have_count(1)
    # On the prototype: toastkit reads document.hidden from there, which an
    # element named "hidden" (an own property of document) cannot shadow.
    visibility = """(hidden) => {
      Object.defineProperty(Document.prototype, 'hidden', {get: () => hidden, configurable: true});
      document.dispatchEvent(new Event('visibilitychange'));
    }"""
    frozen.evaluate(visibility, True)
    frozen.clock.run_for(60_000)
    expect(toasts(frozen)).to_have_count(1)
    frozen.evaluate(visibility, False)
    frozen.clock.run_for(5100)
    expect(toasts(frozen)).to_have_count(0)


def test_a_collapsed_duplicate_restarts_the_timer(
    frozen: Page, url: Callable[..., str]
) -> None:
    frozen.goto(url(2, text="Again"))
    frozen.clock.run_for(4000)
    frozen.evaluate("toastkit.show({level: 20, message: 'Again'})")
    expect(toasts(frozen)).to_contain_text("×2")
    frozen.clock.run_for(4900)
    expect(toasts(frozen)).to_have_count(1)
    frozen.clock.run_for(200)
    expect(toasts(frozen)).to_have_count(0)


@HTMX
def test_server_toasts_of_a_boosted_page_get_timers(
    frozen: Page, url: Callable[..., str], htmx_version: int
) -> None:
    frozen.goto(url(htmx_version))
    frozen.get_by_role("link", name="Boosted link").click()
    frozen.clock.run_for(100)  # let htmx settle
    expect(toasts(frozen)).to_have_text(["Boosted page"])
    frozen.clock.run_for(5100)
    expect(toasts(frozen)).to_have_count(0)


def test_the_api_shows_and_dismisses_with_events(
    page: Page, url: Callable[..., str]
) -> None:
    page.goto(url(4))
    page.evaluate(
        """() => {
        window.events = [];
        for (const name of ['toastkit:shown', 'toastkit:dismissed'])
          document.addEventListener(name, (e) =>
            events.push([e.type, e.target.dataset.id, e.detail.message]));
        toastkit.show({id: 'a', level: 25, message: 'One'});
        toastkit.show({id: 'b', level: 30, message: 'Two', title: 'Careful'});
        }"""
    )
    expect(toasts(page)).to_have_count(2)
    page.evaluate("toastkit.dismissAll()")
    expect(toasts(page)).to_have_count(0)
    assert page.evaluate("events") == [
        ["toastkit:shown", "a", "One"],
        ["toastkit:shown", "b", "Two"],
        ["toastkit:dismissed", "a", "One"],
        ["toastkit:dismissed", "b", "Two"],
    ]


def test_without_javascript_a_server_toast_shows_and_dismiss_closes_it(
    browser: Browser, url: Callable[..., str]
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url(2, text="No script here"))
    toast = page.get_by_role("status").filter(has_text="No script here")
    expect(toast).to_be_visible()
    page.get_by_role("button", name="Dismiss").click()
    expect(toast).to_be_hidden()
    context.close()


def test_dismiss_all_also_empties_the_queue(
    page: Page, url: Callable[..., str], settings: object
) -> None:
    settings.TOASTKIT_MAX_VISIBLE = 1  # type: ignore[attr-defined]
    page.goto(url(2, levels="20,25,30"))
    expect(toasts(page)).to_have_text(["Level 20 message"])
    page.evaluate("toastkit.dismissAll()")
    expect(toasts(page)).to_have_count(0)
    page.evaluate("toastkit.show({level: 20, message: 'Later'})")
    expect(toasts(page)).to_have_text(["Later"])
