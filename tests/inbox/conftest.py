"""Fixtures of the inbox tests, and the guard that runs them under their settings.

pytest-django takes one settings module per run, and these tests need auth,
the admin and ``toastkit.inbox`` (``tests/inbox/settings.py``). Run them with

    python -m pytest tests/inbox --ds tests.inbox.settings

A run of the whole suite under ``tests.settings`` leaves them out and says so
at the end; asked for by path, or with ``TOASTKIT_TEST_POSTGRES`` set, under
other settings, the run stops with that command.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

INBOX_SETTINGS = "tests.inbox.settings"
HERE = Path(__file__).resolve().parent


def _inbox_installed() -> bool:
    from django.conf import settings

    try:
        return "toastkit.inbox" in settings.INSTALLED_APPS
    except ImproperlyConfigured:  # no settings at all
        return False


#: Settings that install toastkit.inbox: tests.inbox.settings, or one built on it.
RIGHT_SETTINGS = _inbox_installed()
USAGE = f"the inbox tests run with their own settings: pytest tests/inbox --ds {INBOX_SETTINGS}"


def pytest_configure(config: pytest.Config) -> None:
    if RIGHT_SETTINGS:
        return
    asked = [Path(arg.split("::")[0]).resolve() for arg in config.args]
    only_these = asked and all(path == HERE or HERE in path.parents for path in asked)
    # TOASTKIT_TEST_POSTGRES asks for the database tests, which are these.
    if only_these or os.environ.get("TOASTKIT_TEST_POSTGRES"):
        raise pytest.UsageError(USAGE)


if not RIGHT_SETTINGS:
    # Their modules import models of apps these settings do not install.
    collect_ignore_glob = ["test_*.py"]
    collect_ignore = ["e2e"]  # the admin in Chromium (tests/inbox/e2e/)

    def pytest_terminal_summary(terminalreporter: Any) -> None:
        terminalreporter.write_line(f"tests/inbox not run: {USAGE}.")


if RIGHT_SETTINGS:
    # Imported only under the inbox settings: the models need the app installed.
    from django.contrib.auth.models import User
    from django.core.cache import caches
    from django.test import Client, override_settings

    from toastkit.inbox.models import InboxMessage

    @pytest.fixture
    def user(db: None) -> User:
        return User.objects.create_user("alice", password="pw")

    @pytest.fixture
    def other_user(db: None) -> User:
        return User.objects.create_user("bob", password="pw")

    @pytest.fixture
    def client_of(db: None) -> Callable[[User], Client]:
        """``client_of(user)``: a test client logged in as ``user``."""

        def make(user: User) -> Client:
            client = Client()
            client.force_login(user)
            return client

        return make

    @pytest.fixture
    def alice(user: User, client_of: Callable[[User], Client]) -> Client:
        return client_of(user)

    @pytest.fixture
    def shared_cache(tmp_path: Path) -> Iterator[None]:
        """The flags in the default cache, a FileBasedCache: shared between processes."""
        location = tmp_path / "cache"
        with override_settings(
            TOASTKIT_INBOX_CACHE="default",
            CACHES={
                "default": {
                    "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                    "LOCATION": str(location),
                }
            },
        ):
            yield
            caches["default"].clear()

    def pending(user: Any) -> list[str]:
        """The user's pending messages' texts, oldest first."""
        return list(
            InboxMessage.objects.filter(user=user, delivered_at__isnull=True)
            .order_by("created_at", "pk")
            .values_list("message", flat=True)
        )


PAGE_TOAST = re.compile(
    r'<dialog open[^>]*data-id="([^"]+)".*?data-toastkit-message dir="auto">(.*?)</div>',
    re.S,
)


def page_toasts(html: str) -> list[tuple[str, str]]:
    """(id, text) of each toast a full page rendered, in order."""
    return PAGE_TOAST.findall(html)


def page_texts(html: str) -> list[str]:
    return [text for _, text in page_toasts(html)]
