"""The two variants written here, not installed: the peer recipe and the floor."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.contrib.messages import get_messages
from django.contrib.messages.storage.base import BaseStorage
from django.http import HttpRequest, HttpResponse
from django.utils.deprecation import MiddlewareMixin


class PeerMiddleware(MiddlewareMixin):
    """The common recipe, as in bblanchon/django-htmx-messages-framework.

    After ``MessageMiddleware`` in MIDDLEWARE, so it sees the response first:
    on htmx responses it puts this request's messages in ``HX-Trigger``,
    merged with the view's; iterating marks them used, so none is stored.
    """

    def process_response(self, request: HttpRequest, response: HttpResponse) -> Any:
        if not request.htmx or 300 <= response.status_code < 400:
            return response
        messages = [
            {"message": m.message, "tags": m.tags} for m in get_messages(request)
        ]
        if messages:
            trigger = response.headers.get("HX-Trigger", "{}")
            events = json.loads(trigger) if trigger.startswith("{") else {trigger: True}
            response.headers["HX-Trigger"] = json.dumps(
                {**events, "messages": messages}
            )
        return response


class FloorStorage(BaseStorage):
    """Messages that live for one request: nothing read, nothing stored."""

    def _get(self, *args: Any, **kwargs: Any) -> tuple[list[Any], bool]:
        return [], True

    def _store(self, messages: list[Any], *args: Any, **kwargs: Any) -> list[Any]:
        return []


class FloorMiddleware:
    """The least code that puts a view's messages in ``HX-Trigger``.

    No cookie, no session, no merging with the view's trigger, no size limit,
    no care for redirects: what it drops is what toastkit is for; it is here
    to price the rest.
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
