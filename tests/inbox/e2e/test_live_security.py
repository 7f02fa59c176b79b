"""Attacks on live delivery in Chromium: two users, one browser or two;
another origin's page reaching for the stream with the user's cookie.

Each was an attack that worked until its fix (docs/live.md, "Security").
A script of the site's own origin (one that
posts on the ``toastkit-live`` channel, or writes ``toastkit-live:*`` in
localStorage) is out of scope: it can read the page and call ``toastkit``
itself.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import override_settings
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from tests.e2e.conftest import toasts
from tests.inbox.asgi import asgi_server
from tests.inbox.conftest import pending
from tests.inbox.e2e.live_helpers import PAGE, STREAM, LiveServer, wait_for_stream
from tests.inbox.live.conftest import FAST, session_cookie
from toastkit.inbox import api as inbox

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def cookie_for(context: BrowserContext, server_url: str, user: User) -> None:
    """``user``'s session in ``context``, ``SameSite=Lax`` as Django sets it."""
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session_cookie(user),
                "url": server_url,
                "sameSite": "Lax",
                "httpOnly": True,
            }
        ]
    )


class Sibling:
    """A page of another origin on the same site: 127.0.0.1 on another port
    (a site ignores the port, as app.example.com and blog.example.com are
    one site). A real server on loopback: Chromium's local network access
    checks block a page that is not on it from framing a loopback server."""

    def __init__(self) -> None:
        self.body = b""
        sibling = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(sibling.body)))
                self.end_headers()
                self.wfile.write(sibling.body)

            def log_message(self, format: str, *args: object) -> None:
                pass  # quiet

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def serve(self, body: str) -> str:
        """Its page is ``body`` from now on; returns the page's URL."""
        self.body = body.encode()
        return f"{self.url}/attack/"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def sibling() -> Iterator[Sibling]:
    server = Sibling()
    yield server
    server.close()


# --- Two users -------------------------------------------------------------


def test_two_users_in_two_browsers_each_see_only_their_own_toasts(
    live: LiveServer, browser: Browser, user: User, other_user: User
) -> None:
    tabs = []
    for who in (user, other_user):
        context = browser.new_context()
        cookie_for(context, live.url, who)
        tab = context.new_page()
        tab.goto(live.url + PAGE)
        wait_for_stream(tab)
        tabs.append(tab)
    alices, bobs = tabs
    inbox.info(user, "For Alice", sticky=True)
    inbox.info(other_user, "For Bob", sticky=True)
    expect(toasts(alices)).to_have_text(["For Alice"])
    expect(toasts(bobs)).to_have_text(["For Bob"])
    # Each browser's replay, from its own last id, adds nothing of the other's.
    for tab in tabs:
        tab.reload()
        wait_for_stream(tab)
    inbox.info(user, "Again for Alice", sticky=True)
    expect(toasts(alices)).to_have_text(["Again for Alice"])
    expect(toasts(bobs)).to_have_count(0)
    for tab in tabs:
        tab.context.close()


def test_in_one_browser_the_next_user_sees_none_of_the_last_ones_toasts(
    logged_in: BrowserContext,
    page: Page,
    live: LiveServer,
    user: User,
    other_user: User,
) -> None:
    # Alice's tab stays open, with her stream, her toast, and her ids in
    # localStorage (toastkit-live:seen and :last); in another tab she logs
    # out and Bob logs in.
    page.goto(live.url + PAGE)
    wait_for_stream(page)
    inbox.info(user, "For Alice", sticky=True)
    expect(toasts(page)).to_have_text(["For Alice"])
    bobs = logged_in.new_page()
    bobs.goto(live.url + "/inbox/log-out/page/")
    bobs.goto(live.url + "/inbox/log-in-as/bob/")
    bobs.goto(live.url + PAGE)
    wait_for_stream(bobs)
    inbox.info(user, "Alice, later", sticky=True)
    inbox.info(other_user, "For Bob", sticky=True)
    expect(toasts(bobs)).to_have_text(["For Bob"], timeout=5000)
    expect(toasts(page).filter(has_text="Alice, later")).to_have_count(0)
    assert pending(user) == ["Alice, later"]  # for Alice's next login


