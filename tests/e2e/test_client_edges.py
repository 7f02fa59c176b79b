"""The client's findings of issue 18, in Chromium on htmx 2, htmx 4 and
(for actions) a page without htmx: each test failed on the 0.3.0 script.

- Actions go only to http(s) URLs of the page's origin, on every path (htmx
  2 and 4's ``htmx.ajax``, a native form, a server-rendered toast's form);
  the CSRF token never leaves the origin; a ``get`` keeps its URL's query.
- Page content (ids, names, ``data-toastkit``, as sanitized user HTML keeps
  them) cannot stop or confuse the client.
- ``configure()`` and the stored timing take only their own three names.
- A duration longer than a timer can wait stays until dismissed.
- A view's own bad items in ``toastkit:messages`` cost nothing else.

Also two guards on the lookups that made ``show()`` linear (the toasts
``dismissAll`` drops from the queue are forgotten); those passed on 0.3.0.
The speed itself is a benchmark (bench/client.py), not a timed test.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from tests.e2e.conftest import send, toasts
from tests.e2e.helpers import HTMX, HTMX_VERSIONS

#: htmx 2, htmx 4, and 0: the actions page without htmx (native forms).
EVERY_PATH = pytest.mark.parametrize("htmx_version", [*HTMX_VERSIONS, 0])


@pytest.fixture
def elsewhere(live_server: Any) -> str:
    """The same server under another origin (127.0.0.1, not localhost): a
    request that got there would reach the views and be logged."""
    url: str = live_server.url
    return url.replace("localhost", "127.0.0.1")


@pytest.fixture
def warnings(page: Page) -> list[str]:
    """The console's warnings."""
    logged: list[str] = []

    def log(message: ConsoleMessage) -> None:
        if message.type == "warning":
            logged.append(message.text)

    page.on("console", log)
    return logged


@pytest.fixture
def requests(page: Page) -> list[str]:
    """Every URL the page requests."""
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def toast_with(page: Page, text: str) -> Any:
    return toasts(page).filter(has_text=text)


def show_with_action(page: Page, url: str, method: str = "post") -> None:
    page.evaluate(
        """([url, method]) => toastkit.show({message: 'Act', actions: [
          {label: 'Go', url, method, values: {name: 'beta'}}]})""",
        [url, method],
    )


def assert_refused(page: Page, warnings: list[str], requests: list[str]) -> None:
    """Nothing sent, the toast still there, not busy, and a warning said why."""
    toast = toast_with(page, "Act")
    expect(toast).to_have_count(1)
    expect(toast).not_to_have_attribute("aria-busy", "true")
    page.wait_for_function("true")  # one more round trip: a request would be on its way
    assert [url for url in requests if "/e2e/actions/restore/" in url] == []
    assert any(w.startswith("toastkit:") for w in warnings), warnings
    assert page.evaluate("window.pwned") is None


# --- Actions: the URL rule ------------------------------------------------------


@EVERY_PATH
@pytest.mark.parametrize("url", ["javascript:window.pwned=1", "js:window.pwned=1"])
def test_an_action_to_a_script_url_is_refused(
    page: Page,
    actions_url: Callable[..., str],
    htmx_version: int,
    url: str,
    warnings: list[str],
    requests: list[str],
) -> None:
    page.goto(actions_url(htmx_version))
    show_with_action(page, url)
    toast_with(page, "Act").get_by_role("button", name="Go").click()
    assert_refused(page, warnings, requests)


@EVERY_PATH
@pytest.mark.parametrize("form", ["absolute", "scheme-relative"])
def test_an_action_to_another_origin_is_refused(
    page: Page,
    actions_url: Callable[..., str],
    elsewhere: str,
    htmx_version: int,
    form: str,
    received: list[dict[str, Any]],
    warnings: list[str],
    requests: list[str],
) -> None:
    url = elsewhere + "/e2e/actions/restore/"
    page.goto(actions_url(htmx_version))
    show_with_action(page, url if form == "absolute" else url.removeprefix("http:"))
    toast_with(page, "Act").get_by_role("button", name="Go").click()
    assert_refused(page, warnings, requests)
    assert received == []


