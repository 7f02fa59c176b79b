"""The doorbells without a broker: the poll doorbell's one look per tick for
all the process's users, the choice of doorbell, the announcement's payload
and failures, a full claim ringing again, and the pool's threads.

The real doorbells' own tests: test_doorbell_postgres.py, test_doorbell_redis.py."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connections
from django.test import override_settings

from tests.inbox.asgi import free_port
from tests.inbox.conftest import pending
from tests.inbox.live.real_doorbell import queries_everywhere
from toastkit import inbox
from toastkit.inbox.delivery import CLAIM_LIMIT
from toastkit.inbox.live.announce import PAYLOAD_LIMIT, parse, payloads
from toastkit.inbox.live.doorbell import Doorbell, PollDoorbell, process_doorbell
from toastkit.inbox.live.pool import in_pool
from toastkit.inbox.live.stream import Stream

pytestmark = pytest.mark.django_db(transaction=True)


class Listener:
    def __init__(self, user_pk: Any) -> None:
        self.user_pk = user_pk
        self.rang = 0
        self.closed = False
        self.rung = threading.Event()

    def ring(self) -> None:
        self.rang += 1
        self.rung.set()

    def logged_in(self) -> bool:
        return True

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


def listen(doorbell: Doorbell, users: list[User]) -> list[Listener]:
    listeners = [Listener(user.pk) for user in users]
    for listener in listeners:
        doorbell.add(listener)
    return listeners


def test_without_a_flag_cache_a_tick_is_one_query_for_all_users(
    doorbell: PollDoorbell, users: list[User]
) -> None:
    listeners = listen(doorbell, users)
    inbox.info(users[3], "For u3")
    with queries_everywhere() as queries:  # the tick runs in the pool
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
    with queries_everywhere() as queries:
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


def test_the_process_doorbell_is_poll_by_default() -> None:
    assert process_doorbell().kind == "poll"


def test_a_changed_doorbell_setting_builds_a_new_doorbell_for_new_streams() -> None:
    pytest.importorskip("redis")  # in the live dependency group
    before = process_doorbell()
    assert process_doorbell() is before  # unchanged: the same one
    with override_settings(
        TOASTKIT_LIVE_DOORBELL="redis", TOASTKIT_LIVE_REDIS_URL="redis://h/0"
    ):
        assert process_doorbell().kind == "redis"
    after = process_doorbell()
    assert after.kind == "poll"
    assert after is not before


def test_an_announcement_is_split_under_postgresqls_payload_limit() -> None:
    pks: list[object] = [*range(3000), "a" * 7000]
    sent = list(payloads(pks))
    assert len(sent) > 1
    assert max(len(payload.encode()) for payload in sent) <= PAYLOAD_LIMIT
    assert [pk for payload in sent for pk in parse(payload)] == [str(pk) for pk in pks]


def test_a_payload_that_is_not_a_list_of_pks_rings_no_one() -> None:
    assert parse("garbage") == []
    assert parse('{"user": 1}') == []


def test_a_failed_announcement_logs_a_warning_and_loses_nothing(
    users: list[User], caplog: pytest.LogCaptureFixture
) -> None:
    closed = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    with override_settings(
        TOASTKIT_LIVE_DOORBELL="redis", TOASTKIT_LIVE_REDIS_URL=closed
    ):
        inbox.info(users[0], "Export ready")
    assert "could not announce" in caplog.text
    assert pending(users[0]) == ["Export ready"]


def test_with_the_broker_down_the_sweep_still_rings_the_stream(
    users: list[User], caplog: pytest.LogCaptureFixture
) -> None:
    pytest.importorskip("redis")  # in the live dependency group
    closed = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    with override_settings(
        TOASTKIT_LIVE_DOORBELL="redis",
        TOASTKIT_LIVE_REDIS_URL=closed,
        TOASTKIT_LIVE_SWEEP=0.2,
    ):
        bell = process_doorbell()
        (listener,) = listen(bell, [users[0]])  # starts the listener, which fails
        inbox.info(users[0], "Export ready")  # whose announcement fails too
        listener.rung.wait(5)
        thread = bell.thread
        bell.remove(listener)
        assert thread is not None
        thread.join(5)  # with no stream left, it ends
    assert listener.rang >= 1
    assert "doorbell lost its connection" in caplog.text
    assert bell.thread is None


@pytest.mark.parametrize(
    ("count", "rings"), [(CLAIM_LIMIT + 1, 1), (CLAIM_LIMIT - 1, 0)]
)
def test_a_full_claim_rings_its_stream_again(
    users: list[User], count: int, rings: int
) -> None:
    for i in range(count):
        inbox.info(users[0], f"m{i}")
    stream = Stream(users[0].pk, "a-session-key")
    rang: list[None] = []
    stream.wake = lambda: rang.append(None)
    assert len(stream.take().rows) == min(count, CLAIM_LIMIT)
    assert len(rang) == rings


def test_with_a_conn_max_age_a_pool_thread_keeps_its_connection(
    users: list[User], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(connections.settings["default"], "CONN_MAX_AGE", 60)
    after: list[object] = []

    def in_a_thread() -> None:
        in_pool(lambda: User.objects.count())
        after.append(connections["default"].connection)
        connections.close_all()

    thread = threading.Thread(target=in_a_thread)
    thread.start()
    thread.join()
    assert after != [None]
