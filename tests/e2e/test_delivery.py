"""Delivery as the browser sees it: redirects, every response status,
page-replacing responses, a view's own HX-Trigger, non-ASCII text, failed
requests, Django's own message storage. Each is a trap of a peer library."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import send, toasts
from tests.e2e.helpers import HTMX


def test_post_redirect_get_shows_the_message_once(
    page: Page, url: Callable[..., str]
) -> None:
    page.goto(url(2))
    page.get_by_role("button", name="Post and redirect").click()
    expect(toasts(page).filter(has_text="Saved, then redirected")).to_have_count(1)
    page.reload()
    expect(page.get_by_role("heading")).to_be_visible()
    expect(toasts(page)).to_have_count(0)


@HTMX
def test_an_htmx_request_that_redirects_shows_the_message_once(
    page: Page, url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(url(htmx_version))
    page.get_by_role("button", name="Redirect over htmx").click()
    expect(page.locator("#result")).to_have_text("fragment")
    expect(toasts(page).filter(has_text="Redirected over htmx")).to_have_count(1)


@HTMX
def test_a_request_with_no_response_shows_the_network_error_toast(
    page: Page, url: Callable[..., str], htmx_version: int, settings: object
) -> None:
    settings.TOASTKIT_NETWORK_ERROR_MESSAGE = "You seem to be offline."  # type: ignore[attr-defined]
    page.route("**/e2e/offline/", lambda route: route.abort())
    page.goto(url(htmx_version))
    page.get_by_role("button", name="Load offline").click()
    expect(page.get_by_role("alert")).to_have_text("You seem to be offline.")


def test_no_network_error_toast_unless_configured(
    page: Page, url: Callable[..., str]
) -> None:
    page.route("**/e2e/offline/", lambda route: route.abort())
    page.goto(url(4))
    page.get_by_role("button", name="Load offline").click()
    page.get_by_role("button", name="Save").click()
    expect(toasts(page)).to_have_text(["Task saved"])


@HTMX
def test_djangos_own_message_storage_works_too(
    page: Page, url: Callable[..., str], htmx_version: int, settings: object
) -> None:
    storage = "django.contrib.messages.storage.cookie.CookieStorage"
    settings.MESSAGE_STORAGE = storage  # type: ignore[attr-defined]
    page.goto(url(htmx_version, levels="20,25"))
    expect(toasts(page)).to_have_text(["Level 20 message", "Level 25 message"])
    page.get_by_role("button", name="Save").click()
    expect(toasts(page)).to_have_count(3)


@HTMX
@pytest.mark.parametrize("status", [204, 422, 500])
def test_a_toast_arrives_with_any_response_status(
    page: Page, url: Callable[..., str], htmx_version: int, status: int
) -> None:
    page.goto(url(htmx_version))
    send(page, f"Sent with {status}", status=status)
    expect(toasts(page)).to_have_text([f"Sent with {status}"])


@HTMX
def test_an_http_error_is_no_network_error(
    page: Page, url: Callable[..., str], htmx_version: int, settings: object
) -> None:
    settings.TOASTKIT_NETWORK_ERROR_MESSAGE = "Offline"  # type: ignore[attr-defined]
    page.goto(url(htmx_version))
    send(page, "Server says no", status=500)
    expect(toasts(page)).to_have_text(["Server says no"])


@HTMX
@pytest.mark.parametrize("kind", ["client-redirect", "refresh"])
def test_a_page_replacing_response_shows_the_message_on_the_next_page(
    page: Page, url: Callable[..., str], htmx_version: int, kind: str
) -> None:
    page.goto(url(htmx_version))
    with page.expect_navigation():
        send(page, "After the reload", kind=kind)
    expect(toasts(page)).to_have_text(["After the reload"])


@HTMX
def test_the_views_own_hx_trigger_event_still_fires(
    page: Page, url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(url(htmx_version))
    page.evaluate(
        "document.addEventListener('tasks-changed', (e) => window.changed = e.detail.open)"
    )
    send(page, "Merged", kind="trigger")
    expect(toasts(page)).to_have_text(["Merged"])
    assert page.evaluate("window.changed") == 3


@HTMX
def test_non_ascii_text_arrives_intact(
    page: Page, url: Callable[..., str], htmx_version: int
) -> None:
    text = "Gespeichert ✓ · 保存しました · שמור 🎉"
    page.goto(url(htmx_version))
    send(page, text, title="Ünïcödé")
    expect(toasts(page)).to_have_text([f"Ünïcödé\n{text}"])
