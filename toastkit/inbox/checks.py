"""System checks of the inbox: each one a setup where messages would never show.

They say nothing when ``toastkit.inbox`` is not installed (they stay
registered after an ``override_settings`` that removes it).
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

from toastkit.checks import TOAST_MIDDLEWARE, _index_of
from toastkit.conf import is_per_process_cache

AUTH_MIDDLEWARE = "django.contrib.auth.middleware.AuthenticationMiddleware"


def _inbox_installed() -> bool:
    return apps.is_installed("toastkit.inbox")


@register(Tags.compatibility)
def check_apps(**kwargs: Any) -> list[CheckMessage]:
    if not _inbox_installed():
        return []
    errors: list[CheckMessage] = []
    if not apps.is_installed("django.contrib.auth"):
        errors.append(
            Error(
                "toastkit.inbox needs 'django.contrib.auth': messages are "
                "addressed to users.",
                hint="Add 'django.contrib.auth' to INSTALLED_APPS.",
                id="toastkit.E020",
            )
        )
    names = [config.name for config in apps.get_app_configs()]
    if "toastkit" not in names:
        errors.append(
            Error(
                "toastkit.inbox is installed without 'toastkit'.",
                hint="Add 'toastkit' to INSTALLED_APPS, before 'toastkit.inbox'.",
                id="toastkit.E021",
            )
        )
    elif names.index("toastkit") > names.index("toastkit.inbox"):
        errors.append(
            Error(
                "'toastkit.inbox' comes before 'toastkit' in INSTALLED_APPS.",
                hint="Put 'toastkit.inbox' after 'toastkit'.",
                id="toastkit.E022",
            )
        )
    return errors


@register(Tags.compatibility)
def check_middleware(**kwargs: Any) -> list[CheckMessage]:
    if not _inbox_installed():
        return []
    middleware = list(settings.MIDDLEWARE)
    toast = _index_of(middleware, TOAST_MIDDLEWARE)
    if toast is None:
        return [
            Error(
                "toastkit.inbox delivers through ToastMiddleware, which is not "
                "in MIDDLEWARE: inbox messages would never show.",
                hint=f"Add {TOAST_MIDDLEWARE!r} (toastkit.E002).",
                id="toastkit.E023",
            )
        ]
    auth = _index_of(middleware, AUTH_MIDDLEWARE)
    if auth is None:
        return [
            Error(
                "AuthenticationMiddleware is not in MIDDLEWARE: requests have no "
                "user, so inbox messages would never show.",
                hint=f"Add {AUTH_MIDDLEWARE!r} before {TOAST_MIDDLEWARE!r}.",
                id="toastkit.E024",
            )
        ]
    if auth > toast:
        return [
            Warning(
                "AuthenticationMiddleware comes after ToastMiddleware: a response "
                "made before it runs (by a middleware between them) has no user "
                "and delivers no inbox messages.",
                hint=f"Put {AUTH_MIDDLEWARE!r} before {TOAST_MIDDLEWARE!r}.",
                id="toastkit.W020",
            )
        ]
    return []


@register(Tags.caches)
def check_cache(**kwargs: Any) -> list[CheckMessage]:
    if not _inbox_installed():
        return []
    alias = getattr(settings, "TOASTKIT_INBOX_CACHE", None)
    if not isinstance(alias, str):
        return []  # unset or None is valid; other types are toastkit.E010
    if alias not in settings.CACHES:
        return [
            Error(
                f"TOASTKIT_INBOX_CACHE is {alias!r}, which is not in CACHES.",
                hint="Name a cache alias from CACHES, or set it to None.",
                id="toastkit.E025",
            )
        ]
    if is_per_process_cache(alias):
        return [
            Error(
                f"TOASTKIT_INBOX_CACHE names {alias!r}, a cache that is not "
                "shared between processes: a flag set by notify() in a task or "
                "a command would never be seen, and its messages never shown.",
                hint="Name a shared cache (Redis, Memcached, the database), or "
                "set it to None (one indexed query per delivery instead).",
                id="toastkit.E026",
            )
        ]
    return []
