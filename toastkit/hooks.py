"""Where an optional app joins delivery: ``toastkit.inbox`` registers here.

Core toastkit never imports ``toastkit.inbox``. The inbox's ``AppConfig.ready()``
adds a *pending source*: a function that claims the messages waiting for the
request's user outside the request (marking them delivered) and returns them.
``ToastMiddleware`` (for an ``HX-Trigger`` htmx will read) and ``{% toasts
%}`` (on a full page) call ``join_pending`` at the point of delivery, and only
there: a response the user will not see claims nothing. Without a source,
``join_pending`` returns at its first line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.contrib.messages import get_messages
from django.contrib.messages.storage.base import BaseStorage

from toastkit.internals import queue_message

if TYPE_CHECKING:
    from django.contrib.messages.storage.base import Message
    from django.http import HttpRequest

#: Claims and returns the messages waiting for ``request``'s user.
PendingSource = Callable[["HttpRequest"], "list[Message]"]

pending_sources: list[PendingSource] = []


def add_pending_source(source: PendingSource) -> None:
    """Register ``source`` once (``ready()`` may run again in tests)."""
    if source not in pending_sources:
        pending_sources.append(source)


def has_pending_sources() -> bool:
    """Whether an optional app (``toastkit.inbox``) delivers through here."""
    return bool(pending_sources)


def join_pending(request: HttpRequest) -> None:
    """Queue the waiting messages after the request's own, in its storage.

    From there they follow every rule of a message the view added: shipped
    in ``HX-Trigger`` or rendered in the page, and what does not fit the
    header budget stays stored for the next response.
    """
    if not pending_sources:
        return
    storage = get_messages(request)
    if not isinstance(storage, BaseStorage):
        return  # no messages middleware: nowhere to deliver (toastkit.E002)
    for source in pending_sources:
        for message in source(request):
            storage.added_new = True  # so update() stores what is not shown
            queue_message(storage, message)
