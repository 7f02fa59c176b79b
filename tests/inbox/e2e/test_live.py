"""Live delivery in Chromium: a ``notify()`` from the test process reaches
the open pages of a logged-in user with nothing clicked, one stream for all
the browser's tabs, and a dismissal in one tab clears the others.

The pages are the browser tests' own, under their strict CSP, served by
uvicorn (tests/inbox/asgi.py) with the live view included. Run with the
inbox's settings:

    pytest -p no:randomly tests/inbox/e2e/test_live.py --ds tests.inbox.settings
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import override_settings
from playwright.sync_api import BrowserContext, Page, Request, expect

from tests.e2e.conftest import browser_type_launch_args, page, toasts
from tests.inbox.asgi import asgi_server
from tests.inbox.live.conftest import FAST, session_cookie
from toastkit.inbox import api as inbox

__all__ = ["browser_type_launch_args", "page"]  # fixtures, by name

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PAGE = "/e2e/htmx2/"
STREAM = "/toastkit/live/"


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with override_settings(**FAST), asgi_server(static=True) as url:
        yield url


@pytest.fixture
def logged_in(context: BrowserContext, server: str, user: User) -> BrowserContext:
    """The browser context, with ``user``'s session cookie for ``server``."""
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session_cookie(user),
                "url": server,
            }
        ]
    )
    return context


def streams_opened(context: BrowserContext) -> list[Request]:
    """Every request to the stream the context's pages make, from now on."""
    requests: list[Request] = []

    def note(request: Request) -> None:
        if STREAM in request.url:
            requests.append(request)

    context.on("request", note)
    return requests


def wait_for_stream(page: Page) -> None:
    """The page's stream is open: its opening event was received."""
    page.wait_for_function("() => localStorage.getItem('toastkit-live:last') !== null")


def test_a_notified_message_shows_on_the_open_page_with_nothing_clicked(
    logged_in: BrowserContext, page: Page, server: str, user: User
) -> None:
    page.goto(server + PAGE)
    wait_for_stream(page)
    inbox.info(user, "Export ready")
    expect(toasts(page)).to_contain_text(["Export ready"], timeout=1000)


def test_two_tabs_show_the_message_over_one_stream(
    logged_in: BrowserContext, page: Page, server: str, user: User
) -> None:
    requests = streams_opened(logged_in)
    page.goto(server + PAGE)
    wait_for_stream(page)
    other = logged_in.new_page()
    other.goto(server + PAGE)
    inbox.info(user, "Export ready")
    for tab in (page, other):
        expect(toasts(tab)).to_contain_text(["Export ready"], timeout=1000)
    assert len(requests) == 1


def test_dismissing_in_one_tab_dismisses_in_the_other(
    logged_in: BrowserContext, page: Page, server: str, user: User
) -> None:
    page.goto(server + PAGE)
    wait_for_stream(page)
    other = logged_in.new_page()
    other.goto(server + PAGE)
    inbox.info(user, "Export ready", sticky=True)
    for tab in (page, other):
        expect(toasts(tab)).to_contain_text(["Export ready"], timeout=1000)
    other.get_by_role("button", name="Dismiss").click()
    expect(toasts(page)).to_have_count(0)
