"""Settings of the live server the browser tests run as a process of its own
(tests/inbox/e2e/live_helpers.py): the inbox's test settings, on the test
database the test process made (``TOASTKIT_E2E_DATABASE``, its name), with
fast live clocks and the doorbell ``TOASTKIT_LIVE_DOORBELL`` names.

A process of its own, not a thread of the test process, so that a test can
kill it (SIGKILL) and start it again on the same port.
"""

from __future__ import annotations

import os

from tests.inbox.settings import *  # noqa: F403
from tests.inbox.settings import DATABASES

DATABASES["default"]["NAME"] = os.environ["TOASTKIT_E2E_DATABASE"]

# As tests/inbox/live/conftest.py's FAST: the live view's URLs, database
# sessions (a logout deletes the session the stream re-checks), fast clocks.
ROOT_URLCONF = "tests.inbox.live.urls"
SESSION_ENGINE = "django.contrib.sessions.backends.db"
TOASTKIT_LIVE_TICK = 0.05
# A test file that drives the page's clock far ahead sets a long ping
# (``LIVE_PING`` in it), lest the client's watchdog see the pings stop.
TOASTKIT_LIVE_PING = float(os.environ.get("TOASTKIT_E2E_PING", "0.5"))
# The browser's own reconnect (a dropped stream) after a fifth of a second.
TOASTKIT_LIVE_RETRY = 200
TOASTKIT_LIVE_DOORBELL = os.environ.get("TOASTKIT_LIVE_DOORBELL", "poll")
TOASTKIT_LIVE_REDIS_URL = os.environ.get("TOASTKIT_LIVE_REDIS_URL") or None
# Toasts stay a minute on a slow machine (tests/e2e/conftest.py, patient_toasts).
TOASTKIT_DURATIONS = dict.fromkeys((10, 20, 25, 30), 60_000)
