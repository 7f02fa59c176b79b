"""toastkit's settings, read lazily on every access so override_settings works.

Every setting is a flat ``TOASTKIT_*`` name; Django's own ``MESSAGE_*``
settings keep their meaning and are read by Django.
"""

from __future__ import annotations

import functools
from typing import Literal, cast, get_args

from django.conf import settings as django_settings
from django.contrib.messages import constants
from django.utils.module_loading import import_string

Position = Literal[
    "top-start",
    "top-center",
    "top-end",
    "bottom-start",
    "bottom-center",
    "bottom-end",
]
POSITIONS: tuple[str, ...] = get_args(Position)

#: Milliseconds before a toast of each level dismisses itself; 0 means sticky.
DEFAULT_DURATIONS: dict[int, int] = {
    constants.DEBUG: 5000,
    constants.INFO: 5000,
    constants.SUCCESS: 5000,
    constants.WARNING: 8000,
    constants.ERROR: 0,
}


#: A setting left out (where ``None`` is a value of its own).
UNSET = object()

#: Cache backends that live inside one process: a flag set there by a task in
#: another process is never seen (``DummyCache`` keeps nothing at all).
PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


def is_per_process_cache(alias: str) -> bool:
    """Whether the cache ``alias`` in ``CACHES`` is a per-process one (or a subclass)."""
    return _is_per_process_backend(
        django_settings.CACHES.get(alias, {}).get("BACKEND", "")
    )


@functools.cache
def _is_per_process_backend(backend: str) -> bool:
    # Cached by path: read on every delivery of a project with toastkit.inbox.
    try:
        cls = import_string(backend)
    except ImportError:
        return False  # Django reports a bad BACKEND itself
    return any(issubclass(cls, import_string(path)) for path in PER_PROCESS_CACHES)


class Settings:
    """Typed access to the ``TOASTKIT_*`` settings with their defaults."""

    @property
    def HEADER_BUDGET(self) -> int:
        """Most bytes the ``HX-Trigger`` header value may take."""
        value: int = getattr(django_settings, "TOASTKIT_HEADER_BUDGET", 2048)
        return value

    @property
    def POSITION(self) -> str:
        value: str = getattr(django_settings, "TOASTKIT_POSITION", "bottom-end")
        return value

    @property
    def MAX_VISIBLE(self) -> int:
        value: int = getattr(django_settings, "TOASTKIT_MAX_VISIBLE", 5)
        return value

    @property
    def DURATIONS(self) -> dict[int, int]:
        """Per-level durations: the defaults updated with the setting."""
        overrides: dict[int, int] = getattr(django_settings, "TOASTKIT_DURATIONS", {})
        return {**DEFAULT_DURATIONS, **overrides}

    @property
    def NETWORK_ERROR_MESSAGE(self) -> str:
        """Text of the client-side toast for failed htmx requests; "" is off."""
        value: str = getattr(django_settings, "TOASTKIT_NETWORK_ERROR_MESSAGE", "")
        return value

    @property
    def COUNTDOWN(self) -> bool:
        """Auto-dismissing toasts show a bar of the time they have left."""
        value: bool = getattr(django_settings, "TOASTKIT_COUNTDOWN", True)
        return value

    @property
    def INBOX_KEEP_DAYS(self) -> int:
        """Days ``toastkit_inbox_purge`` keeps inbox messages (delivered or not)."""
        value: int = getattr(django_settings, "TOASTKIT_INBOX_KEEP_DAYS", 30)
        return value

    @property
    def INBOX_CACHE(self) -> str | None:
        """Alias of the cache holding the inbox's "pending" flags; ``None``: no flags.

        Unset, it is ``"default"`` when that cache is shared between
        processes (not ``LocMemCache`` or ``DummyCache``), else ``None``.
        """
        value = getattr(django_settings, "TOASTKIT_INBOX_CACHE", UNSET)
        if value is UNSET:
            return None if is_per_process_cache("default") else "default"
        return cast("str | None", value)


toastkit_settings = Settings()
