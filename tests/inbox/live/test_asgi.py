"""The live stream under a real ASGI server (uvicorn in a thread): what a page receives."""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone

from tests.inbox.conftest import pending
from tests.inbox.live.conftest import OpenStream, replays_nothing, session_cookie
from tests.inbox.live.sse import EventStream, toast_ids_until
from toastkit import inbox
from toastkit.conf import toastkit_settings
from toastkit.header import build_trigger
from toastkit.inbox.delivery import to_toast
from toastkit.inbox.live.replay import stream_token
from toastkit.inbox.models import InboxMessage

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(params=["flag cache", "no flag cache"])
def flag_cache(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[None]:
    """The doorbell reads flags with get_many, or the database with one query."""
    if request.param == "no flag cache":
        yield
        return
    cache = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(tmp_path / "cache"),
    }
    with override_settings(CACHES={"default": cache}, TOASTKIT_INBOX_CACHE="default"):
        yield


def toast_ids(stream: EventStream, count: int) -> list[str]:
    """The toast ids of the next ``count`` toast events."""
    ids = []
    for _ in range(count):
        event = stream.next_of("message")
        assert event is not None
        ids += [
            m["id"] for m in json.loads(event.data)["toastkit:messages"]["messages"]
        ]
    return ids


def next_id(stream: EventStream, kind: str = "message") -> str:
    """The id of the next ``kind`` event."""
    event = stream.next_of(kind)
    assert event is not None
    assert event.id is not None
    return event.id


def opened(stream: EventStream) -> str:
    """Read the opening event; returns the stream's first id."""
    return next_id(stream, "ready")


def test_a_notified_message_arrives_on_the_open_stream_within_a_second(
    flag_cache: None, user: User, open_stream: OpenStream
) -> None:
    stream = open_stream(user)
    opened(stream)
    sent = time.monotonic()
    row = inbox.info(user, "Export ready")[0]
    assert toast_ids(stream, 1) == [row.toast_id]
    assert time.monotonic() - sent < 1.0
    assert pending(user) == []


def test_the_response_is_an_uncached_unbuffered_event_stream(
    user: User, open_stream: OpenStream
) -> None:
    stream = open_stream(user)
    assert stream.status == 200
    assert stream.headers["Content-Type"] == "text/event-stream"
    assert stream.headers["Cache-Control"] == "no-cache, no-store"
    assert stream.headers["X-Accel-Buffering"] == "no"


def test_streams_are_told_different_retry_delays(
    user: User, open_stream: OpenStream
) -> None:
    """Jittered: after a restart the browsers do not all come back at once."""
    delays = set()
    for _ in range(4):
        stream = open_stream(user)
        opened(stream)
        delays.add(stream.retry)
        stream.close()
    assert len(delays) > 1


def test_the_stream_opens_with_retry_and_an_id_naming_it(
    user: User, open_stream: OpenStream
) -> None:
    stream = open_stream(user)
    first_id = opened(stream)
    assert stream.retry is not None
    assert 1500 <= stream.retry <= 4500  # TOASTKIT_LIVE_RETRY, jittered
    assert re.fullmatch(r"@[0-9]+", first_id)


def test_the_ready_event_says_how_often_the_stream_pings(
    user: User, open_stream: OpenStream
) -> None:
    ready = open_stream(user).next_of("ready")
    assert ready is not None
    assert json.loads(ready.data) == {"ping": 500}  # FAST's TOASTKIT_LIVE_PING


def test_messages_pending_before_the_stream_opened_arrive_first(
    user: User, open_stream: OpenStream
) -> None:
    rows = [inbox.info(user, f"m{i}")[0] for i in range(3)]
    stream = open_stream(user)
    assert toast_ids(stream, 3) == [row.toast_id for row in rows]


