"""A uvicorn server with the live view, and streams of logged-in users.

It imports no model at import time: under the unit tests' settings (no
auth) this file is still imported, and tests/inbox/conftest.py skips the
tests themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest
from django.conf import settings
from django.test import Client, override_settings

from tests.inbox.asgi import asgi_server
from tests.inbox.conftest import RIGHT_SETTINGS
from tests.inbox.live.sse import EventStream, next_toast_ids

if TYPE_CHECKING:
    from django.contrib.auth.models import User

if not RIGHT_SETTINGS:
    # tests/inbox/conftest.py says so at the end of the run.
    collect_ignore_glob = ["test_*.py"]

#: Fast clocks, so the tests wait tenths of a second, not the real 20 s.
FAST = {
    "ROOT_URLCONF": "tests.inbox.live.urls",
    "TOASTKIT_LIVE_TICK": 0.05,
    "TOASTKIT_LIVE_PING": 0.5,
    # Database sessions: a logout deletes the session the stream re-checks.
    "SESSION_ENGINE": "django.contrib.sessions.backends.db",
}

#: A stream opened by a test: ``open_stream(user_or_cookie, headers)``.
OpenStream = Callable[..., EventStream]


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """One server a module: starting and stopping one takes longer than a test."""
    with override_settings(**FAST), asgi_server() as url:
        yield url


def session_cookie(user: User) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture
def open_stream(server: str) -> Iterator[OpenStream]:
    streams: list[EventStream] = []

    def open_(
        user: User | str | None,
        headers: dict[str, str] | None = None,
        query: str = "",
    ) -> EventStream:
        cookie = user if user is None or isinstance(user, str) else session_cookie(user)
        sent = dict(headers or {})
        if cookie:
            sent["Cookie"] = f"{settings.SESSION_COOKIE_NAME}={cookie}"
        stream = EventStream(f"{server}/toastkit/live/{query}", sent)
        streams.append(stream)
        return stream

    yield open_
    for stream in streams:
        stream.close()


def replays_nothing(stream: EventStream, user: User) -> bool:
    """Whether the stream's first toast is one sent after it opened: a replay
    comes first, in the opening's write. (Close the user's other streams
    first: the marker goes to whichever claims it.)"""
    from toastkit import inbox

    marker = inbox.info(user, "Sent after the opening")[0]
    return next_toast_ids(stream) == [marker.toast_id]
