"""System checks: a misconfiguration is a clear startup message, never a lost toast."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.messages.storage.session import SessionStorage
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.utils.module_loading import import_string

from toastkit.conf import POSITIONS
from toastkit.storage import ToastStorage

TOAST_MIDDLEWARE = "toastkit.middleware.ToastMiddleware"
DJANGO_MESSAGE_MIDDLEWARE = "django.contrib.messages.middleware.MessageMiddleware"
SESSION_MIDDLEWARE = "django.contrib.sessions.middleware.SessionMiddleware"
CSRF_MIDDLEWARE = "django.middleware.csrf.CsrfViewMiddleware"
MESSAGES_PROCESSOR = "django.contrib.messages.context_processors.messages"
DEFAULT_MESSAGE_STORAGE = "django.contrib.messages.storage.fallback.FallbackStorage"


def _index_of(
    middleware: list[str], dotted: str, *, other_than: str | None = None
) -> int | None:
    """Position of ``dotted`` or a subclass of it in MIDDLEWARE.

    ``other_than`` skips that class and its subclasses: ToastMiddleware is a
    MessageMiddleware, but not the one toastkit.E001 is about.
    """
    target = import_string(dotted)
    skipped = import_string(other_than) if other_than else None
    for index, path in enumerate(middleware):
        try:
            cls = import_string(path)
        except ImportError:
            continue
        if not isinstance(cls, type) or not issubclass(cls, target):
            continue
        if skipped is None or not issubclass(cls, skipped):
            return index
    return None


def _storage_class() -> type | None:
    try:
        storage = import_string(
            getattr(settings, "MESSAGE_STORAGE", DEFAULT_MESSAGE_STORAGE)
        )
    except ImportError:
        return None  # Django reports it on the first request
    return storage if isinstance(storage, type) else None


def _toastkit_installed() -> bool:
    """Checks say nothing for a project that does not use toastkit (like the admin's)."""
    return apps.is_installed("toastkit")


@register(Tags.compatibility)
def check_middleware(**kwargs: Any) -> list[CheckMessage]:
    if not _toastkit_installed():
        return []
    middleware = list(settings.MIDDLEWARE)
    errors: list[CheckMessage] = []
    toast = _index_of(middleware, TOAST_MIDDLEWARE)
    django_messages = _index_of(
        middleware, DJANGO_MESSAGE_MIDDLEWARE, other_than=TOAST_MIDDLEWARE
    )
    if toast is not None and django_messages is not None:
        errors.append(
            Error(
                "Django's MessageMiddleware is installed alongside toastkit's ToastMiddleware.",
                hint=f"Remove {DJANGO_MESSAGE_MIDDLEWARE!r}: ToastMiddleware replaces it.",
                id="toastkit.E001",
            )
        )
    if toast is None:
        errors.append(
            Error(
                "toastkit's ToastMiddleware is not in MIDDLEWARE.",
                hint=f"Put {TOAST_MIDDLEWARE!r} where MessageMiddleware was.",
                id="toastkit.E002",
            )
        )
        return errors
    csrf = _index_of(middleware, CSRF_MIDDLEWARE)
    if csrf is not None and csrf > toast:
        errors.append(
            Warning(
                "CsrfViewMiddleware comes after ToastMiddleware: a toast's post "
                "action delivered over htmx carries a CSRF token whose cookie is "
                "never set, so a first visit's Undo fails with 403.",
                hint=f"Put {CSRF_MIDDLEWARE!r} before {TOAST_MIDDLEWARE!r}, as in "
                "Django's default MIDDLEWARE.",
                id="toastkit.W003",
            )
        )
    session = _index_of(middleware, SESSION_MIDDLEWARE)
    if session is not None and session < toast:
        return errors
    storage = _storage_class()
    if storage is not None and issubclass(storage, ToastStorage):
        errors.append(
            Warning(
                "SessionMiddleware is missing or comes after ToastMiddleware: "
                "messages live in the cookie alone, and those that do not fit "
                "are dropped (oldest first).",
                hint=f"Put {SESSION_MIDDLEWARE!r} before {TOAST_MIDDLEWARE!r}.",
                id="toastkit.W002",
            )
        )
    elif storage is not None and issubclass(storage, (FallbackStorage, SessionStorage)):
        errors.append(
            Error(
                "SessionMiddleware is missing or comes after ToastMiddleware, and "
                "MESSAGE_STORAGE needs the session.",
                hint=f"Put {SESSION_MIDDLEWARE!r} before {TOAST_MIDDLEWARE!r}.",
                id="toastkit.E003",
            )
        )
    return errors


@register(Tags.compatibility)
def check_apps(**kwargs: Any) -> list[CheckMessage]:
    if not _toastkit_installed():
        return []
    required = {
        "django.contrib.messages": "toastkit.E004",
        "django_htmx": "toastkit.E005",
        "django_cotton": "toastkit.E006",
    }
    return [
        Error(
            f"{app!r} is not in INSTALLED_APPS.",
            hint=f"toastkit needs {app!r}; add it to INSTALLED_APPS.",
            id=check_id,
        )
        for app, check_id in required.items()
        if not apps.is_installed(app)
    ]


@register(Tags.templates)
def check_templates(**kwargs: Any) -> list[CheckMessage]:
    if not _toastkit_installed():
        return []
    engines: list[dict[str, Any]] = [
        t
        for t in settings.TEMPLATES
        if t.get("BACKEND") == "django.template.backends.django.DjangoTemplates"
    ]
    if any(
        MESSAGES_PROCESSOR in t.get("OPTIONS", {}).get("context_processors", [])
        for t in engines
    ):
        return []
    return [
        Warning(
            "The messages context processor is not enabled: {% toasts %} still "
            "works, but templates that loop over {{ messages }} see nothing.",
            hint=f"Add {MESSAGES_PROCESSOR!r} to TEMPLATES' context_processors.",
            id="toastkit.W001",
        )
    ]


def _is_int(value: object, minimum: int) -> bool:
    return type(value) is int and value >= minimum


def _valid_durations(value: object) -> bool:
    return isinstance(value, dict) and all(
        _is_int(level, 0) and _is_int(ms, 0) for level, ms in value.items()
    )


#: Each setting: (is the value valid?, what it must be).
SETTING_RULES: dict[str, tuple[Callable[[object], bool], str]] = {
    "HEADER_BUDGET": (
        lambda v: _is_int(v, 256),
        "a whole number of bytes, at least 256",
    ),
    "POSITION": (lambda v: v in POSITIONS, "one of " + ", ".join(POSITIONS)),
    "MAX_VISIBLE": (lambda v: _is_int(v, 1), "a whole number, at least 1"),
    "DURATIONS": (
        _valid_durations,
        "a dict of message level (int) to milliseconds (int; 0 means sticky)",
    ),
    "NETWORK_ERROR_MESSAGE": (
        lambda v: isinstance(v, str),
        'a string ("" turns the toast off)',
    ),
    "COUNTDOWN": (lambda v: isinstance(v, bool), "True or False"),
    "INBOX_KEEP_DAYS": (lambda v: _is_int(v, 1), "a whole number of days, at least 1"),
    "INBOX_CACHE": (
        lambda v: v is None or isinstance(v, str),
        "a cache alias from CACHES, or None (no cache: one query per delivery)",
    ),
}


@register(Tags.compatibility)
def check_settings(**kwargs: Any) -> list[CheckMessage]:
    if not _toastkit_installed():
        return []
    errors: list[CheckMessage] = []
    for name, (is_valid, expected) in SETTING_RULES.items():
        setting = f"TOASTKIT_{name}"
        if hasattr(settings, setting) and not is_valid(getattr(settings, setting)):
            errors.append(
                Error(
                    f"{setting} is {getattr(settings, setting)!r}.",
                    hint=f"{setting} must be {expected}.",
                    id="toastkit.E010",
                )
            )
    return errors
