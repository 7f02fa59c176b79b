"""The live stream under ``manage.py runserver`` (WSGI, a thread per connection).

Under WSGI Django collects an async iterator into a list, which would never
send a byte: the view gives runserver a sync one. The server is a subprocess
on the test database (``runserver_settings.py``), with ``GZipMiddleware``.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
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


class Runserver:
    """``manage.py runserver`` on the test database, and the lines it writes
    (its output and toastkit's log, read in a thread)."""

    def __init__(self, ping: float | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        database = {
            key: connection.settings_dict[key]
            for key in ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT", "OPTIONS")
        }
        env = {
            **os.environ,
            "TOASTKIT_LIVE_TEST_DB": json.dumps(database),
            "PYTHONUNBUFFERED": "1",  # each line as it is written
        }
        if ping is not None:
            env["TOASTKIT_LIVE_TEST_PING"] = str(ping)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{self.port}",
             "--noreload", "--skip-checks",
             "--settings", "tests.inbox.live.runserver_settings"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True,
        )  # fmt: skip
        self.lines: queue.Queue[str] = queue.Queue()
        self.written: list[str] = []
        self.reader = threading.Thread(target=self.read, daemon=True)
        self.reader.start()

    def read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for(self, text: str, timeout: float = STARTUP_TIMEOUT) -> None:
        """Until the server writes a line containing ``text``."""
        deadline = time.monotonic() + timeout
        while not any(text in line for line in self.written):
            try:
                self.written.append(self.lines.get(timeout=deadline - time.monotonic()))
            except (queue.Empty, ValueError):
                raise AssertionError(
                    f"runserver never wrote {text!r}: {''.join(self.written)}"
                ) from None

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        self.reader.join(10)  # it ends with the server's output
        assert self.process.stdout is not None
        self.process.stdout.close()


@contextmanager
def serving(ping: float | None = None) -> Iterator[Runserver]:
    server = Runserver(ping)
    try:
        server.wait_for("Quit the server with")  # listening
        yield server
    finally:
        server.stop()


@pytest.fixture
def runserver() -> Iterator[str]:
    with serving() as server:
        yield server.url


@pytest.fixture
def runserver_slow_pings() -> Iterator[Runserver]:
    """A server whose streams ping every minute: a closed connection is not
    found by a failed write during a test."""
    with serving(ping=60) as server:
        yield server


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
    runserver_slow_pings: Runserver, user: User
) -> None:
    """Under WSGI a closed connection is found only when a write fails; the
    stream peeks at its socket before claiming instead (toastkit.inbox.live.peer)."""
    url = f"{runserver_slow_pings.url}/toastkit/live/"
    gone = EventStream(url, {"Cookie": f"sessionid={session_cookie(user)}"})
    assert gone.next_of("ready") is not None
    gone.close()
    row = inbox.info(user, "Export ready")[0]
    # Rung by the doorbell, the closed stream ends instead of claiming.
    runserver_slow_pings.wait_for("browser hung up", timeout=5)
    later = EventStream(url, {"Cookie": f"sessionid={session_cookie(user)}"})
    event = later.next_of("message")
    assert event is not None
    assert event.id == row.toast_id
    later.close()
