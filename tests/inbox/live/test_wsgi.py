"""The live stream under ``manage.py runserver`` (WSGI, a thread per connection).

Under WSGI Django collects an async iterator into a list, which would never
send a byte: the view gives runserver a sync one. The server is a subprocess
on the test database (``runserver_settings.py``), with ``GZipMiddleware``.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.db import connection

from tests.inbox.asgi import free_port
from tests.inbox.live.conftest import session_cookie
from tests.inbox.live.sse import EventStream
from toastkit import inbox

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[3]
STARTUP_TIMEOUT = 20.0


@pytest.fixture
def runserver() -> Iterator[str]:
    with serving() as url:
        yield url


@pytest.fixture
def runserver_slow_pings() -> Iterator[str]:
    """A server whose streams ping every minute: a closed connection is not
    found by a failed write during a test."""
    with serving(ping=60) as url:
        yield url


@contextmanager
def serving(ping: float | None = None) -> Iterator[str]:
    port = free_port()
    database = {
        key: connection.settings_dict[key]
        for key in ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT", "OPTIONS")
    }
    env = {**os.environ, "TOASTKIT_LIVE_TEST_DB": json.dumps(database)}
    if ping is not None:
        env["TOASTKIT_LIVE_TEST_PING"] = str(ping)
    server = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}",
         "--noreload", "--skip-checks",
         "--settings", "tests.inbox.live.runserver_settings"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    server.kill()
                    _, errors = server.communicate(timeout=10)
                    raise RuntimeError(
                        f"runserver did not start: {errors.decode()}"
                    ) from None
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.communicate(timeout=10)


def test_a_notified_message_arrives_on_a_runserver_stream_within_a_second(
    runserver: str, user: User
) -> None:
    stream = EventStream(
        f"{runserver}/toastkit/live/",
        {"Cookie": f"sessionid={session_cookie(user)}", "Accept-Encoding": "gzip"},
    )
    assert stream.headers["Content-Type"] == "text/event-stream"
    assert stream.next_of("ready") is not None
    sent = time.monotonic()
    row = inbox.info(user, "Export ready")[0]
    event = stream.next_of("message")
    assert event is not None
    assert event.id == row.toast_id
    assert time.monotonic() - sent < 1.0
    assert stream.next_of("ping", timeout=2) is not None
    stream.close()


def test_a_stream_whose_browser_hung_up_leaves_messages_to_the_next_one(
    runserver_slow_pings: str, user: User
) -> None:
    """Under WSGI a closed connection is found only when a write fails; the
    stream peeks at its socket before claiming instead (toastkit.inbox.live.peer)."""
    url = f"{runserver_slow_pings}/toastkit/live/"
    gone = EventStream(url, {"Cookie": f"sessionid={session_cookie(user)}"})
    assert gone.next_of("ready") is not None
    gone.close()
    row = inbox.info(user, "Export ready")[0]
    time.sleep(0.5)  # five ticks: time for the closed stream to claim, if it would
    later = EventStream(url, {"Cookie": f"sessionid={session_cookie(user)}"})
    event = later.next_of("message")
    assert event is not None
    assert event.id == row.toast_id
    later.close()
