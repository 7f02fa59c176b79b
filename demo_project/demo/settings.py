"""Settings of the toastkit demo: a small task app on SQLite."""

from __future__ import annotations

from pathlib import Path

import django
from django.contrib.messages import constants as message_constants

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "demo-only-not-secret"
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_cotton",
    "toastkit",
    "tasks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "toastkit.middleware.ToastMiddleware",
]

MESSAGE_STORAGE = "toastkit.storage.ToastStorage"
MESSAGE_TAGS = {
    message_constants.DEBUG: "is-debug",
    message_constants.INFO: "is-info",
    message_constants.SUCCESS: "is-success",
    message_constants.WARNING: "is-warning",
    message_constants.ERROR: "is-error",
}

ROOT_URLCONF = "demo.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
STATIC_URL = "/static/"

# A strict Content-Security-Policy: toastkit needs no inline script or style.
if django.VERSION >= (6, 0):
    from django.utils.csp import CSP

    MIDDLEWARE.append("django.middleware.csp.ContentSecurityPolicyMiddleware")
    TEMPLATES[0]["OPTIONS"]["context_processors"].append(  # type: ignore[index]
        "django.template.context_processors.csp"
    )
    SECURE_CSP = {
        "default-src": [CSP.SELF],
        "script-src": [CSP.SELF, CSP.NONCE],
        "style-src": [CSP.SELF],
        "img-src": [CSP.SELF, "data:"],
    }