def test_a_toast_event_carries_the_hx_trigger_payload_of_the_toast(
    user: User, open_stream: OpenStream
) -> None:
    stream = open_stream(user)
    opened(stream)
    row = inbox.success(user, "Saved", title="Export", sticky=True)[0]
    event = stream.next_of("message")
    assert event is not None
    assert event.id == row.toast_id
    row.refresh_from_db()
    expected = build_trigger(None, [to_toast(row)], sys.maxsize).header
    assert event.data == expected


def test_a_named_ping_event_arrives_every_ping_interval(
    user: User, open_stream: OpenStream
) -> None:
    stream = open_stream(user)
    opened(stream)
    started = time.monotonic()
    assert stream.next_of("ping", timeout=2) is not None
    assert stream.next_of("ping", timeout=2) is not None
    assert 0.8 < time.monotonic() - started < 3.0  # two pings, 0.5 s apart


@override_settings(TOASTKIT_LIVE_MAX_AGE=1.0)
def test_the_stream_ends_after_its_maximum_age(
    user: User, open_stream: OpenStream
) -> None:
    stream = open_stream(user)
    started = time.monotonic()
    while stream.next(timeout=3) is not None:
        pass
    assert 0.9 < time.monotonic() - started < 2.5


def test_an_anonymous_request_gets_204(open_stream: OpenStream) -> None:
    assert open_stream(None).status == 204


def test_a_logout_ends_the_stream_and_nothing_is_delivered_after_it(
    user: User, open_stream: OpenStream
) -> None:
    client = Client()
    client.force_login(user)
    stream = open_stream(client.cookies["sessionid"].value)
    opened(stream)
    client.logout()  # another tab: the session is deleted
    inbox.info(user, "After the logout")
    while (event := stream.next(timeout=3)) is not None:
        assert event.event != "message"
    assert pending(user) == ["After the logout"]


def test_a_reconnect_with_last_event_id_gets_what_the_stream_sent_after_it(
    user: User, open_stream: OpenStream
) -> None:
    rows = [inbox.info(user, f"m{i}")[0] for i in range(3)]
    cookie = session_cookie(user)
    stream = open_stream(cookie)
    first = next_id(stream)
    stream.close()  # the connection died after the first event
    again = open_stream(cookie, {"Last-Event-ID": first})
    assert toast_ids(again, 2) == [row.toast_id for row in rows[1:]]
    assert pending(user) == []


def test_the_last_query_parameter_works_as_the_header(
    user: User, open_stream: OpenStream
) -> None:
    rows = [inbox.info(user, f"m{i}")[0] for i in range(2)]
    cookie = session_cookie(user)
    stream = open_stream(cookie)
    first = next_id(stream)
    stream.close()
    again = open_stream(cookie, query=f"?last={first}")
    assert toast_ids(again, 1) == [rows[1].toast_id]


def test_a_stream_that_died_before_its_first_toast_is_replayed_from_its_start(
    user: User, open_stream: OpenStream
) -> None:
    cookie = session_cookie(user)
    stream = open_stream(cookie)
    first_id = opened(stream)
    row = inbox.info(user, "Claimed, then the connection died")[0]
    InboxMessage.objects.filter(pk=row.pk).update(
        delivered_at=timezone.now(), claim=stream_token(cookie)
    )  # as if that stream claimed it and its write was lost
    stream.close()
    again = open_stream(cookie, {"Last-Event-ID": first_id})
    assert toast_ids(again, 1) == [row.toast_id]


def test_a_replayed_row_is_replayed_again_from_the_new_streams_id(
    user: User, open_stream: OpenStream
) -> None:
    rows = [inbox.info(user, f"m{i}")[0] for i in range(2)]
    cookie = session_cookie(user)
    stream = open_stream(cookie)
    first = next_id(stream)
    stream.close()
    again = open_stream(cookie, {"Last-Event-ID": first})
    second_id = opened(again)
    again.close()  # died again, maybe before sending the replayed row
    third = open_stream(cookie, {"Last-Event-ID": second_id})
    assert toast_ids(third, 1) == [rows[1].toast_id]


