"""The inbox's system checks: each setup where its messages would never show."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from django.core.checks import run_checks
from django.core.checks.registry import registry
from django.db import connection
from django.test import override_settings

from tests.inbox import settings as inbox_settings

SESSION = "django.contrib.sessions.middleware.SessionMiddleware"
AUTH = "django.contrib.auth.middleware.AuthenticationMiddleware"
TOAST = "toastkit.middleware.ToastMiddleware"
APPS: list[str] = inbox_settings.INSTALLED_APPS
LOCMEM = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
SHARED = {
    "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
    "LOCATION": "/tmp/toastkit-unused",
}


def check_ids(**overrides: Any) -> list[str]:
    """The ids toastkit's checks report under ``overrides``.

    Only toastkit's checks run: with django.contrib.auth removed by
    ``override_settings``, auth's own checks (still registered) would crash.
    """
    with override_settings(**overrides):
        return sorted(
            message.id
            for check in registry.get_checks()
            if check.__module__.startswith("toastkit.")
            for message in check(app_configs=None, databases=None)
            if message.id
        )


def without(*names: str) -> list[str]:
    return [app for app in APPS if app not in names]


@pytest.mark.django_db  # the model checks ask the database what it supports
def test_the_inbox_settings_pass_every_check_of_django_and_toastkit() -> None:
    assert run_checks(databases=["default"], include_deployment_checks=False) == []


def test_without_django_contrib_auth_is_e020() -> None:
    assert check_ids(
        INSTALLED_APPS=without("django.contrib.auth", "django.contrib.admin")
    ) == ["toastkit.E020"]


def test_without_toastkit_is_e021() -> None:
    assert check_ids(INSTALLED_APPS=without("toastkit")) == ["toastkit.E021"]


def test_the_inbox_may_come_before_toastkit() -> None:
    apps = without("toastkit.inbox")
    apps.insert(apps.index("toastkit"), "toastkit.inbox")
    assert check_ids(INSTALLED_APPS=apps) == []


def test_without_toast_middleware_only_e002_is_reported() -> None:
    assert check_ids(MIDDLEWARE=[SESSION, AUTH]) == ["toastkit.E002"]


def test_without_authentication_middleware_is_e024() -> None:
    assert check_ids(MIDDLEWARE=[SESSION, TOAST]) == ["toastkit.E024"]


def test_authentication_middleware_after_toast_middleware_is_w020() -> None:
    assert check_ids(MIDDLEWARE=[SESSION, TOAST, AUTH]) == ["toastkit.W020"]


def test_a_cache_alias_not_in_caches_is_e025() -> None:
    assert check_ids(TOASTKIT_INBOX_CACHE="flags") == ["toastkit.E025"]


@pytest.mark.parametrize(
    "backend",
    [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
    ],
)
def test_a_per_process_cache_named_for_the_flags_is_e026(backend: str) -> None:
    assert check_ids(
        CACHES={"default": {"BACKEND": backend}}, TOASTKIT_INBOX_CACHE="default"
    ) == ["toastkit.E026"]


def test_a_cache_backend_that_does_not_import_is_left_to_django() -> None:
    caches = {"default": {"BACKEND": "nowhere.Cache"}}
    assert check_ids(CACHES=caches, TOASTKIT_INBOX_CACHE="default") == []


@pytest.mark.parametrize(
    "overrides",
    [
        {"TOASTKIT_INBOX_CACHE": None},
        {"TOASTKIT_INBOX_CACHE": "default", "CACHES": {"default": SHARED}},
        {"CACHES": {"default": LOCMEM}},  # unset: no flags, one query
    ],
    ids=["none", "shared", "unset"],
)
def test_valid_cache_settings_pass(overrides: dict[str, Any]) -> None:
    assert check_ids(**overrides) == []


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("TOASTKIT_INBOX_KEEP_DAYS", 0),
        ("TOASTKIT_INBOX_KEEP_DAYS", "30"),
        ("TOASTKIT_INBOX_KEEP_DAYS", True),
        ("TOASTKIT_INBOX_CACHE", 5),
    ],
)
def test_invalid_inbox_settings_are_e010(name: str, value: object) -> None:
    assert check_ids(**{name: value}) == ["toastkit.E010"]


def test_nothing_is_reported_when_the_inbox_is_not_installed() -> None:
    assert (
        check_ids(
            INSTALLED_APPS=without("toastkit.inbox"),
            MIDDLEWARE=[SESSION, TOAST],
            TOASTKIT_INBOX_CACHE="nowhere",
        )
        == []
    )


# Live delivery (docs/live.md, "Setup").
LIVE_URLS = "tests.inbox.live.urls"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("TOASTKIT_LIVE_DOORBELL", "kafka"),
        ("TOASTKIT_LIVE_REDIS_URL", "localhost"),
        ("TOASTKIT_LIVE_TICK", 0),
        ("TOASTKIT_LIVE_SWEEP", "30"),
        ("TOASTKIT_LIVE_PING", True),
        ("TOASTKIT_LIVE_REPLAY", -1),
        ("TOASTKIT_LIVE_RETRY", 1.5),
        ("TOASTKIT_LIVE_STREAMS_PER_USER", 0),
        ("TOASTKIT_LIVE_THREADS", None),
    ],
)
def test_invalid_live_settings_are_e010(name: str, value: object) -> None:
    assert check_ids(ROOT_URLCONF=LIVE_URLS, **{name: value}) == ["toastkit.E010"]


def test_the_postgres_doorbell_on_another_database_is_e040() -> None:
    ids = check_ids(ROOT_URLCONF=LIVE_URLS, TOASTKIT_LIVE_DOORBELL="postgres")
    # The inbox tests run on SQLite, and on PostgreSQL in their own session.
    assert ("toastkit.E040" in ids) == (connection.vendor != "postgresql")


def test_the_postgres_doorbell_without_psycopg_is_e041(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # what a failed import leaves
    assert "toastkit.E041" in check_ids(
        ROOT_URLCONF=LIVE_URLS, TOASTKIT_LIVE_DOORBELL="postgres"
    )


def test_the_redis_doorbell_without_the_redis_package_is_e042(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "redis", None)
    assert check_ids(
        ROOT_URLCONF=LIVE_URLS,
        TOASTKIT_LIVE_DOORBELL="redis",
        TOASTKIT_LIVE_REDIS_URL="redis://h/0",
    ) == ["toastkit.E042"]


def test_the_redis_doorbell_without_a_url_is_e043() -> None:
    assert check_ids(ROOT_URLCONF=LIVE_URLS, TOASTKIT_LIVE_DOORBELL="redis") == [
        "toastkit.E043"
    ]


def test_the_redis_doorbell_with_a_url_passes() -> None:
    assert (
        check_ids(
            ROOT_URLCONF=LIVE_URLS,
            TOASTKIT_LIVE_DOORBELL="redis",
            TOASTKIT_LIVE_REDIS_URL="redis://h/0",
        )
        == []
    )


def test_live_settings_without_the_inbox_urls_are_w040() -> None:
    assert check_ids(TOASTKIT_LIVE_PING=5) == ["toastkit.W040"]


def test_live_settings_with_the_inbox_urls_pass() -> None:
    assert check_ids(ROOT_URLCONF=LIVE_URLS, TOASTKIT_LIVE_PING=5) == []


def test_no_live_setting_and_no_inbox_urls_pass() -> None:
    assert check_ids() == []
