"""The stream's text: server-sent events, and the ids they carry.

Each toast is one event whose ``data`` is the ``HX-Trigger`` value a response
would carry for it (``toastkit.header.build_trigger``), so the client hands
it to the code that reads the header, and whose ``id`` is the toast's id
(the client's deduplication key). The opening ``ready`` event's id is a
position in time, ``@<microseconds since the epoch>``: the stream's start,
so that a stream that dies before its first toast is replayed from there.
On reconnect the browser sends the last id back (``Last-Event-ID``) and
``replay.py`` reads it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from toastkit.header import build_trigger
from toastkit.toast import CsrfToken, Toast

#: A toast id (``toastkit.toast.new_id``; ``InboxMessage.toast_id``).
TOAST_ID = re.compile(r"[A-Za-z0-9_-]{1,16}")
#: A position in time: ``@`` and microseconds since the epoch.
TIME_ID = re.compile(r"@[0-9]{1,17}")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
#: The named event the client watches for: none for a while, and it reconnects.
PING = "event: ping\ndata: {}\n\n"


@dataclass(frozen=True)
class LastId:
    """Where the browser's last stream stopped: after a toast, or at a time."""

    toast: str = ""
    time: datetime | None = None

    def __str__(self) -> str:
        if self.time is None:
            return self.toast
        return f"@{(self.time - EPOCH) // timedelta(microseconds=1)}"


def parse_last_id(value: str | None) -> LastId | None:
    """The id, or ``None`` for anything toastkit did not write."""
    value = (value or "").strip()
    if TIME_ID.fullmatch(value):
        return LastId(time=EPOCH + timedelta(microseconds=int(value[1:])))
    if TOAST_ID.fullmatch(value):
        return LastId(toast=value)
    return None


def opening(retry_ms: int, last: LastId, ping_ms: int) -> str:
    """The first event: how long to wait before a reconnect, where the
    stream starts, and how often it pings (the client's watchdog)."""
    data = f'{{"ping":{ping_ms}}}'
    return f"retry: {retry_ms}\nid: {last}\nevent: ready\ndata: {data}\n\n"


def toast_events(
    toasts: Iterable[Toast],
    csrf_token: CsrfToken | None,
) -> str:
    """One event per toast, in order."""
    events = []
    for toast in toasts:
        # One toast, no budget: a stream has no header size limit.
        trigger = build_trigger(None, [toast], sys.maxsize, csrf_token).header
        events.append(f"id: {toast.id}\ndata: {trigger}\n\n")
    return "".join(events)