@pytest.fixture
def signed_cookie_server(django_db_setup: None) -> Iterator[str]:
    """The live server in this process, sessions in signed cookies (a logout
    leaves the old cookie valid: the stream cannot see it)."""
    with (
        override_settings(
            **{
                **FAST,
                "SESSION_ENGINE": "django.contrib.sessions.backends.signed_cookies",
                "TOASTKIT_LIVE_RETRY": 200,
                "TOASTKIT_DURATIONS": dict.fromkeys((10, 20, 25, 30), 60_000),
            }
        ),
        asgi_server(static=True) as url,
    ):
        yield url


def test_with_signed_cookie_sessions_the_next_user_gets_only_their_own_toasts(
    signed_cookie_server: str,
    context: BrowserContext,
    page: Page,
    user: User,
    other_user: User,
) -> None:
    url = signed_cookie_server
    cookie_for(context, url, user)
    page.goto(url + PAGE)
    wait_for_stream(page)
    bobs = context.new_page()
    bobs.goto(url + "/inbox/log-out/page/")
    bobs.goto(url + "/inbox/log-in-as/bob/")
    bobs.goto(url + PAGE)
    wait_for_stream(bobs)
    inbox.info(user, "For Alice", sticky=True)
    inbox.info(other_user, "For Bob", sticky=True)
    expect(toasts(bobs).filter(has_text="For Bob")).to_have_count(1, timeout=3000)
    expect(toasts(bobs).filter(has_text="For Alice")).to_have_count(0)


# --- Another origin, same site ---------------------------------------------


def test_a_sibling_origins_event_source_with_the_users_cookie_reads_and_claims_nothing(
    live: LiveServer,
    context: BrowserContext,
    page: Page,
    user: User,
    sibling: Sibling,
) -> None:
    cookie_for(context, live.url, user)
    inbox.info(user, "Not for the sibling")
    attack = sibling.serve(
        f"""<script>
        window.got = [];
        window.source = new EventSource({(live.url + STREAM)!r}, {{withCredentials: true}});
        source.onmessage = (event) => window.got.push(event.data);
        </script>""",
    )
    # Chromium sends the cookie (same site) and Origin; the server refuses.
    with page.expect_event("requestfailed", lambda r: STREAM in r.url):
        page.goto(attack)
    page.wait_for_function("window.source.readyState === EventSource.CLOSED")
    assert page.evaluate("window.got") == []
    # The message waited for the user's own page.
    own = context.new_page()
    own.goto(live.url + PAGE)
    expect(toasts(own)).to_have_text(["Not for the sibling"])


def test_a_sibling_origins_frame_of_the_stream_is_refused_and_claims_nothing(
    live: LiveServer,
    context: BrowserContext,
    page: Page,
    user: User,
    sibling: Sibling,
) -> None:
    cookie_for(context, live.url, user)
    inbox.info(user, "Not for the sibling")
    attack = sibling.serve(f'<iframe src="{live.url + STREAM}"></iframe>')
    # A refusal ends the frame's request at once; a stream never ends it.
    with page.expect_request_finished(lambda r: STREAM in r.url, timeout=5000) as done:
        page.goto(attack, wait_until="commit")
    answer = done.value.response()
    assert answer is not None
    assert answer.status == 403
    own = context.new_page()
    own.goto(live.url + PAGE)
    expect(toasts(own)).to_have_text(["Not for the sibling"])


# --- Page content ------------------------------------------------------------


def test_a_stream_url_in_the_pages_content_is_not_the_one_opened(
    logged_in: BrowserContext, page: Page, live: LiveServer
) -> None:
    # Content before toastkit's region, as a user's post or a swapped-in
    # fragment could hold it: a region of its own naming another URL.
    fake = '<div data-toastkit data-toastkit-live="/toastkit/live/?forged=1"></div>'

    def inject(route: Route) -> None:
        response = route.fetch()
        body = re.sub(r"(<body[^>]*>)", rf"\1{fake}", response.text(), count=1)
        assert fake in body
        route.fulfill(response=response, body=body)

    opened: list[str] = []
    page.on("request", lambda r: opened.append(r.url) if STREAM in r.url else None)
    page.route(f"{live.url}{PAGE}", inject)
    page.goto(live.url + PAGE)
    wait_for_stream(page)
    assert opened
    assert all("forged" not in address for address in opened)
