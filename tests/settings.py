from __future__ import annotations

from pathlib import Path
from typing import Any

TESTS_DIR = Path(__file__).resolve().parent

SECRET_KEY = "toastkit-tests"
DEBUG = False
ALLOWED_HOSTS = ["*"]
USE_TZ = True
ROOT_URLCONF = "tests.urls"

# live_server needs a database; sessions stay in signed cookies.
DATABASES: dict[str, dict[str, Any]] = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
}
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_cotton",
    "toastkit",
    "tests.records",
]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "toastkit.middleware.ToastMiddleware",
]

MESSAGE_STORAGE = "toastkit.storage.ToastStorage"

#: The Jinja2 engine: tests/jinja2/ and ``toasts()`` (tests/jinja_env.py).
JINJA2_TEMPLATES: dict[str, Any] = {
    "BACKEND": "django.template.backends.jinja2.Jinja2",
    "DIRS": [TESTS_DIR / "jinja2"],
    "OPTIONS": {"environment": "tests.jinja_env.environment"},
}

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [TESTS_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
    # A project on Jinja2 keeps a DjangoTemplates engine for django-cotton's
    # components; toastkit.jinja's toasts() renders them through it.
    JINJA2_TEMPLATES,
]

STATIC_URL = "/static/"