@EVERY_PATH
@pytest.mark.parametrize("name", ["matches", "closest", "getAttribute", "prepend"])
def test_a_value_named_after_a_forms_method_does_not_unlock_another_origin(
    page: Page,
    actions_url: Callable[..., str],
    elsewhere: str,
    htmx_version: int,
    name: str,
    received: list[dict[str, Any]],
    warnings: list[str],
    requests: list[str],
) -> None:
    """An <input name="matches"> shadows the form's own method: the submit
    handler threw before preventDefault() and the browser sent the form."""
    page.goto(actions_url(htmx_version))
    page.evaluate(
        """([url, name]) => toastkit.show({message: 'Act', actions: [
          {label: 'Go', url, values: {[name]: '1'}}]})""",
        [elsewhere + "/e2e/actions/restore/", name],
    )
    # Playwright's role queries call the form's getAttribute: CSS, and a click
    # by place.
    box = toast_with(page, "Act").locator("[data-toastkit-label]").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert_refused(page, warnings, requests)
    assert received == []


def test_an_action_to_another_origin_gets_no_csrf_token(
    page: Page, actions_url: Callable[..., str], elsewhere: str
) -> None:
    page.goto(actions_url(2))
    show_with_action(page, elsewhere + "/e2e/actions/restore/")
    form = toast_with(page, "Act").locator("form[data-toastkit-action]")
    expect(form.locator("[name=name]")).to_have_count(1)
    expect(form.locator("[name=csrfmiddlewaretoken]")).to_have_count(0)


@EVERY_PATH
def test_a_server_rendered_action_whose_url_was_changed_to_another_origin_is_refused(
    page: Page,
    actions_url: Callable[..., str],
    elsewhere: str,
    htmx_version: int,
    received: list[dict[str, Any]],
    warnings: list[str],
    requests: list[str],
) -> None:
    page.goto(actions_url(htmx_version, text="Act", undo="alpha"))
    form = toast_with(page, "Act").locator("form[data-toastkit-action]")
    form.evaluate(
        "(f, url) => f.setAttribute('action', url)", elsewhere + "/e2e/actions/restore/"
    )
    form.get_by_role("button", name="Undo").click()
    assert_refused(page, warnings, requests)
    assert received == []


@EVERY_PATH
def test_a_get_action_keeps_its_urls_own_query_parameters(
    page: Page,
    actions_url: Callable[..., str],
    htmx_version: int,
    received: list[dict[str, Any]],
) -> None:
    page.goto(actions_url(htmx_version))
    page.evaluate(
        "toastkit.show({message: 'Gamma changed', actions: [{label: 'Look', method: 'get',"
        " url: '/e2e/actions/look/?from=toast&name=stale', values: {name: 'gamma'}}]})"
    )
    toast = toast_with(page, "Gamma changed")
    toast_id = toast.get_attribute("data-id")
    toast.get_by_role("button", name="Look").click()
    expect(toast_with(page, "Looked at “gamma”.")).to_have_count(1)
    # The URL's own parameter kept; the value replaces the URL's "name", once.
    assert received == [
        {
            "from": "toast",
            "name": "gamma",
            "toastkit_id": toast_id,
            "htmx": htmx_version > 0,
        }
    ]


def test_without_htmx_an_action_posts_its_form_to_its_own_origin(
    page: Page, actions_url: Callable[..., str], received: list[dict[str, Any]]
) -> None:
    page.goto(actions_url(0, text="Deleted “alpha”.", undo="alpha"))
    toast_with(page, "Deleted “alpha”.").get_by_role("button", name="Undo").click()
    expect(toast_with(page, "Restored “alpha”.")).to_have_count(1)
    [form] = received
    assert form["name"] == "alpha"
    assert form["csrfmiddlewaretoken"]
    assert form["htmx"] is False


# --- Page content -------------------------------------------------------------

#: Markup before the region that 0.3.0 took for itself or for the document's
#: own properties (DOM clobbering).
CONTENT = {
    "h2-id": '<h2 id="toastkit" data-user>Toastkit</h2>',
    "img-name": '<img name="toastkit" alt="" data-user>',
    "form-name": '<form name="toastkit" aria-label="Other" data-user></form>',
    "data-toastkit": "<div data-toastkit data-user>User content</div>",
    "fake-region": (
        '<div data-toastkit data-user><div data-toastkit-stack id="fake"></div>'
        "<template data-toastkit-blueprint></template></div>"
    ),
}

