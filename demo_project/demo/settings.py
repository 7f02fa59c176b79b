"""Settings of the toastkit demo: a small task app on SQLite, with two demo users."""

from __future__ import annotations

import os
from pathlib import Path

import django
from django.contrib.messages import constants as message_constants

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "demo-only-not-secret"
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_cotton",
    "toastkit",
    # Toasts addressed to a user from any code (the export job, the admin);
    # after toastkit and after the admin, whose user admin it adds an action to.
    "toastkit.inbox",
    "demo",
    "tasks",
    "playground",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Before ToastMiddleware: the inbox delivers to request.user.
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "toastkit.middleware.ToastMiddleware",
]

MESSAGE_STORAGE = "toastkit.storage.ToastStorage"
# The playground shows every level, so debug messages are kept too.
MESSAGE_LEVEL = message_constants.DEBUG
# Django's own setting: each level's CSS class is one of the demo's (demo.css).
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
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "demo.preferences.preferences",
            ],
        },
    }
]

# DEMO_DB_PATH lets the smoke tests and the screenshot script use a scratch database.
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("DEMO_DB_PATH", BASE_DIR / "db.sqlite3"),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "UTC"
STATIC_URL = "/static/"

# The demo accounts (demo/accounts.py) log in here; the tasks work logged out.
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "task-list"
LOGOUT_REDIRECT_URL = "task-list"

# toastkit's settings (see the README); the playground switches the position per visitor.
TOASTKIT_POSITION = "bottom-end"
TOASTKIT_NETWORK_ERROR_MESSAGE = "The server could not be reached. Try again."
# No shared cache here (Redis, Memcached), so no "pending" flags: each response
# that shows messages to a logged-in user makes one indexed query for its inbox.
TOASTKIT_INBOX_CACHE = None

# Seconds the export job (tasks/jobs.py) pretends to work; the tests use 0.5.
DEMO_EXPORT_DELAY = float(os.environ.get("DEMO_EXPORT_DELAY", "4"))

# A strict Content-Security-Policy: toastkit needs no inline script or style.
# {% toasts %} gives toastkit.js's nonce to the live script too (toastkit-live.js).
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
        # The live stream (an EventSource on /toastkit/live/); default-src
        # would allow it too, but a policy that tightens default-src keeps it.
        "connect-src": [CSP.SELF],
    }
else:  # Django 5.2 has no CSP of its own: the same policy, with no nonce.
    MIDDLEWARE.append("demo.csp.ContentSecurityPolicyMiddleware")
