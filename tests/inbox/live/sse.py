"""A server-sent events reader for the tests: a real socket, a bounded wait."""

from __future__ import annotations

import http.client
import json
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit


@dataclass
class Event:
    event: str
    data: str
    id: str | None


class EventStream:
    """``GET url`` with ``headers``; ``next()`` parses one event at a time."""

    def __init__(self, url: str, headers: dict[str, str], timeout: float = 5.0) -> None:
        parts = urlsplit(url)
        self.connection = http.client.HTTPConnection(
            parts.hostname or "", parts.port, timeout=timeout
        )
        self.connection.request(
            "GET",
            parts.path + (f"?{parts.query}" if parts.query else ""),
            headers=headers,
        )
        # A response without a length detaches the socket from the connection.
        self.sock: Any = self.connection.sock
        self.response = self.connection.getresponse()
        self.status = self.response.status
        self.headers = self.response.headers
        #: The ``retry:`` field, once read.
        self.retry: int | None = None

    def next(self, timeout: float = 5.0) -> Event | None:
        """The next event, or ``None`` when the stream ends; ``TimeoutError``
        (a ``socket.timeout``) past ``timeout``."""
        self.sock.settimeout(timeout)
        fields: dict[str, list[str]] = {}
        while True:
            line = self.response.readline()
            if not line:
                return None
            text = line.decode().rstrip("\r\n")
            if not text:
                if "data" in fields:
                    return Event(
                        fields.get("event", ["message"])[-1],
                        "\n".join(fields["data"]),
                        fields["id"][-1] if "id" in fields else None,
                    )
                continue
            name, _, value = text.partition(":")
            value = value.removeprefix(" ")
            if name == "retry":
                self.retry = int(value)
            elif name:
                fields.setdefault(name, []).append(value)

    def next_of(self, kind: str, timeout: float = 5.0) -> Event | None:
        """The next event named ``kind`` (others skipped), within ``timeout``."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            event = self.next(left)
            if event is None or event.event == kind:
                return event
        raise TimeoutError(f"no {kind!r} event within {timeout} s")

    def close(self) -> None:
        self.response.close()
        self.connection.close()


def toast_ids_until(
    streams: Sequence[EventStream], count: int, timeout: float = 5.0
) -> list[str]:
    """The toast ids the streams carry, each read in a thread of its own,
    until ``count`` distinct ones arrived (or ``timeout``): a toast carried
    twice shows as a repeated id."""
    seen: list[str] = []
    enough = threading.Condition()

    def read(stream: EventStream) -> None:
        try:
            while (event := stream.next(timeout)) is not None:
                if event.event != "message":
                    continue
                messages = json.loads(event.data)["toastkit:messages"]["messages"]
                with enough:
                    seen.extend(message["id"] for message in messages)
                    enough.notify_all()
        except Exception:  # timed out, or closed under it at the test's end
            return

    for stream in streams:
        threading.Thread(target=read, args=(stream,), daemon=True).start()
    with enough:
        enough.wait_for(lambda: len(set(seen)) >= count, timeout)
        return list(seen)


def next_toast_ids(stream: EventStream) -> list[str]:
    """The toast ids of the stream's next toast event."""
    event = stream.next_of("message")
    assert event is not None, "the stream ended"
    return [m["id"] for m in json.loads(event.data)["toastkit:messages"]["messages"]]
