"""Fixtures of the live browser tests (tests/inbox/e2e/test_live*.py): the
live server for each doorbell, and a logged-in browser context."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from django.test import override_settings
from playwright.sync_api import BrowserContext

from tests.e2e.conftest import browser_type_launch_args, page
from tests.inbox.e2e.live_helpers import DOORBELLS, REDIS_URL, LiveServer
from tests.inbox.live.conftest import FAST, session_cookie
from tests.inbox.live.real_doorbell import require

__all__ = ["browser_type_launch_args", "page"]  # fixtures, by name


@pytest.fixture(scope="module", params=DOORBELLS)
def live(request: pytest.FixtureRequest, django_db_setup: None) -> Iterator[LiveServer]:
    """One live server a test file (a start costs about a second), for each
    doorbell; the test process sends with the same settings."""
    if request.param == "postgres":
        require(
            "PostgreSQL database",
            connection.vendor == "postgresql",
            "scripts/with-postgres.sh",
        )
    if request.param == "redis":
        require("Redis server", bool(REDIS_URL), "scripts/with-redis.sh")
    server = LiveServer(
        connection.settings_dict["NAME"],
        doorbell=request.param,
        ping=getattr(request.module, "LIVE_PING", None),
    )
    server.start()
    with override_settings(
        **FAST,
        TOASTKIT_LIVE_DOORBELL=request.param,
        TOASTKIT_LIVE_REDIS_URL=REDIS_URL or None,
    ):
        yield server
    server.kill()


@pytest.fixture
def logged_in(context: BrowserContext, live: LiveServer, user: User) -> BrowserContext:
    """The browser context, with ``user``'s session cookie for the server."""
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session_cookie(user),
                "url": live.url,
            }
        ]
    )
    return context
