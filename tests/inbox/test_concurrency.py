"""Two requests of one user at once never both deliver a message.

The claim is one ``UPDATE ... WHERE delivered_at IS NULL``: each row goes to
exactly one request. These tests drive real concurrent requests at a live
server (one thread and one database connection per request) on whatever
database the settings give: SQLite in a file, or PostgreSQL when
``TOASTKIT_TEST_POSTGRES`` is set (tests/inbox/settings.py). The first two
requests that find pending rows wait for each other between the read and
the claim, so they do collide (no timing involved), and a control without
the guard shows the test would catch a double delivery.
"""

from __future__ import annotations

import json
import re
import threading
import urllib.request
from collections import Counter
from http.cookies import SimpleCookie
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import caches
from django.db import OperationalError
from django.db.models import QuerySet
from django.test import Client
from django.utils import timezone
from pytest_django.live_server_helper import LiveServer

from tests.conftest import HTMX
from tests.inbox.conftest import page_toasts, pending
from toastkit import inbox
from toastkit.inbox import delivery, flags
from toastkit.inbox.models import InboxMessage

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 8
REQUESTS_PER_THREAD = 6
MESSAGES = 60
#: Longest the two colliding requests wait for each other (only if one never comes).
MEETING_TIMEOUT = 10


def ids_in(headers: Any, body: str) -> list[str]:
    """The toast ids a response delivered, in its HX-Trigger or its page."""
    trigger = headers.get("HX-Trigger")
    if trigger:
        event = json.loads(trigger).get("toastkit:messages", {})
        return [m["id"] for m in event.get("messages", [])]
    return [toast_id for toast_id, _ in page_toasts(body)]


def visit_concurrently(live_server: LiveServer, user: User) -> list[str]:
    """THREADS browsers of ``user`` at once, each alternating htmx requests and
    full pages, then one last page (it renders what each one's storage kept).
    Returns every toast id delivered, repeats included."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    start = threading.Barrier(THREADS)
    delivered: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def browser(index: int) -> None:
        cookies = {settings.SESSION_COOKIE_NAME: session}
        try:
            start.wait()
            for step in range(REQUESTS_PER_THREAD + 1):
                last = step == REQUESTS_PER_THREAD
                htmx = not last and (index + step) % 2 == 0
                cookie = "; ".join(f"{name}={value}" for name, value in cookies.items())
                request = urllib.request.Request(
                    f"{live_server.url}/page/",
                    headers={
                        "Cookie": cookie,
                        **(HTMX if htmx else {}),
                    },
                )
                with urllib.request.urlopen(request, timeout=30) as response:
                    got = ids_in(response.headers, response.read().decode())
                    for header in response.headers.get_all("Set-Cookie") or []:
                        for name, morsel in SimpleCookie(header).items():
                            if morsel["max-age"] == "0":
                                cookies.pop(name, None)
                            else:
                                cookies[name] = morsel.value
                with lock:
                    delivered.extend(got)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=browser, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return delivered


@pytest.fixture
def slow_read(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The first two requests that read pending rows meet before claiming
    them, so both read the same rows; count the rows each read."""
    reads: list[int] = []
    met: list[int] = []
    lock = threading.Lock()
    both_have_read = threading.Event()
    pending_rows = delivery.pending_rows

    def read_then_meet(user_pk: Any, limit: int, using: str) -> list[InboxMessage]:
        rows = pending_rows(user_pk, limit, using)
        with lock:
            reads.append(len(rows))
            meets = bool(rows) and len(met) < 2
            if meets:
                met.append(len(rows))
                if len(met) == 2:
                    both_have_read.set()
        if meets:
            both_have_read.wait(MEETING_TIMEOUT)
        return rows

    monkeypatch.setattr(delivery, "pending_rows", read_then_meet)
    return reads


@pytest.fixture
def zoe() -> User:
    user = User.objects.create_user("zoe")
    for i in range(MESSAGES):
        inbox.info(user, f"m{i}")
    return user


