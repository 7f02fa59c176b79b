"""The behaviour every real doorbell (``postgres``, ``redis``) must have.

``RealDoorbellTests`` is subclassed by test_doorbell_postgres.py and
test_doorbell_redis.py, each with its own server: uvicorn in a thread of the
test process, so ``process_doorbell()`` here is the server's. Its sweep is a
minute away unless a test says otherwise: what arrives, arrives because it
was announced (or because the listener reconnected).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.db.backends.signals import connection_created
from django.test import override_settings

from tests.inbox.asgi import asgi_server
from tests.inbox.live.conftest import FAST, OpenStream
from tests.inbox.live.sse import EventStream
from toastkit import inbox
from toastkit.inbox.live.doorbell import Doorbell, process_doorbell
from toastkit.inbox.models import InboxMessage

ROOT = Path(__file__).resolve().parents[3]
#: The issue's target for a real doorbell: notify() to the event.
WITHIN = 0.25
MESSAGES = "toastkit_inbox_inboxmessage"


def require(service: str, ready: bool, how: str) -> None:
    """Skip without the service, but fail under CI (CI=true): there it must be."""
    if ready:
        return
    message = f"no {service}: run under {how}"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def texts(stream: EventStream, count: int, timeout: float = 5.0) -> list[str]:
    """The texts of the next ``count`` toasts."""
    found: list[str] = []
    deadline = time.monotonic() + timeout
    while len(found) < count:
        event = stream.next_of("message", max(0.01, deadline - time.monotonic()))
        assert event is not None
        messages = json.loads(event.data)["toastkit:messages"]["messages"]
        found += [message["message"] for message in messages]
    return found


def events_over_pings(stream: EventStream, pings: int) -> list[str]:
    """The kinds of the events until ``pings`` pings have come (a read that
    times out would leave the socket unusable)."""
    kinds: list[str] = []
    while kinds.count("ping") < pings:
        event = stream.next()
        assert event is not None
        kinds.append(event.event)
    return kinds


def arrival(stream: EventStream) -> float:
    """Seconds until the next toast arrives."""
    start = time.monotonic()
    assert stream.next_of("message") is not None
    return time.monotonic() - start


class Counter:
    """A listener of the process doorbell that counts its rings."""

    def __init__(self, user_pk: Any) -> None:
        self.user_pk = user_pk
        self.rang = 0

    def ring(self) -> None:
        self.rang += 1

    closed = False

    def logged_in(self) -> bool:
        return True

    def close(self) -> None:
        pass


@contextmanager
def queries_everywhere() -> Iterator[list[str]]:
    """The SQL that every connection opened meanwhile, in any thread, runs
    (an idle stream has none open: each pool job opens its own)."""
    seen: list[str] = []
    wrapped: list[Any] = []

    def record(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
        seen.append(sql)
        return execute(sql, *args)

    def on_connect(connection: Any, **kwargs: Any) -> None:
        if record not in connection.execute_wrappers:
            connection.execute_wrappers.append(record)
            wrapped.append(connection)

    connection_created.connect(on_connect)
    try:
        yield seen
    finally:
        connection_created.disconnect(on_connect)
        for wrapper in wrapped:
            if record in wrapper.execute_wrappers:
                wrapper.execute_wrappers.remove(record)


def listening(bell: Doorbell, stream: EventStream) -> None:
    """Wait until the listener has connected and ``stream`` has done the claim
    its first ring-all caused (two pings later)."""
    assert bell.listened.wait(10), "the listener never connected"
    for _ in range(2):
        assert stream.next_of("ping") is not None


@contextmanager
def doorbell_server(**settings: Any) -> Iterator[str]:
    """uvicorn with ``FAST`` and ``settings``; on exit, once the streams have
    ended, the doorbell's thread has ended too, closing its connection (the
    test database could not be dropped while it listens)."""
    with override_settings(**FAST, **settings):
        with asgi_server() as url:
            yield url
        thread = process_doorbell().thread
        if thread is not None:
            thread.join(10)


class RealDoorbellTests:
    kind: ClassVar[str]

    @pytest.fixture
    def bell(self, server: str) -> Doorbell:
        return process_doorbell()

    def kill_listener(self) -> int:
        """Drop the listener's connection from the server's side; how many."""
        raise NotImplementedError

    def notify_in_another_process(self, user: User, text: str) -> None:
        """``manage.py notify`` as a subprocess, on the test database."""
        database = {
            key: connection.settings_dict[key]
            for key in ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT", "OPTIONS")
        }
        env = {
            **os.environ,
            "TOASTKIT_LIVE_TEST_DB": json.dumps(database),
            "TOASTKIT_LIVE_TEST_DOORBELL": self.kind,
        }
        subprocess.run(
            [sys.executable, "-m", "django", "notify", user.get_username(), text,
             "--settings", "tests.inbox.live.runserver_settings"],
            cwd=ROOT, env=env, check=True, capture_output=True, timeout=60,
        )  # fmt: skip

    def test_the_process_doorbell_is_of_the_kind_the_setting_names(
        self, bell: Doorbell
    ) -> None:
        assert bell.kind == self.kind

    def test_a_notify_reaches_an_open_stream_within_250_ms(
        self, user: User, open_stream: OpenStream
    ) -> None:
        stream = open_stream(user)
        assert stream.next_of("ready") is not None
        for i in range(3):
            inbox.info(user, f"m{i}")
            assert arrival(stream) < WITHIN

    def test_a_notify_from_another_process_reaches_the_stream(
        self, user: User, open_stream: OpenStream
    ) -> None:
        stream = open_stream(user)
        assert stream.next_of("ready") is not None
        self.notify_in_another_process(user, "From a task")
        assert arrival(stream) < WITHIN
        assert InboxMessage.objects.get().delivered_at is not None

    def test_an_idle_stream_makes_no_message_query(
        self, bell: Doorbell, user: User, open_stream: OpenStream
    ) -> None:
        stream = open_stream(user)
        listening(bell, stream)
        with queries_everywhere() as sql:
            assert events_over_pings(stream, 3) == ["ping"] * 3  # 1.5 s
        assert any("django_session" in query for query in sql)  # the checks ran
        assert [query for query in sql if MESSAGES in query] == []

    def test_a_users_notify_rings_only_that_users_streams(
        self, bell: Doorbell, user: User, other_user: User, open_stream: OpenStream
    ) -> None:
        stream = open_stream(other_user)
        listening(bell, stream)
        alice, bob = Counter(user.pk), Counter(other_user.pk)
        bell.add(alice)
        bell.add(bob)
        try:
            inbox.info(other_user, "For Bob")
            assert texts(stream, 1) == ["For Bob"]
        finally:
            bell.remove(alice)
            bell.remove(bob)
        assert (alice.rang, bob.rang) == (0, 1)

    def test_a_backlog_of_45_messages_all_arrive(
        self, bell: Doorbell, user: User, other_user: User, open_stream: OpenStream
    ) -> None:
        listening(bell, open_stream(other_user))  # its ring-all is over
        for i in range(45):
            inbox.info(user, f"m{i}")  # announced with no stream of the user open
        stream = open_stream(user)
        # A claim takes 20: each full one rings the stream again.
        assert texts(stream, 45) == [f"m{i}" for i in range(45)]

    def test_the_sweep_delivers_a_message_whose_announcement_was_lost(
        self, bell: Doorbell, user: User, open_stream: OpenStream
    ) -> None:
        stream = open_stream(user)
        listening(bell, stream)
        InboxMessage.objects.create(user=user, level=20, message="Unannounced")
        assert "message" not in events_over_pings(stream, 3)  # 1.5 s
        with override_settings(TOASTKIT_LIVE_SWEEP=0.3):
            assert texts(stream, 1, timeout=3) == ["Unannounced"]

    def test_a_killed_listener_reconnects_and_delivers_what_it_missed(
        self, bell: Doorbell, user: User, open_stream: OpenStream
    ) -> None:
        stream = open_stream(user)
        listening(bell, stream)
        connected = bell.reconnects
        # Pending, unannounced: only the ring-all of a reconnection delivers
        # it before the sweep, a minute away.
        InboxMessage.objects.create(user=user, level=20, message="While away")
        assert self.kill_listener() >= 1
        assert texts(stream, 1) == ["While away"]
        assert bell.reconnects > connected
        inbox.info(user, "After")
        assert arrival(stream) < WITHIN
