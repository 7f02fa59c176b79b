"""System checks: each misconfiguration gives its id and a hint."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.checks import run_checks
from django.core.checks.registry import registry
from django.test import override_settings

from tests import settings as test_settings

SESSION = "django.contrib.sessions.middleware.SessionMiddleware"
TOAST = "toastkit.middleware.ToastMiddleware"
DJANGO_MESSAGES = "django.contrib.messages.middleware.MessageMiddleware"


def check_ids(**overrides: Any) -> list[str]:
    with override_settings(**overrides):
        return [m.id for m in run_checks() if m.id and m.id.startswith("toastkit.")]


def test_the_documented_configuration_passes() -> None:
    assert check_ids() == []


@pytest.mark.parametrize(
    "middleware",
    [[SESSION, TOAST, DJANGO_MESSAGES], [DJANGO_MESSAGES, SESSION, TOAST]],
    ids=["after", "first"],
)
def test_djangos_message_middleware_beside_toastkits_is_e001(
    middleware: list[str],
) -> None:
    assert check_ids(MIDDLEWARE=middleware) == ["toastkit.E001"]


def test_missing_toast_middleware_is_e002() -> None:
    assert check_ids(MIDDLEWARE=[SESSION, DJANGO_MESSAGES]) == ["toastkit.E002"]


@pytest.mark.parametrize(
    "middleware", [[TOAST], [TOAST, SESSION]], ids=["missing", "after"]
)
@pytest.mark.parametrize(
    "storage",
    [
        "django.contrib.messages.storage.fallback.FallbackStorage",
        "django.contrib.messages.storage.session.SessionStorage",
    ],
)
def test_session_middleware_missing_or_after_with_a_session_storage_is_e003(
    middleware: list[str], storage: str
) -> None:
    assert check_ids(MIDDLEWARE=middleware, MESSAGE_STORAGE=storage) == [
        "toastkit.E003"
    ]


@pytest.mark.parametrize(
    "middleware", [[TOAST], [TOAST, SESSION]], ids=["missing", "after"]
)
def test_session_middleware_missing_or_after_with_toast_storage_is_w002(
    middleware: list[str],
) -> None:
    # ToastStorage then works from the cookie alone: worth a warning, not a stop.
    assert check_ids(MIDDLEWARE=middleware) == ["toastkit.W002"]


CSRF = "django.middleware.csrf.CsrfViewMiddleware"


def test_csrf_middleware_after_toast_middleware_is_w003() -> None:
    # A post action's token would have no cookie behind it on a first visit.
    assert check_ids(MIDDLEWARE=[SESSION, TOAST, CSRF]) == ["toastkit.W003"]


def test_csrf_middleware_before_toast_middleware_passes() -> None:
    assert check_ids(MIDDLEWARE=[SESSION, CSRF, TOAST]) == []


def test_a_middleware_that_cannot_be_imported_does_not_hide_the_others() -> None:
    # Django reports it on the first request; toastkit's checks look past it.
    assert check_ids(MIDDLEWARE=["missing.Middleware", SESSION, TOAST]) == []


def test_a_message_storage_that_is_not_a_class_is_left_to_django() -> None:
    storage = "django.contrib.messages.api.get_messages"
    assert check_ids(MIDDLEWARE=[TOAST], MESSAGE_STORAGE=storage) == []


def test_a_message_storage_that_cannot_be_imported_is_left_to_django() -> None:
    # Django reports it on the first request, as for a middleware.
    assert check_ids(MIDDLEWARE=[TOAST], MESSAGE_STORAGE="missing.Storage") == []


def test_cookie_storage_needs_no_session_middleware() -> None:
    storage = "django.contrib.messages.storage.cookie.CookieStorage"
    assert check_ids(MIDDLEWARE=[TOAST], MESSAGE_STORAGE=storage) == []


@pytest.mark.parametrize(
    ("app", "check_id"),
    [
        ("django.contrib.messages", "toastkit.E004"),
        ("django_cotton", "toastkit.E006"),
    ],
)
def test_missing_required_app_is_reported(app: str, check_id: str) -> None:
    apps = [a for a in test_settings.INSTALLED_APPS if a != app]
    assert check_id in check_ids(INSTALLED_APPS=apps)


def test_django_htmx_need_not_be_an_installed_app() -> None:
    # toastkit imports its HtmxDetails class; the app only serves htmx_script.
    apps = [a for a in test_settings.INSTALLED_APPS if a != "django_htmx"]
    assert check_ids(INSTALLED_APPS=apps) == []


@pytest.mark.parametrize(
    "options",
    [{"context_processors": []}, {}, None],
    ids=["no-processors", "no-processors-key", "no-options"],
)
def test_missing_messages_context_processor_is_w001(
    options: dict[str, object] | None,
) -> None:
    engine: dict[str, object] = {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
    }
    if options is not None:
        engine["OPTIONS"] = options
    assert check_ids(TEMPLATES=[engine]) == ["toastkit.W001"]


SESSION_FIRST = f"Put {SESSION!r} before {TOAST!r}."


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"MIDDLEWARE": [SESSION, TOAST, DJANGO_MESSAGES]},
            (
                "toastkit.E001",
                "Django's MessageMiddleware is installed alongside toastkit's "
                "ToastMiddleware.",
                f"Remove {DJANGO_MESSAGES!r}: ToastMiddleware replaces it.",
            ),
        ),
        (
            {"MIDDLEWARE": [SESSION, DJANGO_MESSAGES]},
            (
                "toastkit.E002",
                "toastkit's ToastMiddleware is not in MIDDLEWARE.",
                f"Put {TOAST!r} where MessageMiddleware was.",
            ),
        ),
        (
            {
                "MIDDLEWARE": [TOAST],
                "MESSAGE_STORAGE": "django.contrib.messages.storage.session."
                "SessionStorage",
            },
            (
                "toastkit.E003",
                "SessionMiddleware is missing or comes after ToastMiddleware, and "
                "MESSAGE_STORAGE needs the session.",
                SESSION_FIRST,
            ),
        ),
        (
            {"MIDDLEWARE": [SESSION, TOAST, CSRF]},
            (
                "toastkit.W003",
                "CsrfViewMiddleware comes after ToastMiddleware: a toast's post "
                "action delivered over htmx carries a CSRF token whose cookie is "
                "never set, so a first visit's Undo fails with 403.",
                f"Put {CSRF!r} before {TOAST!r}, as in Django's default MIDDLEWARE.",
            ),
        ),
        (
            {"MIDDLEWARE": [TOAST]},
            (
                "toastkit.W002",
                "SessionMiddleware is missing or comes after ToastMiddleware: "
                "messages live in the cookie alone, and those that do not fit "
                "are dropped (oldest first).",
                SESSION_FIRST,
            ),
        ),
        (
            {
                "INSTALLED_APPS": [
                    a for a in test_settings.INSTALLED_APPS if a != "django_cotton"
                ]
            },
            (
                "toastkit.E006",
                "'django_cotton' is not in INSTALLED_APPS.",
                "toastkit needs 'django_cotton'; add it to INSTALLED_APPS.",
            ),
        ),
        (
            {
                "TEMPLATES": [
                    {"BACKEND": "django.template.backends.django.DjangoTemplates"}
                ]
            },
            (
                "toastkit.W001",
                "The messages context processor is not enabled: {% toasts %} still "
                "works, but templates that loop over {{ messages }} see nothing.",
                "Add 'django.contrib.messages.context_processors.messages' to "
                "TEMPLATES' context_processors.",
            ),
        ),
    ],
    ids=["E001", "E002", "E003", "W003", "W002", "E006", "W001"],
)
def test_each_check_says_what_is_wrong_and_how_to_fix_it(
    overrides: dict[str, Any], message: tuple[str, str, str]
) -> None:
    with override_settings(**overrides):
        found = [(m.id, m.msg, m.hint) for m in run_checks()]
    assert message in found


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("TOASTKIT_HEADER_BUDGET", 100),
        ("TOASTKIT_HEADER_BUDGET", "4096"),
        ("TOASTKIT_POSITION", "middle"),
        ("TOASTKIT_MAX_VISIBLE", 0),
        ("TOASTKIT_DURATIONS", {20: -1}),
        ("TOASTKIT_DURATIONS", {"info": 5000}),
        ("TOASTKIT_DURATIONS", [5000]),
        ("TOASTKIT_NETWORK_ERROR_MESSAGE", None),
        ("TOASTKIT_COUNTDOWN", "no"),
    ],
)
def test_invalid_setting_is_e010_naming_the_setting(
    setting: str, value: object
) -> None:
    with override_settings(**{setting: value}):
        (message,) = [m for m in run_checks() if m.id == "toastkit.E010"]
    assert setting in message.msg
    assert message.hint is not None
    assert setting in message.hint


def test_valid_settings_pass_down_to_their_smallest_values() -> None:
    assert (
        check_ids(
            TOASTKIT_HEADER_BUDGET=256,
            TOASTKIT_POSITION="top-center",
            TOASTKIT_MAX_VISIBLE=1,
            TOASTKIT_DURATIONS={0: 0, 20: 3000},
            TOASTKIT_NETWORK_ERROR_MESSAGE="",
            TOASTKIT_COUNTDOWN=False,
        )
        == []
    )


def test_checks_are_silent_when_toastkit_is_not_installed() -> None:
    apps = [a for a in test_settings.INSTALLED_APPS if a != "toastkit"]
    assert (
        check_ids(
            INSTALLED_APPS=apps,
            MIDDLEWARE=[DJANGO_MESSAGES],
            TOASTKIT_POSITION="middle",
            TEMPLATES=[],
        )
        == []
    )


@pytest.fixture
def checks_registry() -> Iterator[None]:
    """Forget the checks that apps installed by the test register."""
    registered = set(registry.registered_checks)
    deployment = set(registry.deployment_checks)
    yield
    registry.registered_checks = registered
    registry.deployment_checks = deployment


@pytest.mark.usefixtures("checks_registry")
def test_the_admin_accepts_toast_middleware_as_its_message_middleware() -> None:
    # admin.E409 asks for MessageMiddleware or a subclass in MIDDLEWARE.
    with override_settings(
        INSTALLED_APPS=[
            "django.contrib.admin",
            "django.contrib.auth",
            *test_settings.INSTALLED_APPS,
        ],
        MIDDLEWARE=[
            SESSION,
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            TOAST,
        ],
    ):
        ids = [m.id for m in run_checks() if m.id]
    assert "admin.E409" not in ids
    assert not [i for i in ids if i.startswith("toastkit.")]
