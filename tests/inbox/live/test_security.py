"""Attacks on the live stream, as a hostile page, browser or message would make them.

What each test holds the stream to: a user's messages reach that user's
browser only; nothing is lost or shown twice; the CSRF token never leaves
the origin; whatever a request can choose (``Last-Event-ID``, ``?last=``,
its headers) is checked at the door. Some were attacks that worked until
their fix (docs/live.md, "Security").
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from django.contrib.auth.models import User
from django.http import HttpResponseBase, StreamingHttpResponse
from django.test import Client, override_settings

from tests.inbox.conftest import pending
from tests.inbox.live.conftest import OpenStream, replays_nothing, session_cookie
from tests.inbox.live.real_doorbell import doorbell_server, listening, require, texts
from tests.inbox.live.sse import EventStream, toast_ids_until
from toastkit import inbox
from toastkit.actions import CSRF_FIELD, Action
from toastkit.inbox.live.doorbell import process_doorbell

pytestmark = pytest.mark.django_db(transaction=True)

URL = "/toastkit/live/"
REDIS_URL = os.environ.get("TOASTKIT_TEST_REDIS", "")


def logged_in(user: User, **headers: str) -> Client:
    client = Client(headers=headers)
    client.force_login(user)
    return client


def status(response: HttpResponseBase) -> int:
    """The status, closing a stream without running it (nothing is claimed)."""
    if isinstance(response, StreamingHttpResponse):
        response.close()
    return response.status_code


# --- Another site ---------------------------------------------------------


@pytest.mark.urls("tests.inbox.live.urls")
def test_a_same_site_navigation_from_another_origin_is_refused(user: User) -> None:
    # What Chromium sends for <iframe src=".../toastkit/live/"> on
    # https://blog.example.com when the app is https://app.example.com: the
    # session cookie (SameSite=Lax is sent same-site), and no Origin.
    client = logged_in(
        user,
        sec_fetch_site="same-site",
        sec_fetch_mode="navigate",
        sec_fetch_dest="iframe",
    )
    assert status(client.get(URL)) == 403


@pytest.mark.urls("tests.inbox.live.urls")
def test_a_request_that_another_sites_page_sent_is_refused_by_its_referer(
    user: User,
) -> None:
    client = logged_in(user, referer="https://evil.example/page")
    assert status(client.get(URL)) == 403


@pytest.mark.urls("tests.inbox.live.urls")
def test_a_cross_site_head_cannot_tell_a_logged_in_user_from_an_anonymous_one(
    user: User,
) -> None:
    for headers in (
        {"sec_fetch_site": "cross-site"},
        {"origin": "https://evil.example"},
    ):
        signed_in = logged_in(user, **headers).head(URL).status_code
        anonymous = Client(headers=headers).head(URL).status_code
        assert signed_in == anonymous == 403


@pytest.mark.urls("tests.inbox.live.urls")
def test_a_same_origin_request_is_streamed(user: User) -> None:
    # The refusals above must not refuse the page's own EventSource.
    headers = {
        "sec_fetch_site": "same-origin",
        "sec_fetch_mode": "cors",
        "sec_fetch_dest": "empty",
        "referer": "http://testserver/page/",
    }
    assert status(logged_in(user, **headers).get(URL)) == 200


# --- The session, checked again ---------------------------------------------


def raw_until_ready(stream: EventStream) -> str:
    """The stream's text up to and with its opening event."""
    lines = []
    while True:
        line = stream.response.readline().decode()
        assert line, "the stream ended before its opening event"
        lines.append(line)
        if line == "\n" and any(x.startswith("event: ready") for x in lines):
            return "".join(lines)


@pytest.mark.parametrize("change", ["password changed", "deactivated"])
def test_a_stream_ends_and_claims_nothing_once_its_user_cannot_log_in(
    user: User, open_stream: OpenStream, change: str
) -> None:
    # The user changed their password on another device to throw a thief
    # out, or an admin deactivated the account: the open stream is the
    # thief's too.
    stream = open_stream(user)
    assert stream.next_of("ready") is not None
    if change == "password changed":
        user.set_password("new password")
    else:
        user.is_active = False
    user.save()
    inbox.info(user, "After the change")
    while (event := stream.next(timeout=3)) is not None:
        assert event.event != "message"
    assert pending(user) == ["After the change"]


