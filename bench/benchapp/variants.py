"""The two variants written here rather than installed: the peer pattern and the floor."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.contrib.messages import get_messages
from django.contrib.messages.storage.base import BaseStorage, Message
from django.http import HttpRequest, HttpResponse
from django.utils.deprecation import MiddlewareMixin


class PeerMiddleware(MiddlewareMixin):
    """The recipe most htmx sites copy (e.g. bblanchon/django-htmx-messages-framework).

    Listed after Django's ``MessageMiddleware``: on htmx responses it reads
    this request's messages and puts them in ``HX-Trigger``; iterating marks
    them used, so ``MessageMiddleware`` then stores nothing.
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponse
    ) -> HttpResponse:
        if not request.htmx or 300 <= response.status_code < 400:
            return response
        messages = [
            {"message": m.message, "tags": m.tags} for m in get_messages(request)
        ]
        if not messages:
            return response
        trigger = response.headers.get("HX-Trigger")
        if trigger is None:
            events: dict[str, Any] = {}
        elif trigger.startswith("{"):
            events = json.loads(trigger)
        else:
            events = {trigger: True}
        events["messages"] = messages
        response.headers["HX-Trigger"] = json.dumps(events)
        return response


class FloorStorage(BaseStorage):
    """Messages that live for one request: nothing read, nothing stored."""

    def _get(self, *args: Any, **kwargs: Any) -> tuple[list[Message], bool]:
        return [], True

    def _store(self, messages: list[Message], *args: Any, **kwargs: Any) -> list[Any]:
        return []


class FloorMiddleware:
    """Django's messages API straight into one ``json.dumps`` header.

    The least code that can put a view's messages in ``HX-Trigger``: no
    cookie, no session, no merging with the view's own trigger, no size limit,
    no redirect handling. What it loses is the point of toastkit; it is here
    to show the price of the rest.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request._messages = storage = FloorStorage(request)
        response = self.get_response(request)
        if request.htmx:
            messages = [{"message": m.message, "tags": m.tags} for m in storage]
            if messages:
                response.headers["HX-Trigger"] = json.dumps({"messages": messages})
        return response
