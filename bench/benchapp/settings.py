"""Settings of the bench project; ``TOASTKIT_BENCH_VARIANT`` selects the variant.

Sessions live in the local-memory cache and there is no database, so no I/O
is measured. ``DEBUG`` is off, so templates come from the cached loader.
"""

from __future__ import annotations

import os

VARIANTS = ("none", "stock", "toastkit")
VARIANT = os.environ.get("TOASTKIT_BENCH_VARIANT", "toastkit")
if VARIANT not in VARIANTS:
    raise RuntimeError(
        f"TOASTKIT_BENCH_VARIANT must be one of {VARIANTS}, not {VARIANT!r}"
    )

SECRET_KEY = "bench-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "benchapp.urls"
WSGI_APPLICATION = "benchapp.wsgi.application"
USE_TZ = True
STATIC_URL = "/static/"
DATABASES: dict[str, dict[str, str]] = {}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.cache"

INSTALLED_APPS = ["django.contrib.staticfiles", "django_htmx", "benchapp"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]
CONTEXT_PROCESSORS = ["django.template.context_processors.request"]

if VARIANT == "stock":
    INSTALLED_APPS.insert(0, "django.contrib.messages")
    MIDDLEWARE.append("django.contrib.messages.middleware.MessageMiddleware")
    MESSAGE_STORAGE = "django.contrib.messages.storage.fallback.FallbackStorage"
    CONTEXT_PROCESSORS.append("django.contrib.messages.context_processors.messages")
elif VARIANT == "toastkit":
    # django_cotton is part of toastkit's cost: it wraps the template loaders.
    INSTALLED_APPS[:0] = ["django.contrib.messages", "django_cotton", "toastkit"]
    MIDDLEWARE.append("toastkit.middleware.ToastMiddleware")
    MESSAGE_STORAGE = "toastkit.storage.ToastStorage"
    CONTEXT_PROCESSORS.append("django.contrib.messages.context_processors.messages")
    if "TOASTKIT_BENCH_HEADER_BUDGET" in os.environ:
        TOASTKIT_HEADER_BUDGET = int(os.environ["TOASTKIT_BENCH_HEADER_BUDGET"])

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": CONTEXT_PROCESSORS},
    }
]