# --- What a request chooses: Last-Event-ID and ?last= -----------------------

HOSTILE_LAST = {
    "10 kB": "A" * 10_000,
    "10 kB of digits": "@" + "1" * 10_000,
    "CRLF and a retry field": "x\r\nretry: 1\r\n\r\nid: y",
    "NUL": "abc\x00",
    "Arabic-Indic digits": "@\u0661\u0662\u0663",
    "full-width letters": "\uff21\uff22\uff23",
    "lone surrogate": "\ud800",
    "negative time": "@-1",
    "exponent": "@1e9",
}


@pytest.mark.parametrize("value", HOSTILE_LAST.values(), ids=HOSTILE_LAST.keys())
def test_a_hostile_last_parameter_is_ignored_and_never_echoed(
    user: User, open_stream: OpenStream, value: str
) -> None:
    inbox.info(user, "Delivered once")
    cookie = session_cookie(user)
    first = open_stream(cookie)
    assert first.next_of("message") is not None
    first.close()
    query = "?last=" + quote(value, safe="", errors="surrogatepass")
    started = time.time()
    again = open_stream(cookie, query=query)
    assert again.status == 200
    opening = raw_until_ready(again)
    # One retry field, and the id a fresh start time of the server's own.
    assert opening.count("retry:") == 1
    (ready_id,) = re.findall(r"^id: (.*)$", opening, re.MULTILINE)
    assert re.fullmatch(r"@[0-9]{16}", ready_id)
    assert abs(int(ready_id[1:]) / 1e6 - started) < 60
    assert replays_nothing(again, user)


def test_a_10_kb_last_event_id_header_is_ignored(
    user: User, open_stream: OpenStream
) -> None:
    inbox.info(user, "Delivered once")
    cookie = session_cookie(user)
    first = open_stream(cookie)
    assert first.next_of("message") is not None
    first.close()
    again = open_stream(cookie, {"Last-Event-ID": "A" * 10_000})
    ready = again.next_of("ready")
    assert ready is not None
    assert ready.id is not None
    assert re.fullmatch(r"@[0-9]{16}", ready.id)
    assert replays_nothing(again, user)


# --- A message that tries to write its own event ----------------------------

FRAMING = {
    "LF": "one\n\nid: forged\nretry: 1\nevent: ready\ndata: {}\n\n",
    "CR": "one\r\rid: forged\rretry: 1\r\rdata: {}",
    "CRLF": 'one\r\n\r\ndata: {"toastkit:messages":{}}\r\n\r\n',
    "line and paragraph separators": "one\u2028id: forged\u2029retry: 1",
    "astral characters": "export \U0001f4e6 ready",
}
# NUL and lone surrogates never reach a stream: notify() refuses them.


@pytest.mark.parametrize("text", FRAMING.values(), ids=FRAMING.keys())
def test_a_message_cannot_forge_an_event_an_id_or_a_retry(
    user: User, open_stream: OpenStream, text: str
) -> None:
    (row,) = inbox.info(
        user, text, title=text, actions=[Action(text, "/undo/", method="post")]
    )
    stream = open_stream(user)
    raw = raw_until_ready(stream)
    lines: list[str] = []
    while not (lines and lines[-1] == "\n"):
        line = stream.response.readline().decode()
        assert line
        lines.append(line)
    raw += "".join(lines)
    # Exactly the opening event and one toast, each field on a line of its own.
    # (SSE ends a line at LF, CR or CRLF; the text must hold no CR at all.)
    assert "\r" not in raw
    filled = [line for line in raw.split("\n") if line]
    assert [line.split(":", 1)[0] for line in filled] == [
        *("retry", "id", "event", "data"),
        *("id", "data"),
    ]
    assert filled[-2] == f"id: {row.toast_id}"
    data = json.loads(filled[-1].removeprefix("data: "))
    (shown,) = data["toastkit:messages"]["messages"]
    # What notify() stored (it trims the ends), to the character.
    assert shown["message"] == row.message
    assert shown["title"] == row.options["title"]
    assert shown["actions"][0]["label"] == row.options["actions"][0]["label"]
    assert row.message.startswith("one") or row.message.startswith("export")


