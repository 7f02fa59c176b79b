"""The poll doorbell: one look per tick for all the process's users, and the pool's threads."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection, connections
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from toastkit import inbox
from toastkit.inbox.live.doorbell import PollDoorbell
from toastkit.inbox.live.stream import in_pool

pytestmark = pytest.mark.django_db(transaction=True)


class Listener:
    def __init__(self, user_pk: Any) -> None:
        self.user_pk = user_pk
        self.rang = 0
        self.closed = False

    def ring(self) -> None:
        self.rang += 1

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def users() -> list[User]:
    return [User.objects.create_user(f"u{i}") for i in range(30)]


@pytest.fixture
def doorbell() -> PollDoorbell:
    bell = PollDoorbell()
    bell.stopping.set()  # no ticker thread: the tests tick by hand
    return bell


@pytest.fixture
def flag_cache(tmp_path: Path) -> Iterator[None]:
    cache = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(tmp_path / "cache"),
    }
    with override_settings(CACHES={"default": cache}, TOASTKIT_INBOX_CACHE="default"):
        yield


def listen(doorbell: PollDoorbell, users: list[User]) -> list[Listener]:
    listeners = [Listener(user.pk) for user in users]
    for listener in listeners:
        doorbell.add(listener)
    return listeners


def test_without_a_flag_cache_a_tick_is_one_query_for_all_users(
    doorbell: PollDoorbell, users: list[User]
) -> None:
    listeners = listen(doorbell, users)
    inbox.info(users[3], "For u3")
    with CaptureQueriesContext(connection) as queries:
        doorbell.tick()
    assert len(queries) == 1
    assert [listener.rang for listener in listeners] == [
        1 if i == 3 else 0 for i in range(30)
    ]


def test_with_a_flag_cache_a_tick_makes_no_query(
    flag_cache: None, doorbell: PollDoorbell, users: list[User]
) -> None:
    listeners = listen(doorbell, users)
    inbox.info(users[7], "For u7")
    with CaptureQueriesContext(connection) as queries:
        doorbell.tick()
    assert len(queries) == 0
    assert [i for i, listener in enumerate(listeners) if listener.rang] == [7]


def test_every_stream_of_a_flagged_user_is_rung(
    doorbell: PollDoorbell, users: list[User]
) -> None:
    listeners = listen(doorbell, [users[0], users[0], users[1]])
    inbox.info(users[0], "For u0")
    doorbell.tick()
    assert [listener.rang for listener in listeners] == [1, 1, 0]


@override_settings(TOASTKIT_LIVE_STREAMS_PER_USER=2)
def test_past_the_cap_the_users_oldest_stream_is_closed(
    doorbell: PollDoorbell, users: list[User]
) -> None:
    listeners = listen(doorbell, [users[0], users[1], users[0], users[0]])
    assert [listener.closed for listener in listeners] == [True, False, False, False]


def test_a_removed_stream_is_not_rung(
    doorbell: PollDoorbell, users: list[User]
) -> None:
    first, second = listen(doorbell, [users[0], users[0]])
    doorbell.remove(first)
    inbox.info(users[0], "For u0")
    doorbell.tick()
    assert (first.rang, second.rang) == (0, 1)
    assert doorbell.connected() == 1


def test_work_in_the_pool_leaves_its_thread_no_connection(users: list[User]) -> None:
    after: list[object] = []

    def in_a_thread() -> None:
        in_pool(lambda: User.objects.count())
        after.append(connections["default"].connection)

    thread = threading.Thread(target=in_a_thread)
    thread.start()
    thread.join()
    assert after == [None]
