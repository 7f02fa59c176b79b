"""toastkit's settings, read lazily on every access so override_settings works.

Every setting is a flat ``TOASTKIT_*`` name; Django's own ``MESSAGE_*``
settings keep their meaning and are read by Django.
"""

from __future__ import annotations

from typing import Literal, get_args

from django.conf import settings as django_settings
from django.contrib.messages import constants

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


toastkit_settings = Settings()