# --- The CSRF token ---------------------------------------------------------


@override_settings(ALLOWED_HOSTS=["127.0.0.1", "files.example"])
def test_a_post_action_to_another_origin_gets_no_csrf_token(
    user: User, open_stream: OpenStream
) -> None:
    inbox.info(
        user,
        "Export ready",
        actions=[
            Action("Undo", "/undo/", method="post"),
            Action("Keep", "https://files.example/keep/", method="post"),
            Action("Here", "http://127.0.0.1:1/other-port/", method="post"),
        ],
    )
    stream = open_stream(user)
    event = stream.next_of("message")
    assert event is not None
    (message,) = json.loads(event.data)["toastkit:messages"]["messages"]
    tokens = [CSRF_FIELD in action["values"] for action in message["actions"]]
    assert tokens == [True, False, False]


# --- The per-user cap --------------------------------------------------------


@override_settings(TOASTKIT_LIVE_STREAMS_PER_USER=5)
def test_eight_streams_of_one_user_close_none_of_another_users_and_lose_nothing(
    user: User, other_user: User, open_stream: OpenStream
) -> None:
    bob = open_stream(other_user)
    assert bob.next_of("ready") is not None
    cookie = session_cookie(user)
    alices = [open_stream(cookie) for _ in range(8)]
    for stream in alices:
        assert stream.next_of("ready") is not None
    rows = [inbox.info(user, f"m{i}")[0] for i in range(10)]
    for_bob = inbox.info(other_user, "For Bob")[0]
    assert bob.next_of("message") is not None
    seen = toast_ids_until(alices, len(rows))
    assert sorted(seen) == sorted(row.toast_id for row in rows)
    assert for_bob.toast_id not in seen


# --- The broker's payload ----------------------------------------------------


@pytest.fixture
def redis_server() -> Iterator[str]:
    require("Redis server", bool(REDIS_URL), "scripts/with-redis.sh")
    with doorbell_server(
        TOASTKIT_LIVE_DOORBELL="redis",
        TOASTKIT_LIVE_REDIS_URL=REDIS_URL,
        TOASTKIT_LIVE_SWEEP=60,
    ) as url:
        yield url


@pytest.mark.redis
def test_garbage_on_the_redis_channel_neither_stops_the_doorbell_nor_delivers(
    redis_server: str, user: User, other_user: User
) -> None:
    import redis

    cookie = f"sessionid={session_cookie(user)}"
    stream = EventStream(f"{redis_server}{URL}", {"Cookie": cookie})
    try:
        assert stream.next_of("ready") is not None
        inbox.info(other_user, "For Bob")
        client = redis.Redis.from_url(REDIS_URL)
        for payload in (
            b"not json",
            b"\xff\xfe",
            b'{"1": 1}',
            b"[[1, 2], null, {}]",
            json.dumps([str(other_user.pk)] * 50_000).encode(),
        ):
            client.publish("toastkit_inbox", payload)
        client.close()
        inbox.info(user, "Still rung")
        assert texts(stream, 1, timeout=1.0) == ["Still rung"]
        assert pending(other_user) == ["For Bob"]
    finally:
        stream.close()


@pytest.mark.redis
def test_a_deeply_nested_payload_does_not_drop_the_redis_listener(
    redis_server: str, user: User
) -> None:
    import redis

    cookie = f"sessionid={session_cookie(user)}"
    stream = EventStream(f"{redis_server}{URL}", {"Cookie": cookie})
    try:
        assert stream.next_of("ready") is not None
        bell = process_doorbell()
        listening(bell, stream)
        connections_before = bell.reconnects
        client = redis.Redis.from_url(REDIS_URL)
        # 20,000 levels: RecursionError on every Python. Up to 3.12, 1,500
        # are enough, under PostgreSQL's 8000-byte limit: any role of the
        # database may pg_notify that to the postgres doorbell.
        client.publish("toastkit_inbox", b"[" * 20_000)
        client.close()
        inbox.info(user, "After the garbage")
        assert texts(stream, 1, timeout=2.0) == ["After the garbage"]
        assert bell.reconnects == connections_before
    finally:
        stream.close()
