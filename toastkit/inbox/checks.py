"""System checks of the inbox: each one a setup where messages would never show
(or, for live delivery, would not show live).

They say nothing when ``toastkit.inbox`` is not installed (they stay
registered after an ``override_settings`` that removes it). Without
ToastMiddleware, toastkit.E002 speaks for every message, the inbox's too.
"""

from __future__ import annotations

import importlib.util
import re
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.checks import CheckMessage, Tags, register
from django.db import connections, router
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string

from toastkit.checks import TOAST, index_of, report
from toastkit.conf import SETTINGS, toastkit_settings

AUTH = "django.contrib.auth.middleware.AuthenticationMiddleware"

#: Each problem's message and hint (docs/inbox.md, "Checks").
PROBLEMS = {
    "E020": (
        "toastkit.inbox needs 'django.contrib.auth': messages are addressed to users.",
        "Add 'django.contrib.auth' to INSTALLED_APPS.",
    ),
    "E021": (
        "toastkit.inbox is installed without 'toastkit'.",
        "Add 'toastkit' to INSTALLED_APPS.",
    ),
    "E024": (
        "AuthenticationMiddleware is not in MIDDLEWARE: requests have no user, so "
        "inbox messages would never show.",
        f"Add {AUTH!r} before {TOAST!r}.",
    ),
    "W020": (
        "AuthenticationMiddleware comes after ToastMiddleware: a response made "
        "before it runs (by a middleware between them) has no user and delivers "
        "no inbox messages.",
        f"Put {AUTH!r} before {TOAST!r}.",
    ),
    "E025": (
        "TOASTKIT_INBOX_CACHE names a cache alias that is not in CACHES.",
        "Name a cache alias from CACHES, or set it to None.",
    ),
    "E026": (
        "TOASTKIT_INBOX_CACHE names a cache that is not shared between processes "
        "(LocMemCache, DummyCache): a flag set by notify() in a task or a command "
        "would never be seen, and its messages never shown.",
        "Name a shared cache (Redis, Memcached, the database), or set it to None "
        "(one indexed query per delivery instead).",
    ),
    # Live delivery (docs/live.md, "Setup").
    "E040": (
        "TOASTKIT_LIVE_DOORBELL is 'postgres' but the database of the inbox's "
        "messages is not PostgreSQL: no stream would ever be rung.",
        "Use 'poll' (any database) or 'redis' (with TOASTKIT_LIVE_REDIS_URL).",
    ),
    "E041": (
        "TOASTKIT_LIVE_DOORBELL is 'postgres' but psycopg 3.2 or later is not "
        "installed.",
        "pip install 'toastkit[postgres]'.",
    ),
    "E042": (
        "TOASTKIT_LIVE_DOORBELL is 'redis' but the redis package is not installed.",
        "pip install 'toastkit[redis]'.",
    ),
    "E043": (
        "TOASTKIT_LIVE_DOORBELL is 'redis' but TOASTKIT_LIVE_REDIS_URL is not set.",
        'Set TOASTKIT_LIVE_REDIS_URL = "redis://host:6379/0".',
    ),
    "W040": (
        "TOASTKIT_LIVE_* settings are given, but live delivery is off: "
        "reverse('toastkit_inbox:live') does not resolve (the inbox's URLs are "
        "not included).",
        'Add path("toastkit/", include("toastkit.inbox.urls")) to your urlpatterns.',
    ),
}


@register(Tags.compatibility)
def check_setup(**kwargs: Any) -> list[CheckMessage]:
    if not apps.is_installed("toastkit.inbox"):
        return []
    required = {"django.contrib.auth": "E020", "toastkit": "E021"}
    ids = [i for app, i in required.items() if not apps.is_installed(app)]
    toast, auth = index_of(TOAST), index_of(AUTH)
    if toast is not None and auth is None:
        ids.append("E024")
    elif toast is not None and auth is not None and auth > toast:
        ids.append("W020")
    return report(*ids, problems=PROBLEMS)


@register(Tags.caches)
def check_cache(**kwargs: Any) -> list[CheckMessage]:
    alias = toastkit_settings.INBOX_CACHE
    if not apps.is_installed("toastkit.inbox") or not isinstance(alias, str):
        return []  # None is the default; other types are toastkit.E010
    if alias not in settings.CACHES:
        return report("E025", problems=PROBLEMS)
    try:
        backend = import_string(settings.CACHES[alias].get("BACKEND", ""))
    except ImportError:
        return []  # Django reports a BACKEND that does not import
    if issubclass(backend, (LocMemCache, DummyCache)):
        return report("E026", problems=PROBLEMS)
    return []


def psycopg_version() -> tuple[int, ...] | None:
    """The installed psycopg 3's version, or ``None``."""
    try:
        import psycopg
    except ImportError:
        return None
    return tuple(int(part) for part in re.findall(r"[0-9]+", psycopg.__version__)[:2])


@register(Tags.compatibility)
def check_live(**kwargs: Any) -> list[CheckMessage]:
    """A doorbell that cannot work, and live settings with no stream to use them."""
    if not apps.is_installed("toastkit.inbox"):
        return []
    ids = []
    doorbell = toastkit_settings.LIVE_DOORBELL
    if doorbell == "postgres":
        from toastkit.inbox.models import InboxMessage

        if connections[router.db_for_write(InboxMessage)].vendor != "postgresql":
            ids.append("E040")
        if (psycopg_version() or (0,)) < (3, 2):
            ids.append("E041")
    elif doorbell == "redis":
        if importlib.util.find_spec("redis") is None:
            ids.append("E042")
        if not toastkit_settings.LIVE_REDIS_URL:
            ids.append("E043")
    given = [s.name for s in SETTINGS if s.name.startswith("TOASTKIT_LIVE_")]
    if any(hasattr(settings, name) for name in given):
        try:
            reverse("toastkit_inbox:live")
        except NoReverseMatch:
            ids.append("W040")
    return report(*ids, problems=PROBLEMS)
