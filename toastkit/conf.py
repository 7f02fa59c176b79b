"""toastkit's settings: one table, from which derive both the typed access
(``toastkit_settings.HEADER_BUDGET``) and the system check ``toastkit.E010``.

Each is read from Django's settings at first use, and again after Django's
``setting_changed`` signal names it (``override_settings`` and pytest-django's
``settings`` send it). A cached read matters: a setting left at its default is
missing from Django's settings, and each ``getattr`` of a missing name raises
and catches an ``AttributeError`` (about 2 µs, on every response).

Each is a flat ``TOASTKIT_*`` name; Django's ``MESSAGE_*`` keep their meaning.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, Literal, TypeVar, cast, get_args

from django.conf import settings as django_settings
from django.contrib.messages.constants import DEBUG, ERROR, INFO, SUCCESS, WARNING
from django.core.signals import setting_changed

T = TypeVar("T")

Position = Literal[
    "top-start", "top-center", "top-end", "bottom-start", "bottom-center", "bottom-end"
]
POSITIONS: tuple[str, ...] = get_args(Position)

#: Milliseconds before a toast of each level dismisses itself; 0 means sticky.
DEFAULT_DURATIONS = {DEBUG: 5000, INFO: 5000, SUCCESS: 5000, WARNING: 8000, ERROR: 0}

#: Each ``TOASTKIT_*`` name read so far, and its value (the default if unset).
_read: dict[str, Any] = {}
#: Counts ``setting_changed``: a value read before a change is not kept after it
#: (another thread's ``override_settings`` between a read and its caching).
_changes = 0
_lock = threading.Lock()


def forget_setting(*, setting: str, **kwargs: Any) -> None:
    """``setting_changed``'s receiver: the next access reads ``setting`` again."""
    global _changes
    with _lock:
        _changes += 1
        _read.pop(setting, None)


setting_changed.connect(forget_setting, dispatch_uid="toastkit.conf.forget_setting")


class Setting(Generic[T]):
    """``TOASTKIT_<attribute name>``: its default (a dict setting updates it),
    whether a value is valid, and what a valid value is (E010's hint)."""

    def __init__(self, default: T, valid: Callable[[Any], bool], expected: str):
        self.default, self.valid, self.expected = default, valid, expected

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = f"TOASTKIT_{name}"

    def __get__(self, instance: object, owner: type) -> T:
        try:
            value = _read[self.name]
        except KeyError:  # first use, or changed since
            changes = _changes
            value = getattr(django_settings, self.name, self.default)
            with _lock:
                if changes == _changes:  # no change while it was read
                    _read[self.name] = value
        if isinstance(self.default, dict):
            return cast("T", {**self.default, **value})
        return cast("T", value)


def whole_number(minimum: int) -> Callable[[Any], bool]:
    return lambda value: type(value) is int and value >= minimum


def seconds(*, zero: bool = False) -> Callable[[Any], bool]:
    """A number (int or float, not bool) above 0, or also 0 with ``zero``."""
    return lambda value: (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and (value > 0 or (zero and value == 0))
    )


#: The live doorbells (docs/live.md, "Doorbells").
DOORBELLS = ("poll", "postgres", "redis")


def is_durations(value: Any) -> bool:
    ms = whole_number(0)
    return isinstance(value, dict) and all(ms(k) and ms(v) for k, v in value.items())


class Settings:
    """The ``TOASTKIT_*`` settings (docs/reference.md, "Settings")."""

    HEADER_BUDGET = Setting(
        2048, whole_number(256), "a whole number of bytes, at least 256"
    )
    POSITION = Setting(
        "bottom-end", lambda v: v in POSITIONS, f"one of {', '.join(POSITIONS)}"
    )
    MAX_VISIBLE = Setting(5, whole_number(1), "a whole number, at least 1")
    DURATIONS = Setting(
        DEFAULT_DURATIONS,
        is_durations,
        "a dict of message level (int) to milliseconds (int; 0 means sticky)",
    )
    NETWORK_ERROR_MESSAGE = Setting(
        "", lambda v: isinstance(v, str), 'a string ("" turns the toast off)'
    )
    COUNTDOWN = Setting(True, lambda v: isinstance(v, bool), "True or False")
    INBOX_KEEP_DAYS = Setting(30, whole_number(1), "a whole number of days, at least 1")
    INBOX_CACHE: Setting[str | None] = Setting(
        None,
        lambda v: v is None or isinstance(v, str),
        "a cache alias from CACHES, shared by every process, or None",
    )
    # Live delivery (docs/live.md, "Setup"), read as each stream opens.
    LIVE_DOORBELL = Setting(
        "poll", lambda v: v in DOORBELLS, f"one of {', '.join(DOORBELLS)}"
    )
    LIVE_REDIS_URL: Setting[str | None] = Setting(
        None,
        lambda v: v is None or (isinstance(v, str) and "://" in v),
        'a Redis URL ("redis://host:6379/0"), or None',
    )
    LIVE_TICK = Setting(0.5, seconds(), "a number of seconds above 0")
    LIVE_SWEEP = Setting(30.0, seconds(), "a number of seconds above 0")
    LIVE_PING = Setting(20.0, seconds(), "a number of seconds above 0")
    LIVE_MAX_AGE = Setting(600.0, seconds(), "a number of seconds above 0")
    LIVE_RETRY = Setting(3000, whole_number(0), "a whole number of milliseconds")
    LIVE_REPLAY = Setting(86400.0, seconds(zero=True), "a number of seconds, 0 or more")
    LIVE_STREAMS_PER_USER = Setting(5, whole_number(1), "a whole number, at least 1")
    LIVE_THREADS = Setting(4, whole_number(1), "a whole number, at least 1")


SETTINGS = [s for s in vars(Settings).values() if isinstance(s, Setting)]
toastkit_settings = Settings()
