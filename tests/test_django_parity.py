"""Full request/response cycles without htmx behave exactly as Django's.

Modelled on Django's ``messages_tests`` cycle tests, run with toastkit's
storage and Django's three, through ``ToastMiddleware``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings

from tests.conftest import Http, noise
from toastkit.middleware import ToastMiddleware

STORAGES = [
    "toastkit.storage.ToastStorage",
    "django.contrib.messages.storage.fallback.FallbackStorage",
    "django.contrib.messages.storage.cookie.CookieStorage",
    "django.contrib.messages.storage.session.SessionStorage",
]


@pytest.fixture(params=STORAGES, ids=lambda s: s.rsplit(".", 1)[1])
def client(request: pytest.FixtureRequest) -> Iterator[Client]:
    with override_settings(MESSAGE_STORAGE=request.param):
        yield Client()


def test_post_redirect_get_shows_the_messages_once(client: Client) -> None:
    response = client.get(
        "/add/", {"text": ["one", "two"], "kind": "redirect"}, follow=False
    )
    assert response.status_code == 302
    assert client.get("/show/").content.decode() == (
        "<p class='info'>one</p><p class='info'>two</p>"
    )
    assert client.get("/show/").content.decode() == ""


def test_messages_from_several_requests_accumulate_until_shown(client: Client) -> None:
    for text in ("first", "second", "third"):
        client.get("/add/", {"text": text})
    assert client.get("/show/").content.decode().count("<p") == 3


def test_context_processor_gives_default_message_levels(client: Client) -> None:
    client.get("/add/", {"text": "bad", "level": "40"})
    assert client.get("/show/").content.decode() == "<p class='error'>bad (error)</p>"


def test_template_response_rendered_late_still_consumes_the_messages(
    client: Client,
) -> None:
    client.get("/add/", {"text": "late"})
    assert client.get("/show-later/").content.decode() == "<p>late</p>"
    assert client.get("/show/").content.decode() == ""


#: No session: the cookie alone cannot hold all of ``TOO_MANY``.
COOKIE_ONLY = override_settings(MIDDLEWARE=["toastkit.middleware.ToastMiddleware"])
TOO_MANY = [noise(i, 300) for i in range(20)]


@COOKIE_ONLY
@override_settings(DEBUG=True)
def test_under_debug_messages_that_cannot_be_stored_raise_as_in_django(
    http: Http,
) -> None:
    with pytest.raises(
        ValueError, match=r"^Not all temporary messages could be stored\.$"
    ):
        http.get("/add/", {"text": TOO_MANY})


@COOKIE_ONLY
def test_without_debug_messages_that_cannot_be_stored_are_counted_in_a_warning(
    http: Http, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        response = http.get("/add/", {"text": TOO_MANY})
    assert response.status_code == 200
    (warning,) = caplog.messages
    assert re.fullmatch(
        r"toastkit: [1-9]\d* message\(s\) could not be stored and are lost\.", warning
    )


def test_a_response_for_a_request_without_storage_passes_through_as_in_django() -> None:
    # Django's MessageMiddleware tolerates a request process_request never saw.
    response = HttpResponse()
    middleware = ToastMiddleware(lambda request: HttpResponse())
    assert middleware.process_response(HttpRequest(), response) is response
