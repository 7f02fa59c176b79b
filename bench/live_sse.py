"""An aiohttp reader of toastkit's stream, as toastkit-live.js reads it.

``Stream`` opens ``/toastkit/live/`` with a session cookie (and a
``Last-Event-ID``), parses server-sent events, and notes when each toast
arrived (wall clock, so it compares with another process's commit time).
``toasts(event)`` reads the toasts' ids and texts out of an event's data,
an ``HX-Trigger`` value.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass

import aiohttp

COOKIE = "sessionid"
STREAM = "/toastkit/live/"


@dataclass
class Event:
    event: str
    data: str
    id: str | None
    at: float  # time.time() when its last line arrived


def toasts(event: Event) -> list[tuple[str, str]]:
    """``(id, text)`` of each toast an unnamed event carries."""
    if event.event != "message":
        return []
    payload = json.loads(event.data).get("toastkit:messages", {})
    return [(m["id"], m["message"]) for m in payload.get("messages", [])]


def client(limit: int = 0) -> aiohttp.ClientSession:
    """A session with no connection limit, no pooling, long reads."""
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=limit, force_close=True),
        timeout=aiohttp.ClientTimeout(total=None, sock_connect=30, sock_read=None),
    )


class Stream:
    """One stream of one session; ``async with`` opens it, ``events()`` reads."""

    def __init__(
        self,
        http: aiohttp.ClientSession,
        base: str,
        cookie: str,
        last: str | None = None,
    ) -> None:
        self.http, self.url = http, base + STREAM
        self.headers = {"Cookie": f"{COOKIE}={cookie}", "Accept": "text/event-stream"}
        if last:
            self.headers["Last-Event-ID"] = last
        self.response: aiohttp.ClientResponse | None = None
        self.status = 0
        #: The stream's ``retry:`` field, seconds (EventSource's reconnect delay).
        self.retry: float | None = None

    async def __aenter__(self) -> Stream:
        self.response = await self.http.get(self.url, headers=self.headers)
        self.status = self.response.status
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.response is not None:
            self.response.close()  # drops the connection: the server sees it go

    async def events(self) -> AsyncIterator[Event]:
        """Events until the stream ends (nothing for a status other than 200)."""
        if self.response is None or self.status != 200:
            return
        fields: dict[str, list[str]] = {}
        async for raw in self.response.content:
            line = raw.decode().rstrip("\r\n")
            if line:
                name, _, value = line.partition(":")
                if name == "retry" and value.strip().isdigit():
                    self.retry = int(value) / 1000
                elif name:
                    fields.setdefault(name, []).append(value.removeprefix(" "))
                continue
            if "data" in fields:
                yield Event(
                    fields.get("event", ["message"])[-1],
                    "\n".join(fields["data"]),
                    fields["id"][-1] if "id" in fields else None,
                    time.time(),
                )
            fields = {}

    async def ready(self, timeout: float = 60) -> Event:
        """The opening ``ready`` event (``TimeoutError`` past ``timeout``)."""
        async with asyncio.timeout(timeout):
            async for event in self.events():
                if event.event == "ready":
                    return event
        raise ConnectionError(f"the stream ended before ready (status {self.status})")


def backoff(failures: int) -> float:
    """toastkit-live.js's delay before its next try, in seconds: 1 s doubling
    to 60 s, jittered between half and all of it."""
    delay = min(1.0 * 2**failures, 60.0)
    return delay / 2 + random.random() * delay / 2
