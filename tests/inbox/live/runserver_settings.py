"""Settings of ``manage.py runserver`` in tests/inbox/live/test_wsgi.py, and
of ``manage.py notify`` run from another process (test_doorbell_*.py).

The inbox tests' settings, on the test database the pytest process made
(``TOASTKIT_LIVE_TEST_DB``, its ``DATABASES["default"]`` as JSON), with
``GZipMiddleware`` first, as a project that compresses its pages has it,
and the doorbell ``TOASTKIT_LIVE_TEST_DOORBELL`` names (``poll`` unless
told), Redis's at ``TOASTKIT_TEST_REDIS``.
"""

from __future__ import annotations

import json
import os

from tests.inbox.settings import *  # noqa: F403
from tests.inbox.settings import MIDDLEWARE as INBOX_MIDDLEWARE

DATABASES = {"default": json.loads(os.environ["TOASTKIT_LIVE_TEST_DB"])}
ROOT_URLCONF = "tests.inbox.live.urls"
MIDDLEWARE = ["django.middleware.gzip.GZipMiddleware", *INBOX_MIDDLEWARE]
TOASTKIT_LIVE_TICK = 0.1
TOASTKIT_LIVE_PING = float(os.environ.get("TOASTKIT_LIVE_TEST_PING", "0.5"))
TOASTKIT_LIVE_DOORBELL = os.environ.get("TOASTKIT_LIVE_TEST_DOORBELL", "poll")
TOASTKIT_LIVE_REDIS_URL = os.environ.get("TOASTKIT_TEST_REDIS") or None

# toastkit's log on the server's output: test_wsgi.py waits for its lines.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"toastkit": {"handlers": ["console"], "level": "DEBUG"}},
}
