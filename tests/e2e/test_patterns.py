"""Exactly once in the htmx patterns real apps use (docs/reference.md,
"Delivery patterns"): the requesting element swapped away in flight, a full
layout narrowed by ``hx-select``, Back and Forward, modal dialogs and
popovers, and their neighbours.

Every count is checked over the whole sequence: ``shown_once`` waits until no
request is in flight, then reads the log of every ``toastkit:shown`` event of
the page, and finally loads the page again to prove nothing was left stored
to show a second time.
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, BrowserType, Page, Playwright, expect

from tests.chromium import CHROMIUM_ARGS
from tests.e2e import pattern_views
from tests.e2e.conftest import WATCH, chromium_executable, toasts
from tests.e2e.helpers import HTMX

#: Logs every toast shown, and counts requests in flight: htmx 2's XHRs (its
#: events are lost with a detached element) and htmx 4's requests (whose
#: events reach the document even then).
TRACKER = """
window.__shown = [];
window.__inflight = 0;
document.addEventListener('toastkit:shown', (e) => window.__shown.push(e.detail.message));
const send = XMLHttpRequest.prototype.send;
XMLHttpRequest.prototype.send = function (...args) {
  window.__inflight++;
  this.addEventListener('loadend', () => setTimeout(() => window.__inflight--));
  return send.apply(this, args);
};
document.addEventListener('htmx:before:request', () => window.__inflight++);
document.addEventListener('htmx:finally:request', () => setTimeout(() => window.__inflight--));
"""


@pytest.fixture
def tracked(page: Page) -> Page:
    page.add_init_script(TRACKER)
    return page


@pytest.fixture
def patterns_url(live_server: Any) -> Callable[..., str]:
    """``patterns_url(4, boost=1)``: the full-layout page on htmx 4."""

    def build(htmx_version: int, **query: object) -> str:
        return f"{live_server.url}/e2e/patterns{htmx_version}/?{urlencode(query)}"

    return build


@pytest.fixture
def gate() -> Iterator[Any]:
    pattern_views.GATE.clear()
    yield pattern_views.GATE
    pattern_views.GATE.set()  # never leave a server thread waiting


#: Resolves once toastkit runs and no request is in flight (checked each
#: frame). ``page.wait_for_function`` would compile its predicate, which the
#: strict CSP of these pages forbids.
#: No request in flight, and toastkit listening.
SETTLED = "window.toastkit && window.__inflight === 0"
#: Longest a page may take to settle: a stuck counter fails the test here,
#: with its name, instead of hanging the run.
SETTLE_TIMEOUT_MS = 10_000


def settled(page: Page) -> None:
    """Wait until no request is in flight and its toasts are in."""
    page.wait_for_function(SETTLED, timeout=SETTLE_TIMEOUT_MS)


def shown_once(page: Page, text: str) -> None:
    """``text`` is on screen once, was shown once, and is not shown again."""
    expect(toasts(page).filter(has_text=text)).to_have_count(1)
    settled(page)
    assert page.evaluate("window.__shown").count(text) == 1
    page.goto(page.url.partition("?")[0])  # the same page, asking for nothing
    settled(page)
    expect(toasts(page)).to_have_count(0)
    assert page.evaluate("window.__shown") == []


# --- 1. The requesting element is gone when the response arrives -----------


@HTMX
def test_a_row_swapped_away_while_its_request_is_in_flight_still_shows_its_toast(
    tracked: Page, patterns_url: Callable[..., str], htmx_version: int, gate: Any
) -> None:
    page = tracked
    page.goto(patterns_url(htmx_version))
    page.get_by_role("button", name="Finish A").click()
    page.get_by_role("button", name="Refresh rows").click()
    expect(page.get_by_role("button", name="Finish A")).to_have_count(0)
    gate.set()
    expect(page.locator("#result")).to_have_text("done")
    shown_once(page, "A done")


@HTMX
def test_the_views_own_event_stays_on_its_element(
    tracked: Page, url: Callable[..., str], htmx_version: int
) -> None:
    page = tracked
    page.goto(url(htmx_version))
    page.evaluate(
        "document.addEventListener('tasks-changed', (e) =>"
        " window.changedOn = e.target.getAttribute('aria-label'))"
    )
    form = page.get_by_role("form", name="Composer")
    form.get_by_label("Text").fill("Merged")
    form.get_by_label("Kind").fill("trigger")
    form.get_by_role("button", name="Send").click()
    expect(toasts(page)).to_have_text(["Merged"])
    assert page.evaluate("window.changedOn") == "Composer"


# --- 2. A full layout narrowed by hx-select ---------------------------------


@HTMX
@pytest.mark.parametrize("boosted", [False, True], ids=["hx-get", "boosted"])
@pytest.mark.parametrize(
    "swap", pattern_views.SWAPS, ids=lambda s: "-".join(map(str, s.values()))
)
def test_a_full_layout_fetched_by_htmx_shows_its_message_once(
    tracked: Page,
    patterns_url: Callable[..., str],
    htmx_version: int,
    boosted: bool,
    swap: dict[str, Any],
) -> None:
    page = tracked
    page.goto(patterns_url(htmx_version, boost=int(boosted)))
    label = pattern_views.swap_label(**swap)
    page.evaluate("window.samePage = true")  # gone if the link loads a new page
    page.get_by_role("link", name=label, exact=True).click()
    expect(toasts(page).filter(has_text=label)).to_have_count(1)
    assert page.evaluate("window.samePage") is True  # htmx fetched it
    shown_once(page, label)


@HTMX
def test_a_toast_on_screen_survives_a_swap_of_the_regions_container(
    tracked: Page, patterns_url: Callable[..., str], htmx_version: int
) -> None:
    page = tracked
    page.goto(patterns_url(htmx_version, text="Already here", sticky=1))
    expect(toasts(page)).to_have_text(["Already here"])
    page.get_by_role("link", name="#shell outerHTML select", exact=True).click()
    expect(toasts(page)).to_have_text(["Already here", "#shell outerHTML select"])
    expect(page.locator("[data-toastkit]")).to_have_count(1)


# --- 3. Back and Forward ------------------------------------------------------


def leave_and_come_back(page: Page, *, dismiss: bool) -> None:
    """Post, redirect, see the toast (and dismiss it), leave, press Back."""
    page.get_by_role("button", name="Post and redirect").click()
    toast = toasts(page).filter(has_text="Saved, then redirected")
    expect(toast).to_have_count(1)
    if dismiss:
        toast.get_by_role("button", name="Dismiss").click()
        expect(toast).to_have_count(0)
    visit = page.locator("#visits").inner_text()
    page.get_by_role("link", name="Plain link").click()
    expect(page.get_by_role("heading", name="Elsewhere")).to_be_visible()
    page.go_back(wait_until="commit")  # a page from the bfcache fires no load
    expect(page.locator("#visits")).to_have_text(visit)  # not fetched again
    settled(page)


@pytest.fixture
def page_with_bfcache(playwright: Playwright, tmp_path: Path) -> Iterator[Page]:
    """A page in a Chromium started without Playwright's launch flags, which
    turn the back-forward cache off; Playwright attaches over CDP."""
    executable = chromium_executable() or playwright.chromium.executable_path
    browser_process = subprocess.Popen(
        [
            executable,
            "--headless",
            "--remote-debugging-port=0",
            f"--user-data-dir={tmp_path}",
            *CHROMIUM_ARGS,
            "about:blank",
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    assert browser_process.stderr is not None
    # Chromium announces its CDP endpoint on stderr once it listens.
    for line in browser_process.stderr:
        if line.startswith("DevTools listening on "):
            endpoint = line.removeprefix("DevTools listening on ").strip()
            break
    else:
        pytest.fail("Chromium exited before it listened for CDP")
    # Keep reading, so that Chromium never blocks on a full pipe.
    drain = threading.Thread(target=browser_process.stderr.read, daemon=True)
    drain.start()
    browser = playwright.chromium.connect_over_cdp(endpoint)
    page = browser.contexts[0].new_page()
    page.add_init_script(WATCH)
    page.add_init_script(TRACKER)
    page.add_init_script(
        "addEventListener('pageshow', (e) => { window.__restored = e.persisted })"
    )
    yield page
    browser.close()
    browser_process.kill()
    browser_process.wait()
    drain.join()
    browser_process.stderr.close()


@pytest.mark.parametrize("dismiss", [True, False], ids=["dismissed", "left-on-screen"])
def test_back_from_the_back_forward_cache_does_not_replay_toasts(
    page_with_bfcache: Page, patterns_url: Callable[..., str], dismiss: bool
) -> None:
    page = page_with_bfcache
    page.goto(patterns_url(2))
    leave_and_come_back(page, dismiss=dismiss)
    assert page.evaluate("window.__restored") is True  # the path under test
    expect(toasts(page)).to_have_count(0)


@pytest.fixture
def page_without_bfcache(
    browser_type: BrowserType, browser_type_launch_args: dict[str, Any]
) -> Iterator[Page]:
    """A browser whose Back uses the HTTP cache (no back-forward cache)."""
    args = [*browser_type_launch_args["args"], "--disable-features=BackForwardCache"]
    browser: Browser = browser_type.launch(**{**browser_type_launch_args, "args": args})
    page = browser.new_page()
    page.add_init_script(WATCH)
    page.add_init_script(TRACKER)
    yield page
    browser.close()


@pytest.mark.parametrize("dismiss", [True, False], ids=["dismissed", "left-on-screen"])
def test_back_from_the_http_cache_does_not_replay_toasts(
    page_without_bfcache: Page, patterns_url: Callable[..., str], dismiss: bool
) -> None:
    page = page_without_bfcache
    page.goto(patterns_url(2))
    leave_and_come_back(page, dismiss=dismiss)
    # The server-rendered toast is in the cached HTML, and stays out.
    assert page.locator("[data-toastkit-stack]").inner_html().strip() == ""
    assert page.evaluate("window.__shown") == []


# --- 4. Modal dialogs and popovers ------------------------------------------


def open_editor(page: Page) -> None:
    page.evaluate("document.getElementById('editor').showModal()")


def save_in_the_editor(page: Page, url: str) -> None:
    """Open the page, open the modal editor and send its form over htmx."""
    page.goto(url)
    open_editor(page)
    page.get_by_role("button", name="Save in the dialog").click()


@HTMX
def test_a_toast_from_a_form_in_a_modal_dialog_shows_above_it(
    tracked: Page, patterns_url: Callable[..., str], htmx_version: int
) -> None:
    page = tracked
    save_in_the_editor(page, patterns_url(htmx_version))
    toast = toasts(page).filter(has_text="Saved in the dialog")
    expect(toast).to_be_visible()
    # Playwright clicks only what the pointer can reach: not covered, not inert.
    toast.get_by_role("button", name="Dismiss").click()
    expect(toast).to_have_count(0)
    expect(page.get_by_role("dialog", name="Editor", exact=True)).to_be_visible()


@HTMX
def test_escape_closes_the_modal_dialog_first_then_the_toast(
    tracked: Page, patterns_url: Callable[..., str], htmx_version: int
) -> None:
    page = tracked
    save_in_the_editor(page, patterns_url(htmx_version))
    expect(toasts(page)).to_have_count(1)
    page.keyboard.press("Alt+KeyT")  # Escape is toastkit's only in the region
    expect(toasts(page).locator(".toastkit-toast__body")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog", name="Editor", exact=True)).to_be_hidden()
    expect(toasts(page)).to_be_visible()  # the toast stays when the dialog closes
    page.keyboard.press("Alt+KeyT")
    page.keyboard.press("Escape")
    expect(toasts(page)).to_have_count(0)


@HTMX
def test_a_toast_over_a_modal_dialog_is_in_the_accessibility_tree(
    tracked: Page, patterns_url: Callable[..., str], htmx_version: int
) -> None:
    page = tracked
    save_in_the_editor(page, patterns_url(htmx_version))
    expect(toasts(page)).to_have_count(1)
    cdp = page.context.new_cdp_session(page)
    tree = cdp.send("Accessibility.getFullAXTree")["nodes"]
    heard = [
        node
        for node in tree
        if node.get("role", {}).get("value") == "status" and not node.get("ignored")
    ]
    assert len(heard) == 1


@HTMX
def test_a_toast_from_a_nested_dialog_stays_when_both_close(
    tracked: Page, patterns_url: Callable[..., str], htmx_version: int
) -> None:
    page = tracked
    page.goto(patterns_url(htmx_version))
    open_editor(page)
    page.evaluate("document.getElementById('confirm').showModal()")
    page.get_by_role("button", name="Confirm").click()
    toast = toasts(page).filter(has_text="Confirmed")
    expect(toast.get_by_role("button", name="Dismiss")).to_be_enabled()
    toast.hover()  # reachable by the pointer over both dialogs
    page.keyboard.press("Alt+KeyT")  # and by the keyboard: Escape reaches toastkit
    expect(toast.locator(".toastkit-toast__body")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog", name="Confirm", exact=True)).to_be_hidden()
    expect(page.get_by_role("dialog", name="Editor", exact=True)).to_be_visible()
    toast.hover()
    page.keyboard.press("Alt+KeyT")
    expect(toast.locator(".toastkit-toast__body")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog", name="Editor", exact=True)).to_be_hidden()
    shown_once(page, "Confirmed")


def test_a_toast_over_an_open_popover_is_usable_and_leaves_it_open(
    tracked: Page, patterns_url: Callable[..., str]
) -> None:
    page = tracked
    page.goto(patterns_url(4))
    page.evaluate("document.getElementById('menu').showPopover()")
    page.evaluate("toastkit.show({message: 'Copied', sticky: true})")
    toast = toasts(page).filter(has_text="Copied")
    toast.get_by_role("button", name="Dismiss").click()
    expect(toast).to_have_count(0)
    expect(page.get_by_text("A popover menu")).to_be_visible()


# --- Beyond the four ----------------------------------------------------------


@HTMX
def test_a_load_triggered_request_shows_its_toast_once(
    tracked: Page, patterns_url: Callable[..., str], htmx_version: int
) -> None:
    page = tracked
    page.goto(patterns_url(htmx_version, poll="load"))
    expect(page.get_by_text("polled", exact=True)).to_be_visible()
    shown_once(page, "Polled")


#: Records whether toastkit was listening when htmx sent its first request.
FIRST_REQUEST = """
const first = () => {
  if (window.__listeningAtFirstRequest === undefined) {
    window.__listeningAtFirstRequest = Boolean(window.toastkit);
  }
};
document.addEventListener('htmx:beforeRequest', first);
document.addEventListener('htmx:before:request', first);
"""


@HTMX
def test_toastkit_listens_before_htmx_sends_its_first_request(
    tracked: Page, patterns_url: Callable[..., str], htmx_version: int
) -> None:
    """htmx 4 starts as soon as its deferred script runs: a deferred toastkit
    would run after it, and a fast answer to a load request would be lost."""
    page = tracked
    page.add_init_script(FIRST_REQUEST)
    page.goto(patterns_url(htmx_version, poll="load"))
    expect(page.get_by_text("polled", exact=True)).to_be_visible()
    assert page.evaluate("window.__listeningAtFirstRequest") is True


@HTMX
def test_a_poller_that_replaces_itself_shows_its_toast_once(
    tracked: Page, patterns_url: Callable[..., str], htmx_version: int
) -> None:
    page = tracked
    page.clock.install()
    page.goto(patterns_url(htmx_version, poll="every 2s"))
    settled(page)
    expect(toasts(page)).to_have_count(0)
    page.clock.run_for(2500)
    expect(page.get_by_text("polled", exact=True)).to_be_visible()
    page.clock.resume()
    shown_once(page, "Polled")


@HTMX
def test_htmx_ajax_from_a_script_shows_the_toast(
    tracked: Page, patterns_url: Callable[..., str], htmx_version: int
) -> None:
    page = tracked
    page.goto(patterns_url(htmx_version))
    settled(page)
    page.evaluate(
        "htmx.ajax('POST', '/e2e/add/', {target: '#result', values: {text: 'From a script'}})"
    )
    shown_once(page, "From a script")


@HTMX
def test_a_500_page_from_djangos_handler_still_shows_the_toast(
    tracked: Page, patterns_url: Callable[..., str], htmx_version: int
) -> None:
    page = tracked
    page.goto(patterns_url(htmx_version))
    page.get_by_role("button", name="Crash").click()
    shown_once(page, "Before the crash")


def test_a_toast_shows_only_in_the_tab_that_asked(
    browser: Browser, patterns_url: Callable[..., str]
) -> None:
    context = browser.new_context()
    context.add_init_script(WATCH)
    context.add_init_script(TRACKER)
    first, second = context.new_page(), context.new_page()
    first.goto(patterns_url(4))
    second.goto(patterns_url(4))
    first.get_by_role("button", name="Crash").click()
    shown_once(first, "Before the crash")
    second.reload()
    settled(second)
    expect(toasts(second)).to_have_count(0)
    context.close()