def test_concurrent_requests_deliver_each_message_exactly_once(
    live_server: LiveServer, zoe: User, slow_read: list[int]
) -> None:
    delivered = visit_concurrently(live_server, zoe)
    twice = [toast_id for toast_id, n in Counter(delivered).items() if n > 1]
    assert twice == []
    assert len(delivered) == MESSAGES
    assert pending(zoe) == []
    # The requests did collide: together they read more rows than there were.
    assert sum(slow_read) > MESSAGES


def test_control_a_claim_without_the_guard_delivers_twice(
    live_server: LiveServer,
    zoe: User,
    slow_read: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def claim_unguarded(user_pk: Any, limit: int, *args: Any) -> Any:
        rows = delivery.pending_rows(user_pk, limit, "default")[:limit]
        InboxMessage.objects.filter(pk__in=[r.pk for r in rows]).update(
            delivered_at=timezone.now()
        )
        toasts = [(row.pk, delivery.to_toast(row)) for row in rows]
        return delivery.Claim("unguarded", toasts), False

    monkeypatch.setattr(delivery, "claim_rows", claim_unguarded)
    delivered = visit_concurrently(live_server, zoe)
    assert len(delivered) > len(set(delivered))


def test_a_claim_that_loses_the_race_returns_only_its_own_rows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Request A reads the rows; request B claims them all; A's update gets none."""
    user = User.objects.create_user("yann")
    inbox.info(user, "one")
    inbox.info(user, "two")
    pending_rows = delivery.pending_rows
    other: list[Any] = []

    def read_then_lose(user_pk: Any, limit: int, using: str) -> list[InboxMessage]:
        rows = pending_rows(user_pk, limit, using)
        if not other:
            monkeypatch.setattr(delivery, "pending_rows", pending_rows)
            other.extend(delivery.claim_pending(user))  # B, in between
        return rows

    monkeypatch.setattr(delivery, "pending_rows", read_then_lose)
    mine = delivery.claim_pending(user)
    assert mine == []
    assert [t.message for t in other] == ["one", "two"]


def test_a_partly_lost_race_keeps_the_rows_won(monkeypatch: pytest.MonkeyPatch) -> None:
    user = User.objects.create_user("xena")
    rows = [inbox.info(user, text)[0] for text in ("one", "two", "three")]
    pending_rows = delivery.pending_rows

    def read_then_lose_one(user_pk: Any, limit: int, using: str) -> list[InboxMessage]:
        read = pending_rows(user_pk, limit, using)
        InboxMessage.objects.filter(pk=rows[1].pk).update(
            delivered_at=timezone.now(), claim="other"
        )
        return read

    monkeypatch.setattr(delivery, "pending_rows", read_then_lose_one)
    assert [t.message for t in delivery.claim_pending(user)] == ["one", "three"]


def test_claim_pending_is_the_api_for_a_live_connection() -> None:
    user = User.objects.create_user("will")
    (row,) = inbox.success(user, "Pushed", title="Live")
    (toast,) = delivery.claim_pending(user.pk)
    assert (toast.id, toast.level, toast.message) == (row.toast_id, 25, "Pushed")
    assert toast.options == {"title": "Live"}
    assert delivery.claim_pending(user) == []
    row.refresh_from_db()
    assert row.delivered_at is not None
    assert re.fullmatch(r"[\w-]{12}", row.claim)


@pytest.mark.usefixtures("shared_cache")
def test_an_update_the_database_refuses_leaves_them_pending_and_flagged(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A serialization failure, a deadlock or "database is locked" at the claim."""
    user = User.objects.create_user("vera")
    inbox.info(user, "Wait")

    def refuse(*args: Any, **kwargs: Any) -> int:
        raise OperationalError("could not serialize access due to concurrent update")

    monkeypatch.setattr(QuerySet, "update", refuse)
    assert delivery.claim_pending(user) == []
    monkeypatch.undo()
    assert "could not claim inbox messages now" in caplog.text
    assert pending(user) == ["Wait"]
    assert caches["default"].get(flags.flag_key(user.pk)) == 1
    assert [t.message for t in delivery.claim_pending(user)] == ["Wait"]