#: Elements named after the document's own properties: document.hidden is
#: the <img> (DOM clobbering). htmx itself stops on some of them, so their
#: test runs on the page without htmx.
DOCUMENT_NAMES = (
    '<img name="addEventListener" alt=""><img name="querySelectorAll" alt="">'
    '<img name="hidden" alt=""><img name="currentScript" alt="">'
    '<img name="activeElement" alt=""><form name="body" aria-label="Body"></form>'
)


#: Resolves with the message of the next toast to time out, after showing one
#: that times out at once (50 ms, stretched to its reading time).
TIMED_OUT = """new Promise((resolve) => {
  window.addEventListener('toastkit:dismissed', (e) => resolve(e.detail.message), {once: true});
  toastkit.show({message: 'Brief', duration: 50});
})"""


@HTMX
@pytest.mark.parametrize("content", CONTENT)
def test_page_content_before_the_region_does_not_stop_the_client(
    page: Page, actions_url: Callable[..., str], htmx_version: int, content: str
) -> None:
    page.goto(actions_url(htmx_version, text="From the page", content=CONTENT[content]))
    page.evaluate("toastkit.show({message: 'From the API'})")
    send(page, "Over htmx")
    expect(toasts(page)).to_have_text(["From the page", "From the API", "Over htmx"])
    region = page.get_by_role("region", name="Notifications")
    expect(region.locator("[data-toastkit-toast]")).to_have_count(3)
    expect(page.locator("main [data-user]")).to_have_count(1)  # left where it was
    assert page.evaluate(TIMED_OUT) == "Brief"  # timers run


def test_elements_named_after_the_documents_properties_do_not_stop_the_client(
    page: Page, actions_url: Callable[..., str]
) -> None:
    page.goto(actions_url(0, text="From the page", content=DOCUMENT_NAMES))
    page.evaluate("toastkit.show({message: 'From the API'})")
    expect(toasts(page)).to_have_text(["From the page", "From the API"])
    assert page.evaluate(TIMED_OUT) == "Brief"  # not paused by the <img name="hidden">
    page.keyboard.press("Alt+KeyT")  # reads document.activeElement
    expect(toasts(page).last.locator(".toastkit-toast__body")).to_be_focused()
    page.keyboard.press("Escape")  # so does Escape
    expect(toasts(page)).to_have_text(["From the page"])


# --- configure() ----------------------------------------------------------------


@HTMX
@pytest.mark.parametrize("name", ["toString", "constructor", "__proto__"])
def test_configure_refuses_a_timing_named_after_an_objects_own_properties(
    page: Page, actions_url: Callable[..., str], htmx_version: int, name: str
) -> None:
    page.goto(actions_url(htmx_version))
    error = page.evaluate(
        """(timing) => {
          try { toastkit.configure({timing}); } catch (e) { return e.name; }
          return null;
        }""",
        name,
    )
    assert error == "RangeError"
    assert page.evaluate("toastkit.configure()") == {"timing": "normal"}


@HTMX
def test_a_stored_timing_named_after_an_objects_own_property_is_ignored(
    frozen: Page, actions_url: Callable[..., str], htmx_version: int
) -> None:
    page = frozen
    page.add_init_script("localStorage.setItem('toastkit:timing', 'toString')")
    page.goto(actions_url(htmx_version))
    assert page.evaluate("toastkit.configure()") == {"timing": "normal"}
    page.evaluate("toastkit.show({message: 'Timed'})")
    page.clock.run_for(5100)
    expect(toasts(page)).to_have_count(0)


# --- Durations ------------------------------------------------------------------


@HTMX
@pytest.mark.parametrize("path", ["server", "api"])
def test_a_duration_longer_than_a_timer_can_wait_stays_until_dismissed(
    frozen: Page, actions_url: Callable[..., str], htmx_version: int, path: str
) -> None:
    page = frozen
    if path == "server":
        page.goto(actions_url(htmx_version, text="Long", duration=3_000_000_000))
    else:
        page.goto(actions_url(htmx_version))
        page.evaluate("toastkit.show({message: 'Long', duration: 1e30})")
    page.clock.run_for(1200)
    expect(toasts(page)).to_have_text(["Long"])
    page.clock.run_for(600_000)
    expect(toasts(page)).to_have_text(["Long"])


