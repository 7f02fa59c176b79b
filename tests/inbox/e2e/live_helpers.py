"""What the live browser tests share: a live server that a test can kill and
start again, the stream's requests as the page and the network see them,
and a notifier in another process.

The server is uvicorn in a process of its own (settings:
tests/inbox/e2e/live_settings.py) on the test database the test process
made, so ``notify()`` from the test reaches it through the database, as it
would from a worker, and SIGKILL is a real crash.

The server fixture runs a test file under the ``poll`` doorbell
(``TOASTKIT_LIVE_DOORBELL``); test_live.py, what a user sees of each
doorbell, runs under ``ALL_DOORBELLS``, each marked with the server it needs
(``scripts/with-postgres.sh``, ``scripts/with-redis.sh``).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page, Request

#: The doorbell a live browser test runs under: the client's behaviour is
#: the same whichever rings.
DOORBELLS = ["poll"]
#: What test_live.py runs under: every doorbell, marked with its server.
ALL_DOORBELLS = [
    "poll",
    pytest.param("postgres", marks=pytest.mark.postgres),
    pytest.param("redis", marks=pytest.mark.redis),
]

#: The Redis server of scripts/with-redis.sh, for the redis doorbell.
REDIS_URL = os.environ.get("TOASTKIT_TEST_REDIS", "")
ROOT = Path(__file__).resolve().parents[3]
PAGE = "/e2e/htmx2/"
STREAM = "/toastkit/live/"
#: Longest the server may take to start.
STARTUP_TIMEOUT = 15.0

#: Records each EventSource the page opens, with the page's (maybe fake)
#: time, so a test reads when the client reconnected without racing the
#: network.
RECORD_STREAMS = """
(() => {
  const Native = window.EventSource;
  if (!Native) return;
  window.__streams = [];
  window.EventSource = class extends Native {
    constructor(url, init) {
      super(url, init);
      window.__streams.push({ at: Date.now(), source: this });
    }
  };
})();
"""

#: Counts the answers to the page's fetches (``window.__answered``): the
#: client's question after a closed stream. Its own ``then`` runs right
#: after, before a test's next call reaches the page.
COUNT_ANSWERS = """
(() => {
  const native = window.fetch;
  window.__answered = 0;
  window.fetch = (...args) =>
    native(...args).finally(() => { window.__answered += 1; });
})();
"""

#: Without Web Locks, as in a browser that lacks them.
NO_WEB_LOCKS = "delete Navigator.prototype.locks;"


def asgi_app() -> Any:
    """The server's application (``uvicorn --factory``), static files too:
    the page needs its scripts."""
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
    from django.core.asgi import get_asgi_application

    return ASGIStaticFilesHandler(get_asgi_application())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class LiveServer:
    """uvicorn serving the live view in a process of its own, on one port
    for its whole life: ``kill()`` (SIGKILL) and ``start()`` again."""

    def __init__(
        self, database: str, doorbell: str = "poll", ping: float | None = None
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.doorbell = doorbell
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.inbox.e2e.live_settings",
            "TOASTKIT_E2E_DATABASE": database,
            "TOASTKIT_LIVE_DOORBELL": doorbell,
        }
        if doorbell == "redis":
            self.env["TOASTKIT_LIVE_REDIS_URL"] = REDIS_URL
        if ping is not None:
            self.env["TOASTKIT_E2E_PING"] = str(ping)
        self.process: subprocess.Popen[str] | None = None

    def start(self) -> None:
        command = [
            sys.executable, "-m", "uvicorn", "--factory",
            "tests.inbox.e2e.live_helpers:asgi_app",
            "--host", "127.0.0.1", "--port", str(self.port),
            "--log-level", "info", "--no-access-log", "--lifespan", "off",
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stderr=subprocess.PIPE, text=True
        )
        listening = threading.Event()

        def relay(output: IO[str]) -> None:
            """The server's log to this process's, noting when it listens."""
            for line in output:
                if "Uvicorn running on" in line:
                    listening.set()
                sys.stderr.write(line)
            output.close()
            listening.set()  # ended: poll() says whether it failed

        assert self.process.stderr is not None
        threading.Thread(target=relay, args=(self.process.stderr,), daemon=True).start()
        if not listening.wait(STARTUP_TIMEOUT) or self.process.poll() is not None:
            self.kill()
            raise RuntimeError(f"the live server did not start on port {self.port}")

    def kill(self) -> None:
        """SIGKILL: no goodbye to the streams, as in a crash."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def manage(self, *args: str) -> str:
        """``manage.py ARGS`` in another process, on the server's database."""
        done = subprocess.run(
            [sys.executable, "-m", "django", *args],
            cwd=ROOT, env=self.env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        return done.stdout


def stream_requests(context: BrowserContext) -> list[Request]:
    """Every request the context's pages make to the stream (not the 204
    probe's fetch), from now on."""
    requests: list[Request] = []

    def note(request: Request) -> None:
        if STREAM in request.url and request.resource_type == "eventsource":
            requests.append(request)

    context.on("request", note)
    return requests


#: The page's key of the last event id (toastkit-live.js: per stream URL).
LAST_KEY = (
    "'toastkit-live:last ' + "
    "document.querySelector('section[data-toastkit-live]').getAttribute('data-toastkit-live')"
)

#: Without Web Locks, the tab's own key (in sessionStorage).
TAB_LAST_KEY = LAST_KEY.replace("toastkit-live:last ", "toastkit-live:tab-last ")


def wait_for_stream(page: Page) -> None:
    """The stream is open: its opening event reached the browser (and the
    leader stored its id under the page's user's key)."""
    page.wait_for_function(
        f"() => (navigator.locks ? localStorage : sessionStorage).getItem("
        f"navigator.locks ? {LAST_KEY} : {TAB_LAST_KEY}) !== null"
    )


def streams_opened(page: Page) -> int:
    """How many EventSources the page opened (``RECORD_STREAMS``)."""
    count: int = page.evaluate("window.__streams.length")
    return count


def hide(page: Page) -> None:
    """The tab goes to the background, as the browser says it to a page:
    ``document.hidden``, ``visibilityState`` and a ``visibilitychange``."""
    page.evaluate(
        """() => {
          Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
          Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
          document.dispatchEvent(new Event('visibilitychange'));
        }"""
    )


def two_tabs(page: Page, live: LiveServer) -> Page:
    """``page`` on the live page with its stream open (it leads), and a
    second tab of its browser on the same page; returns the second."""
    page.goto(live.url + PAGE)
    wait_for_stream(page)
    other = page.context.new_page()
    other.goto(live.url + PAGE)
    return other
