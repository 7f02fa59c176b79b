from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from django.contrib.messages.storage.base import BaseStorage
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.messages.storage.session import SessionStorage
from django.http import HttpRequest, HttpResponse
from django.test import AsyncClient, Client, RequestFactory

from toastkit.storage import ToastStorage

#: Every storage toastkit supports: its own and Django's three.
STORAGE_CLASSES = [ToastStorage, FallbackStorage, CookieStorage, SessionStorage]


def noise(seed: object, size: int) -> str:
    """Text that does not compress: the cookie storage compresses what it stores."""
    digest = ""
    while len(digest) < size:
        digest += hashlib.sha256(f"{seed}-{len(digest)}".encode()).hexdigest()
    return digest[:size]


class Visitor:
    """Carries cookies and one session between requests, like a browser."""

    def __init__(self) -> None:
        self.factory = RequestFactory()
        self.cookies: dict[str, str] = {}
        self.session: dict[str, object] = {}

    def request(self) -> HttpRequest:
        request = self.factory.get("/")
        request.COOKIES.update(self.cookies)
        request.session = self.session  # type: ignore[assignment]
        return request

    def keep(self, response: HttpResponse) -> None:
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

    get: Callable[..., HttpResponse]


@pytest.fixture(params=["sync", "async"])
def http(request: pytest.FixtureRequest) -> Http:
    if request.param == "sync":
        return Http(get=Client().get)
    return Http(get=async_to_sync(AsyncClient().get))


def shipped(response: HttpResponse) -> list[dict[str, Any]]:
    """The messages a response carries in HX-Trigger ([] when none)."""
    if "HX-Trigger" not in response:
        return []
    payload = json.loads(response["HX-Trigger"])
    if "toastkit:messages" not in payload:
        return []
    messages: list[dict[str, Any]] = payload["toastkit:messages"]["messages"]
    return messages


def texts(response: HttpResponse) -> list[str]:
    return [m["message"] for m in shipped(response)]
