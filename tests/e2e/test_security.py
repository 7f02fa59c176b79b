"""Message text is text on every path; only mark_safe messages are HTML; no
Content-Security-Policy violation under the strict policy."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import send, toasts
from tests.e2e.helpers import HTMX

#: Each would run script (setting window.pwned) if it became markup.
CORPUS = [
    "<script>window.pwned = 1</script>",
    '<img src="x" onerror="window.pwned = 1">',
    "<svg onload=window.pwned=1>",
    '"><iframe srcdoc="<script>parent.pwned = 1</script>">',
    '<a href="javascript:window.pwned = 1">click</a>',
    "&lt;b&gt;entity&lt;/b&gt; & <!-- comment -->",
]


def assert_shown_as_text(page: Page) -> None:
    expect(toasts(page).locator("[data-toastkit-message]")).to_have_text(CORPUS)
    markup = page.locator(
        "[data-toastkit-stack] :is(script, img, svg:not(button *), iframe, a)"
    )
    expect(markup).to_have_count(0)
    assert page.evaluate("window.pwned") is None


@pytest.fixture(autouse=True)
def room_for_the_corpus(settings: object) -> None:
    settings.TOASTKIT_MAX_VISIBLE = len(CORPUS)  # type: ignore[attr-defined]


def test_markup_in_server_rendered_messages_is_text(
    page: Page, url: Callable[..., str]
) -> None:
    page.goto(url(2))
    for payload in CORPUS:  # one full page each: the query string holds one text
        page.goto(url(2, text=payload))
        expect(toasts(page).get_by_text(payload, exact=True)).to_have_count(1)
        expect(
            page.locator("[data-toastkit-stack] :is(script, img, iframe, a)")
        ).to_have_count(0)
    assert page.evaluate("window.pwned") is None


@HTMX
def test_markup_in_htmx_messages_and_titles_is_text(
    page: Page, url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(url(htmx_version))
    for payload in CORPUS:
        send(page, payload, title=payload, level=40)  # errors stay
    assert_shown_as_text(page)
    expect(toasts(page).locator("[data-toastkit-title]")).to_have_text(CORPUS)


def test_markup_in_api_messages_is_text(page: Page, url: Callable[..., str]) -> None:
    page.goto(url(4))
    page.evaluate(
        "(corpus) => corpus.forEach((message) => toastkit.show({level: 40, message}))",
        CORPUS,
    )
    assert_shown_as_text(page)


@pytest.mark.parametrize("path", ["server", "htmx"])
def test_a_mark_safe_message_is_rendered_as_html(
    page: Page, url: Callable[..., str], path: str
) -> None:
    html = "Read <strong>the guide</strong> first"
    if path == "server":
        page.goto(url(2, text=html, safe=1))
    else:
        page.goto(url(2))
        send(page, html, safe=True)
    strong = toasts(page).locator("[data-toastkit-message] strong")
    expect(strong).to_have_text("the guide")
    expect(toasts(page)).to_contain_text("Read the guide first")


def test_pages_are_served_under_the_strict_policy(
    page: Page, url: Callable[..., str]
) -> None:
    response = page.goto(url(2))
    assert response is not None
    policy = response.headers["content-security-policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "style-src 'self';" in policy


def test_the_violation_watch_sees_a_blocked_inline_handler(
    page: Page, url: Callable[..., str]
) -> None:
    """The check every test ends with (conftest) does catch violations."""
    page.goto(url(2))
    page.evaluate(
        "document.body.insertAdjacentHTML('beforeend', "
        '\'<img src="data:," onerror="window.pwned = 1"><p style="color: red">x</p>\')'
    )
    page.wait_for_function("window.__violations.length >= 2")
    violations = page.evaluate("window.__violations.splice(0)")
    assert {v.split()[0] for v in violations} == {
        "script-src-attr",
        "style-src-attr",
    }, violations


@HTMX
def test_a_whole_visit_causes_no_csp_violation(
    page: Page, url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(url(htmx_version, levels="20,40"))
    send(page, "Over htmx", title="With a title", times=2)
    page.get_by_role("button", name="Replace me").click()
    page.get_by_role("link", name="Boosted link").click()
    expect(toasts(page).filter(has_text="Boosted page")).to_have_count(1)
    count = toasts(page).count()
    page.keyboard.press("Alt+KeyT")
    page.keyboard.press("Escape")
    expect(toasts(page)).to_have_count(count - 1)
    toasts(page).first.get_by_role("button", name="Dismiss").click()
    page.evaluate("toastkit.dismissAll()")
    expect(toasts(page)).to_have_count(0)
    assert page.evaluate("window.__violations") == []


def test_payload_keys_reach_the_client_unchanged(
    page: Page, url: Callable[..., str]
) -> None:
    """The server's HX-Trigger JSON is what the client reads (a guard on the contract)."""
    page.goto(url(2))
    with page.expect_response("**/e2e/respond/") as response_info:
        send(page, "Contract")
    header = json.loads(response_info.value.headers["hx-trigger"])
    (item,) = header["toastkit:messages"]["messages"]
    assert {"id", "message", "level", "tags", "safe"} <= set(item)
    expect(toasts(page).filter(has_text="Contract")).to_have_attribute(
        "data-id", item["id"]
    )
