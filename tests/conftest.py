from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from asgiref.sync import async_to_sync
from django.contrib.messages import get_messages
from django.contrib.messages.storage.base import BaseStorage
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.messages.storage.session import SessionStorage
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.test import AsyncClient, Client, RequestFactory
from hypothesis import settings as hypothesis_settings

import toastkit
from toastkit.middleware import ToastMiddleware
from toastkit.storage import ToastStorage
from toastkit.toast import Toast

if TYPE_CHECKING:
    from django.test.client import (
        _MonkeyPatchedASGIResponse,
        _MonkeyPatchedWSGIResponse,
    )

    #: What the test clients return: a response with ``content`` and the rest.
    TestResponse = _MonkeyPatchedWSGIResponse | _MonkeyPatchedASGIResponse


# CI (CI=true, as .ci/run runs): hypothesis tries the same examples every
# run, so a red run is reproducible and a green one stays green; a local run
# explores new ones. Either way a failure prints the blob that replays it.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
hypothesis_settings.register_profile("dev", print_blob=True)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")


def pytest_report_header() -> str:
    return f"toastkit: {Path(toastkit.__file__).parent}"


#: Every storage toastkit supports: its own and Django's three.
STORAGE_CLASSES = [ToastStorage, FallbackStorage, CookieStorage, SessionStorage]


def noise(seed: object, size: int) -> str:
    """Text that does not compress: the cookie storage compresses what it stores."""
    digest = ""
    while len(digest) < size:
        digest += hashlib.sha256(f"{seed}-{len(digest)}".encode()).hexdigest()
    return digest[:size]


def session_request(
    path: str = "/", headers: dict[str, str] | None = None
) -> HttpRequest:
    """A GET request with a new, empty session, as SessionMiddleware gives it."""
    request = RequestFactory().get(path, headers=headers)
    request.session = SessionBase()
    return request


def messages_request(
    path: str = "/", headers: dict[str, str] | None = None
) -> HttpRequest:
    """A request as ``ToastMiddleware`` hands it to the view (``MESSAGE_STORAGE``'s
    storage in place)."""
    request = session_request(path, headers)
    ToastMiddleware(lambda request: HttpResponse()).process_request(request)
    return request


def respond(
    view: Callable[[HttpRequest], HttpResponseBase], request: HttpRequest
) -> HttpResponseBase:
    """``view``'s response to ``request`` through ``ToastMiddleware``."""
    response = ToastMiddleware(view)(request)
    assert isinstance(response, HttpResponseBase)  # not awaitable: a sync view
    return response


def storage_of(request: HttpRequest) -> BaseStorage:
    """The request's messages storage, as ``get_messages()`` returns it."""
    storage = get_messages(request)
    assert isinstance(storage, BaseStorage)
    return storage


def toasts_of(messages: Iterable[object]) -> list[Toast]:
    """``messages`` as the ``Toast``s they are (``ToastStorage`` stores no other)."""
    items = list(messages)
    toasts = [item for item in items if isinstance(item, Toast)]
    assert toasts == items
    return toasts


class Visitor:
    """Carries cookies and one session between requests, like a browser."""

    def __init__(self) -> None:
        self.factory = RequestFactory()
        self.cookies: dict[str, str] = {}
        self.session = SessionBase()

    def request(self) -> HttpRequest:
        request = self.factory.get("/")
        request.COOKIES.update(self.cookies)
        request.session = self.session
        return request

    def keep(self, response: HttpResponseBase) -> None:
        for name, morsel in response.cookies.items():
            if morsel["max-age"] == 0:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel.value


@pytest.fixture
def visitor() -> Visitor:
    return Visitor()


@pytest.fixture(params=STORAGE_CLASSES, ids=lambda c: c.__name__)
def storage_class(request: pytest.FixtureRequest) -> type[BaseStorage]:
    cls: type[BaseStorage] = request.param
    return cls


@pytest.fixture
def store(
    visitor: Visitor, storage_class: type[BaseStorage]
) -> Callable[[Callable[[BaseStorage], None]], BaseStorage]:
    """``store(fn)``: one request whose storage ``fn`` uses; returns the next one's."""

    def run(use: Callable[[BaseStorage], None]) -> BaseStorage:
        storage = storage_class(visitor.request())
        use(storage)
        response = HttpResponse()
        storage.update(response)
        visitor.keep(response)
        return storage_class(visitor.request())

    return run


HTMX = {"HX-Request": "true"}


@dataclass
class Http:
    """A sync or async test client behind one sync interface."""

    get: Callable[..., TestResponse]


@pytest.fixture(params=["sync", "async"])
def http(request: pytest.FixtureRequest) -> Http:
    if request.param == "sync":
        return Http(get=Client().get)
    return Http(get=async_to_sync(AsyncClient().get))


def shipped(response: HttpResponseBase) -> list[dict[str, Any]]:
    """The messages a response carries in HX-Trigger ([] when none)."""
    if "HX-Trigger" not in response:
        return []
    payload = json.loads(response["HX-Trigger"])
    if "toastkit:messages" not in payload:
        return []
    messages: list[dict[str, Any]] = payload["toastkit:messages"]["messages"]
    return messages


def texts(response: HttpResponseBase) -> list[str]:
    return [m["message"] for m in shipped(response)]
