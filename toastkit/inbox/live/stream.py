"""One stream: what it does between the doorbell's rings, under WSGI and ASGI alike.

``Stream.script()`` is the stream's logic, written once: a generator that
yields what to do next (text to send, blocking ``Work`` for the thread pool,
a ``Wait`` for a ring) and is sent the result. ``sync_events`` runs it in a
WSGI thread, ``async_events`` in the event loop: under WSGI Django collects
an async iterator into a list (nothing is sent until it ends), and under
ASGI it runs a sync one in a thread per chunk.

Database work runs in the process's small pool of threads
(``toastkit.inbox.live.pool``): an idle stream holds no connection.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import threading
from collections.abc import AsyncIterator, Callable, Generator, Iterator
from dataclasses import dataclass
from importlib import import_module
from time import monotonic
from typing import Any

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.auth import get_user
from django.http import HttpRequest
from django.utils import timezone

from toastkit.conf import toastkit_settings
from toastkit.inbox.delivery import CLAIM_LIMIT, Claim, claim
from toastkit.inbox.live.doorbell import process_doorbell
from toastkit.inbox.live.events import PING, LastId, opening, toast_events
from toastkit.inbox.live.pool import (
    close_request_connections,
    in_pool,
    pool,
    run_in_pool,
)
from toastkit.inbox.live.replay import replay, stream_token
from toastkit.toast import CsrfToken, Toast

logger = logging.getLogger("toastkit")


@dataclass
class Work:
    """Blocking work for the pool; the script is sent its result."""

    run: Callable[[], Any]


@dataclass
class Wait:
    """Wait for a ring, at most ``seconds``; the script is sent whether it rang."""

    seconds: float


Step = str | Work | Wait


def jittered(retry_ms: int) -> int:
    """The stream's ``retry:``: the setting, spread over ±50%. The browser's
    own reconnect has no jitter: after a restart, every stream of a worker
    would come back in the same instant, each request needing a database
    connection for its session (measured with 1,000 streams on PostgreSQL:
    1,465 answers 500, "too many clients", without it)."""
    return round(retry_ms * random.uniform(0.5, 1.5))


class Stream:
    """The stream of one request: its user, session and token."""

    def __init__(
        self,
        user_pk: Any,
        session_key: str,
        *,
        last: LastId | None = None,
        csrf_token: CsrfToken | None = None,
        hung_up: Callable[[], bool] = lambda: False,
    ) -> None:
        self.user_pk = user_pk
        self.session_key = session_key
        self.last = last
        self.csrf_token = csrf_token
        #: Whether the browser has closed the connection (toastkit.inbox.live.peer).
        self.hung_up = hung_up
        self.token = stream_token(session_key)
        self.closed = False
        #: Set by the driver: wakes the stream from any thread.
        self.wake: Callable[[], None] = lambda: None

    def ring(self) -> None:
        self.wake()

    def close(self) -> None:
        self.closed = True
        self.wake()

    # Blocking work, run in the pool.

    def logged_in(self) -> bool:
        """Whether the session is still this user's: not logged out, flushed,
        expired, or invalidated by a password change (Django's own check)."""
        request = HttpRequest()
        request.session = import_module(settings.SESSION_ENGINE).SessionStore(
            self.session_key
        )
        user = get_user(request)
        return bool(user.is_authenticated) and user.pk == self.user_pk

    def claim(self) -> tuple[str, bool]:
        """The events of what the user has pending, claimed now; and whether
        the stream goes on."""
        if self.hung_up():
            logger.debug(
                "toastkit: a live stream's browser hung up; it ends unclaimed."
            )
            return "", False
        if not self.logged_in():
            return "", False
        taken = self.take()
        return self.events(taken.toasts), True

    def take(self) -> Claim:
        """Claim; a full claim (more may be pending) rings the stream again,
        since a real doorbell would not (``poll``'s next tick would)."""
        taken = claim(self.user_pk, token=self.token)
        if len(taken.rows) >= CLAIM_LIMIT:
            self.ring()
        return taken

    def open(self) -> tuple[str, bool]:
        """The opening event, the rows a previous stream of the session may
        not have carried, then ``claim()``'s."""
        if not self.logged_in():
            return "", False
        last = self.last or LastId(time=timezone.now())  # before the claim
        replayed: list[Toast] = []
        if self.last is not None:
            replayed = replay(
                self.user_pk, self.session_key, self.last, toastkit_settings.LIVE_REPLAY
            )
        taken = self.take()
        text = self.events(replayed + taken.toasts)
        return opening(
            jittered(toastkit_settings.LIVE_RETRY),
            last,
            round(toastkit_settings.LIVE_PING * 1000),
        ) + text, True

    def events(self, toasts: list[Toast]) -> str:
        return toast_events(toasts, self.csrf_token)

    def script(self) -> Generator[Step, Any, None]:
        ends = monotonic() + toastkit_settings.LIVE_MAX_AGE
        text, alive = yield Work(self.open)
        while alive:
            if text:  # claimed: sent even when the stream was closed meanwhile
                yield text
            if self.closed:
                return
            ping_at = monotonic() + toastkit_settings.LIVE_PING
            while True:
                now = monotonic()
                if now >= ends:
                    return
                rang = yield Wait(min(ping_at, ends) - now)
                if self.closed:
                    return
                if rang:
                    break
                if monotonic() >= ping_at:
                    # The doorbell's session rounds end a logged-out stream.
                    yield PING
                    ping_at = monotonic() + toastkit_settings.LIVE_PING
            text, alive = yield Work(self.claim)


def sync_events(stream: Stream) -> Iterator[bytes]:
    """The stream in a WSGI thread."""
    # The request's thread: middleware after the view may have connected
    # again (a session saved, a CSRF token); the stream holds no connection.
    close_request_connections()
    bell = threading.Event()
    stream.wake = bell.set
    doorbell = process_doorbell()
    doorbell.add(stream)
    script = stream.script()
    result: Any = None
    try:
        while True:
            try:
                step = script.send(result)
            except StopIteration:
                return
            if isinstance(step, str):
                result = None
                yield step.encode()
            elif isinstance(step, Work):
                result = run_in_pool(step.run)
            else:
                result = bell.wait(step.seconds)
                if result:
                    bell.clear()
    finally:
        doorbell.remove(stream)


async def async_events(stream: Stream) -> AsyncIterator[bytes]:
    """The stream in the event loop (ASGI)."""
    # The request's sync thread (thread-sensitive): see sync_events.
    await sync_to_async(close_request_connections)()
    loop = asyncio.get_running_loop()
    bell = asyncio.Event()

    def wake() -> None:
        # A closed loop (RuntimeError): the stream is over.
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(bell.set)

    stream.wake = wake
    doorbell = process_doorbell()
    doorbell.add(stream)
    script = stream.script()
    result: Any = None
    try:
        while True:
            try:
                step = script.send(result)
            except StopIteration:
                return
            if isinstance(step, str):
                result = None
                yield step.encode()
            elif isinstance(step, Work):
                result = await loop.run_in_executor(pool(), in_pool, step.run)
            else:
                try:
                    await asyncio.wait_for(bell.wait(), step.seconds)
                except TimeoutError:
                    result = False
                else:
                    bell.clear()
                    result = True
    finally:
        doorbell.remove(stream)
