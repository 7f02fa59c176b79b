"""System checks: a misconfiguration is a clear startup message, never a lost toast.

Like Django's admin checks, they say nothing when toastkit is not installed
(they stay registered after an ``override_settings`` that removes it).
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.messages.storage.session import SessionStorage
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.utils.module_loading import import_string

from toastkit.conf import SETTINGS
from toastkit.middleware import ToastMiddleware
from toastkit.storage import ToastStorage

TOAST = "toastkit.middleware.ToastMiddleware"
SESSION = "django.contrib.sessions.middleware.SessionMiddleware"
CSRF = "django.middleware.csrf.CsrfViewMiddleware"
MESSAGES = "django.contrib.messages.middleware.MessageMiddleware"
PROCESSOR = "django.contrib.messages.context_processors.messages"
NEEDS_SESSION = (FallbackStorage, SessionStorage)
NO_SESSION = "SessionMiddleware is missing or comes after ToastMiddleware"

#: Each problem's message and hint (docs/reference.md, "System checks").
PROBLEMS = {
    "E001": (
        "Django's MessageMiddleware is installed alongside toastkit's ToastMiddleware.",
        f"Remove {MESSAGES!r}: ToastMiddleware replaces it.",
    ),
    "E002": (
        "toastkit's ToastMiddleware is not in MIDDLEWARE.",
        f"Put {TOAST!r} where MessageMiddleware was.",
    ),
    "E003": (
        f"{NO_SESSION}, and MESSAGE_STORAGE needs the session.",
        f"Put {SESSION!r} before {TOAST!r}.",
    ),
    "W002": (
        f"{NO_SESSION}: messages live in the cookie alone, and those that do not "
        "fit are dropped (oldest first).",
        f"Put {SESSION!r} before {TOAST!r}.",
    ),
    "W003": (
        "CsrfViewMiddleware comes after ToastMiddleware: a toast's post action "
        "delivered over htmx carries a CSRF token whose cookie is never set, so a "
        "first visit's Undo fails with 403.",
        f"Put {CSRF!r} before {TOAST!r}, as in Django's default MIDDLEWARE.",
    ),
    "E004": (
        "'django.contrib.messages' is not in INSTALLED_APPS.",
        "toastkit needs 'django.contrib.messages'; add it to INSTALLED_APPS.",
    ),
    "E006": (
        "'django_cotton' is not in INSTALLED_APPS.",
        "toastkit needs 'django_cotton'; add it to INSTALLED_APPS.",
    ),
    "W001": (
        "The messages context processor is not enabled: {% toasts %} still works, "
        "but templates that loop over {{ messages }} see nothing.",
        f"Add {PROCESSOR!r} to TEMPLATES' context_processors.",
    ),
}


def report(
    *ids: str, problems: dict[str, tuple[str, str]] = PROBLEMS
) -> list[CheckMessage]:
    """The check messages of ``ids``: a Warning for a ``W`` id, else an Error."""
    return [
        (Warning if i[0] == "W" else Error)(*problems[i], id=f"toastkit.{i}")
        for i in ids
    ]


def index_of(dotted: str, *, other_than: type | tuple[()] = ()) -> int | None:
    """Position in MIDDLEWARE of ``dotted`` or a subclass (not of ``other_than``)."""
    target = import_string(dotted)
    for index, path in enumerate(settings.MIDDLEWARE):
        try:
            cls = import_string(path)
        except ImportError:
            continue  # Django reports it on the first request
        if (
            isinstance(cls, type)
            and issubclass(cls, target)
            and not issubclass(cls, other_than)
        ):
            return index
    return None


def message_storage() -> object:
    try:
        return import_string(settings.MESSAGE_STORAGE)
    except ImportError:
        return None  # Django reports it on the first request


@register(Tags.compatibility, Tags.templates)
def check_setup(**kwargs: Any) -> list[CheckMessage]:
    """The apps, templates and middleware toastkit needs, in that order."""
    if not apps.is_installed("toastkit"):
        return []
    # Not django_htmx: toastkit only imports its HtmxDetails class.
    required = {"django.contrib.messages": "E004", "django_cotton": "E006"}
    ids = [i for app, i in required.items() if not apps.is_installed(app)]
    if not any(
        PROCESSOR in engine.get("OPTIONS", {}).get("context_processors", [])
        for engine in settings.TEMPLATES
        if engine.get("BACKEND") == "django.template.backends.django.DjangoTemplates"
    ):
        ids.append("W001")
    toast, csrf, session = index_of(TOAST), index_of(CSRF), index_of(SESSION)
    if toast is None:
        return report(*ids, "E002")
    # ToastMiddleware is a MessageMiddleware, but not the one E001 is about.
    if index_of(MESSAGES, other_than=ToastMiddleware) is not None:
        ids.append("E001")
    if csrf is not None and csrf > toast:
        ids.append("W003")
    if session is None or session > toast:
        storage = message_storage()
        if isinstance(storage, type) and issubclass(storage, ToastStorage):
            ids.append("W002")  # it works from the cookie alone
        elif isinstance(storage, type) and issubclass(storage, NEEDS_SESSION):
            ids.append("E003")
    return report(*ids)


@register(Tags.compatibility)
def check_settings(**kwargs: Any) -> list[CheckMessage]:
    """toastkit.E010 for each ``TOASTKIT_*`` setting with an invalid value."""
    if not apps.is_installed("toastkit"):
        return []
    return [
        Error(
            f"{setting.name} is {value!r}.",
            hint=f"{setting.name} must be {setting.expected}.",
            id="toastkit.E010",
        )
        for setting in SETTINGS
        if not setting.valid(value := getattr(settings, setting.name, setting.default))
    ]
