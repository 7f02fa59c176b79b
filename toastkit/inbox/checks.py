"""System checks of the inbox: each one a setup where messages would never show.

They say nothing when ``toastkit.inbox`` is not installed (they stay
registered after an ``override_settings`` that removes it). Without
ToastMiddleware, toastkit.E002 speaks for every message, the inbox's too.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.checks import CheckMessage, Tags, register
from django.utils.module_loading import import_string

from toastkit.checks import TOAST, index_of, report
from toastkit.conf import toastkit_settings

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
