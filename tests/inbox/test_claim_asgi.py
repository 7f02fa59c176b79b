"""The claim under a real ASGI server: overlapping requests and a shared browser.

A browser here is a cookie jar: requests sent at once all leave with the
cookies it holds, and each response's Set-Cookie applies in the order the
responses arrive, the last one winning, as in a browser. 0.3.0 lost 2 of 40
messages in 3 of 3 runs of the overlap test (the later response's messages
cookie replaced the earlier one's, which held claimed messages), and showed
Alice's messages to Bob after she logged out by ``HX-Redirect``.
"""

from __future__ import annotations

import json
import threading
import urllib.request
from collections import Counter
from collections.abc import Iterator
from http.cookies import SimpleCookie
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

from tests.conftest import HTMX
from tests.inbox.asgi import asgi_server
from tests.inbox.conftest import page_toasts, pending
from toastkit import inbox

pytestmark = pytest.mark.django_db(transaction=True)

AT_ONCE = 8
QUIET = "/add/?kind=no-content&text="


@pytest.fixture
def server() -> Iterator[str]:
    with asgi_server() as url:
        yield url


class Browser:
    """A cookie jar that sends requests to the server, one or several at once."""

    def __init__(self, server: str, user: User | None = None) -> None:
        self.server = server
        self.cookies: dict[str, str] = {}
        if user is not None:
            self.log_in(user)

    def log_in(self, user: User) -> None:
        """Take a session of ``user`` (the messages cookie stays)."""
        client = Client()
        client.force_login(user)
        name = settings.SESSION_COOKIE_NAME
        self.cookies[name] = client.cookies[name].value

    def send(self, path: str, headers: dict[str, str] | None = None) -> Any:
        """One request with the cookies held now; returns (headers, body)."""
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        request = urllib.request.Request(
            self.server + path, headers={"Cookie": cookie, **(headers or {})}
        )
        opener = urllib.request.build_opener(NoRedirects)
        with opener.open(request, timeout=30) as response:
            return response.headers, response.read().decode()

    def keep(self, headers: Any) -> None:
        for line in headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(line).items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def get(self, path: str, headers: dict[str, str] | None = None) -> list[str]:
        """One request; returns the toast ids it shows."""
        response_headers, body = self.send(path, headers)
        self.keep(response_headers)
        return shown(response_headers, body)

    def at_once(self, path: str, count: int, headers: dict[str, str]) -> list[str]:
        """``count`` requests sent together; returns the ids they show."""
        start = threading.Barrier(count)
        answers: list[tuple[Any, str]] = []
        errors: list[BaseException] = []
        lock = threading.Lock()

        def one() -> None:
            try:
                start.wait()
                answer = self.send(path, headers)
                with lock:  # in the order they arrive
                    answers.append(answer)
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=one) for _ in range(count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        ids: list[str] = []
        for response_headers, body in answers:
            self.keep(response_headers)
            ids += shown(response_headers, body)
        return ids

    def drain(self) -> list[str]:
        """htmx requests until one shows nothing, then a full page."""
        seen: list[str] = []
        while ids := self.get(QUIET, HTMX):
            seen += ids
        return seen + self.get("/page/")


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def shown(headers: Any, body: str) -> list[str]:
    """The toast ids a response shows: its HX-Trigger's, or its page's."""
    if headers.get("HX-Redirect"):
        return []
    trigger = headers.get("HX-Trigger")
    if trigger:
        event = json.loads(trigger).get("toastkit:messages", {})
        return [message["id"] for message in event.get("messages", [])]
    return [toast_id for toast_id, _ in page_toasts(body)]


def test_overlapping_htmx_requests_show_each_message_once(server: str) -> None:
    user = User.objects.create_user("zoe")
    ids = [inbox.info(user, f"m{i}")[0].toast_id for i in range(40)]
    browser = Browser(server, user)
    seen = browser.at_once(QUIET, AT_ONCE, HTMX)
    seen += browser.at_once(QUIET, AT_ONCE, HTMX)
    seen += browser.drain()
    assert [i for i, n in Counter(seen).items() if n > 1] == []
    assert sorted(seen) == sorted(ids)
    assert pending(user) == []


def test_after_a_logout_by_hx_redirect_the_next_user_sees_none_of_the_messages(
    server: str,
) -> None:
    alice = User.objects.create_user("alice")
    bob = User.objects.create_user("bob")
    ids = [inbox.info(alice, f"For Alice {i}")[0].toast_id for i in range(30)]
    browser = Browser(server, alice)
    seen = browser.get(QUIET, HTMX)
    browser.get("/inbox/log-out/client-redirect/", HTMX)
    browser.get("/inbox/no-toasts/")
    browser.log_in(bob)
    assert browser.drain() == []
    browser.log_in(alice)
    assert sorted(seen + browser.drain()) == sorted(ids)
