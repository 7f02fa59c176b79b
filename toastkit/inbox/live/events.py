"""The stream's text: server-sent events, and the ids they carry.

Each toast is one event whose ``data`` is the ``HX-Trigger`` value a response
would carry for it (``toastkit.header.build_trigger``), so the client hands
it to the code that reads the header. Its ``id`` is ``<stream>.<toast id>``:
the token of the stream that claimed it (``~`` and 12 URL-safe characters,
the rows' ``claim``), then the toast's id. On reconnect the browser sends
the last one back (``Last-Event-ID``) and ``replay.py`` reads it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from toastkit.header import build_trigger
from toastkit.toast import Toast, new_id

#: A stream's token: ``~`` marks a stream's claims apart from a request's.
STREAM_TOKEN = re.compile(r"~[A-Za-z0-9_-]{12}")
#: A toast id (``toastkit.toast.new_id``).
TOAST_ID = re.compile(r"[A-Za-z0-9_-]{1,16}")
#: The named event the client watches for: none for a while, and it reconnects.
PING = "event: ping\ndata: {}\n\n"


def new_stream_token() -> str:
    return "~" + new_id()


@dataclass(frozen=True)
class EventId:
    """A parsed ``Last-Event-ID``: the stream, and the last toast it carried
    (``""``: none yet)."""

    stream: str
    toast: str


def parse_event_id(value: str | None) -> EventId | None:
    """The id, or ``None`` for anything toastkit did not write."""
    stream, dot, toast = (value or "").strip().partition(".")
    if not dot or not STREAM_TOKEN.fullmatch(stream):
        return None
    if toast and not TOAST_ID.fullmatch(toast):
        return None
    return EventId(stream, toast)


def opening(retry_ms: int, token: str) -> str:
    """The first event: how long to wait before a reconnect, and the
    stream's token as the last event id, so that a stream that dies before
    its first toast is replayed from its start."""
    return f"retry: {retry_ms}\nid: {token}.\nevent: ready\ndata: {{}}\n\n"


def toast_events(
    token: str,
    toasts: Iterable[Toast],
    csrf_token: Callable[[], str] | None,
    origin: str | None,
) -> str:
    """One event per toast, in order."""
    events = []
    for toast in toasts:
        # One toast, no budget: a stream has no header size limit.
        trigger = build_trigger(None, [toast], sys.maxsize, csrf_token, origin).header
        events.append(f"id: {token}.{toast.id}\ndata: {trigger}\n\n")
    return "".join(events)