def test_another_users_event_id_replays_none_of_their_messages(
    user: User, other_user: User, open_stream: OpenStream
) -> None:
    inbox.info(user, "For Alice")
    inbox.info(user, "For Alice too")
    alice = open_stream(user)
    alices_first = opened(alice)
    alices_ids = toast_ids(alice, 2)
    alice.close()
    for last in (alices_first, alices_ids[0]):
        bob = open_stream(other_user, {"Last-Event-ID": last})
        assert replays_nothing(bob, other_user)
        bob.close()


def test_another_session_of_the_user_replays_none_of_this_ones(
    user: User, open_stream: OpenStream
) -> None:
    rows = [inbox.info(user, f"m{i}")[0] for i in range(2)]
    laptop = open_stream(user)
    first = next_id(laptop)
    assert toast_ids(laptop, 1) == [rows[1].toast_id]
    laptop.close()
    phone = open_stream(user, {"Last-Event-ID": first})  # a new session
    assert replays_nothing(phone, user)


@pytest.mark.parametrize("last", ["garbage!", "@x", "a.b", "A" * 17, "@" + "9" * 18])
def test_a_forged_event_id_replays_nothing(
    user: User, open_stream: OpenStream, last: str
) -> None:
    inbox.info(user, "Delivered once")
    cookie = session_cookie(user)
    first = open_stream(cookie)
    assert len(toast_ids(first, 1)) == 1
    first.close()
    again = open_stream(cookie, {"Last-Event-ID": last})
    assert replays_nothing(again, user)


def test_rows_claimed_before_the_replay_window_are_not_sent_again(
    user: User, open_stream: OpenStream
) -> None:
    rows = [inbox.info(user, f"m{i}")[0] for i in range(2)]
    cookie = session_cookie(user)
    stream = open_stream(cookie)
    first = next_id(stream)
    stream.close()
    InboxMessage.objects.filter(pk__in=[row.pk for row in rows]).update(
        delivered_at=timezone.now()
        - timedelta(seconds=toastkit_settings.LIVE_REPLAY + 1)
    )
    again = open_stream(cookie, {"Last-Event-ID": first})
    assert replays_nothing(again, user)


def test_a_replay_goes_on_from_a_last_id_past_the_first_two_hundred_rows(
    user: User, open_stream: OpenStream
) -> None:
    with transaction.atomic():
        for i in range(205):
            inbox.info(user, f"m{i}")
    cookie = session_cookie(user)
    stream = open_stream(cookie)
    ids = [next_id(stream) for _ in range(205)]
    stream.close()
    again = open_stream(cookie, {"Last-Event-ID": ids[202]})
    assert [next_id(again), next_id(again)] == ids[203:]


@override_settings(TOASTKIT_LIVE_STREAMS_PER_USER=2)
def test_a_stream_past_the_users_cap_closes_that_users_oldest(
    user: User, other_user: User, open_stream: OpenStream
) -> None:
    oldest, middle = open_stream(user), open_stream(user)
    bobs = open_stream(other_user)
    for stream in (oldest, middle, bobs):
        opened(stream)
    opened(open_stream(user))
    assert ended_within(oldest, 1.0)
    assert not ended_within(middle, 1.0)
    assert not ended_within(bobs, 0.1)


def ended_within(stream: EventStream, seconds: float) -> bool:
    """Whether the stream ends in ``seconds`` (pings keep an open one busy)."""
    deadline = time.monotonic() + seconds
    try:
        while stream.next(max(0.01, deadline - time.monotonic())) is not None:
            if time.monotonic() > deadline:
                return False
    except TimeoutError:
        return False
    return True


def test_each_message_reaches_exactly_one_of_a_users_streams(
    user: User, open_stream: OpenStream
) -> None:
    streams = [open_stream(user) for _ in range(3)]
    for stream in streams:
        opened(stream)
    rows = [inbox.info(user, f"m{i}")[0] for i in range(12)]
    seen = toast_ids_until(streams, len(rows))
    assert sorted(seen) == sorted(row.toast_id for row in rows)