@HTMX
def test_a_duration_the_longer_timing_stretches_past_a_timers_wait_stays(
    frozen: Page, actions_url: Callable[..., str], htmx_version: int
) -> None:
    page = frozen
    page.add_init_script("localStorage.setItem('toastkit:timing', 'longer')")
    page.goto(actions_url(htmx_version))
    page.evaluate("toastkit.show({message: 'Long', duration: 300_000_000})")  # 3.5 days
    page.clock.run_for(600_000)
    expect(toasts(page)).to_have_text(["Long"])


# --- Bad items in toastkit:messages -----------------------------------------------


@HTMX
def test_a_views_own_bad_items_do_not_stop_toastkits_toast(
    page: Page, actions_url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(actions_url(htmx_version))
    page.get_by_role("form", name="Composer").evaluate(
        "(f) => f.insertAdjacentHTML('beforeend', '<input type=hidden name=bad_items value=1>')"
    )
    send(page, "Toastkit's own")
    expect(toasts(page)).to_have_text(["The view's own", "Toastkit's own"])


# --- The lookups of a linear show() ---------------------------------------------


@HTMX
def test_a_key_dismiss_all_dropped_from_the_queue_shows_anew(
    page: Page, actions_url: Callable[..., str], htmx_version: int, settings: Any
) -> None:
    settings.TOASTKIT_MAX_VISIBLE = 1
    page.goto(actions_url(htmx_version))
    page.evaluate(
        "toastkit.show({message: 'First'}); toastkit.show({key: 'job', message: 'Queued'});"
        "toastkit.dismissAll(); toastkit.show({key: 'job', message: 'Done'})"
    )
    expect(toasts(page)).to_have_text(["Done"])


@HTMX
def test_a_toast_identical_to_one_dismiss_all_dropped_shows_anew(
    page: Page, actions_url: Callable[..., str], htmx_version: int, settings: Any
) -> None:
    settings.TOASTKIT_MAX_VISIBLE = 1
    page.goto(actions_url(htmx_version))
    page.evaluate(
        "toastkit.show({message: 'First'}); toastkit.show({message: 'Again'});"
        "toastkit.dismissAll(); toastkit.show({message: 'Again'})"
    )
    expect(toasts(page)).to_have_text(["Again"])
    expect(toasts(page).locator("[data-toastkit-count]")).to_have_text("")


# --- show() leaves its argument alone -------------------------------------------

#: A message with every field show() reads, and none it would fill in.
UNTOUCHED = """{message: 'Copied', title: 'Clipboard', tags: 'copied', key: 'copy',
  level: '25', duration: 3000, actions: [{label: 'Undo', url: '/e2e/actions/restore/',
  values: {name: 'alpha'}}]}"""


@HTMX
@pytest.mark.parametrize("level", ["'25'", "undefined"])
def test_show_leaves_the_callers_message_as_it_was(
    page: Page, actions_url: Callable[..., str], htmx_version: int, level: str
) -> None:
    page.goto(actions_url(htmx_version))
    changed = page.evaluate(
        f"""() => {{
          const message = {UNTOUCHED};
          message.level = {level};
          const before = JSON.stringify(message);
          toastkit.show(message);
          return JSON.stringify(message) === before ? null : JSON.stringify(message);
        }}"""
    )
    assert changed is None
    expect(toast_with(page, "Copied")).to_have_count(1)


@HTMX
def test_show_takes_a_frozen_message(
    page: Page, actions_url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(actions_url(htmx_version))
    page.evaluate(f"toastkit.show(Object.freeze({UNTOUCHED}))")
    expect(toast_with(page, "Copied")).to_have_count(1)


@HTMX
def test_the_messages_event_detail_is_left_as_it_was(
    page: Page, actions_url: Callable[..., str], htmx_version: int
) -> None:
    """Other listeners of toastkit:messages (and htmx) see the detail as sent."""
    page.goto(actions_url(htmx_version))
    changed = page.evaluate(
        f"""() => {{
          const detail = {{messages: [{UNTOUCHED}, {{message: 'No level'}}]}};
          const before = JSON.stringify(detail);
          document.body.dispatchEvent(
            new CustomEvent('toastkit:messages', {{bubbles: true, detail}}));
          return JSON.stringify(detail) === before ? null : JSON.stringify(detail);
        }}"""
    )
    assert changed is None
    expect(toast_with(page, "No level")).to_have_count(1)
