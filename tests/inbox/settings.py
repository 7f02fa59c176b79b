"""Settings of the inbox tests: tests.settings plus auth, the admin and toastkit.inbox.

Run them on their own (pytest-django takes one settings module per run):

    python -m pytest tests/inbox --ds tests.inbox.settings

SQLite in a file, so that concurrent requests (tests/inbox/test_concurrency.py)
each have their own connection. ``TOASTKIT_TEST_POSTGRES``, a libpq URL
(``postgresql://user:password@host:5432/dbname``), runs them on PostgreSQL
instead; Django makes and drops its ``test_<dbname>`` database.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any, cast
from urllib.parse import parse_qsl, unquote, urlsplit

from tests.settings import *  # noqa: F403
from tests.settings import INSTALLED_APPS as BASE_APPS
from tests.settings import MIDDLEWARE as BASE_MIDDLEWARE
from tests.settings import TEMPLATES as BASE_TEMPLATES

ROOT_URLCONF = "tests.inbox.urls"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    *BASE_APPS,
    "toastkit.inbox",
]

MIDDLEWARE = [
    *BASE_MIDDLEWARE[:1],  # SessionMiddleware
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    *BASE_MIDDLEWARE[1:],
]

TEMPLATES = [
    {
        **BASE_TEMPLATES[0],
        "OPTIONS": {
            "context_processors": [
                *cast("dict[str, list[str]]", BASE_TEMPLATES[0]["OPTIONS"])[
                    "context_processors"
                ],
                "django.contrib.auth.context_processors.auth",
            ],
        },
    }
]

# Fast hashing: the tests make users, they do not test passwords.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def postgres_from_url(url: str) -> dict[str, Any]:
    """A DATABASES entry from a libpq URL (query parameters go to OPTIONS)."""
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql"):
        raise ValueError(f"TOASTKIT_TEST_POSTGRES is not a postgresql:// URL: {url!r}")
    options = dict(parse_qsl(parts.query))
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")) or "postgres",
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": unquote(parts.hostname or "") or options.pop("host", ""),
        "PORT": str(parts.port or options.pop("port", "")),
        "OPTIONS": options,
    }


POSTGRES_URL = os.environ.get("TOASTKIT_TEST_POSTGRES", "")
if POSTGRES_URL:
    DATABASES = {"default": postgres_from_url(POSTGRES_URL)}
else:
    # One file per test process (Django deletes it at the end); NAME itself
    # is never opened by the tests.
    _db = Path(tempfile.gettempdir()) / f"toastkit-inbox-{os.getpid()}.sqlite3"
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(_db),
            "TEST": {"NAME": str(_db.with_name(f"test-{_db.name}"))},
        }
    }
