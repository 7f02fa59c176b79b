"""Settings of the live-delivery bench's servers (bench/live.py).

The bench project's toastkit page (``benchapp``'s ``{% toasts %}`` page) for
logged-in users, with ``toastkit.inbox`` and its stream at ``/toastkit/live/``.
Every process of a run (the servers, ``manage.py notify``, the bench itself)
shares one database, given by bench/live.py as JSON in
``TOASTKIT_BENCH_LIVE_DB``: a SQLite file in WAL mode, or a PostgreSQL
database. Sessions are in the database, as the stream re-checks them; there
is no flag cache (no cache is shared between processes), so the ``poll``
doorbell makes one query per tick. The live settings are toastkit's defaults
(0.5 s tick, 20 s ping), except the cap on one user's streams per process,
raised for the chaos row's 8 streams of one user.
"""

from __future__ import annotations

import json
import os

SECRET_KEY = "bench-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "live_urls"
USE_TZ = True
STATIC_URL = "/static/"
DATABASES = {"default": json.loads(os.environ["TOASTKIT_BENCH_LIVE_DB"])}
# Django's default, 0: each job of the live pool connects afresh. A run with
# TOASTKIT_BENCH_CONN_MAX_AGE=60 measures persistent pool connections, as
# production PostgreSQL settings usually have (toastkit/inbox/live/pool.py).
DATABASES["default"]["CONN_MAX_AGE"] = int(
    os.environ.get("TOASTKIT_BENCH_CONN_MAX_AGE", "0")
)
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
PAGE_TEMPLATE = "bench/page_toastkit.html"  # benchapp.views.page

INSTALLED_APPS = [
    "django_cotton",
    "toastkit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "benchapp",
    "toastkit.inbox",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "toastkit.middleware.ToastMiddleware",
]
MESSAGE_STORAGE = "toastkit.storage.ToastStorage"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "toastkit": {"handlers": ["console"], "level": "WARNING"},
        # runserver's line per request: only its errors.
        "django.server": {
            "handlers": ["console"],
            "level": "WARNING",
            "propagate": False,
        },
    },
}

TOASTKIT_LIVE_DOORBELL = os.environ.get("TOASTKIT_LIVE_DOORBELL", "poll")
if "TOASTKIT_TEST_REDIS" in os.environ:
    TOASTKIT_LIVE_REDIS_URL = os.environ["TOASTKIT_TEST_REDIS"]
TOASTKIT_LIVE_STREAMS_PER_USER = 10
