"""Settings of the bench project; ``TOASTKIT_BENCH_VARIANT`` picks the variant.

Every variant shares the same views, templates and base middleware; only the
messages machinery differs. Sessions live in the local-memory cache and there
is no database, so no I/O is measured. ``DEBUG`` is off: templates are cached.
"""

from __future__ import annotations

import os

MESSAGES = "django.contrib.messages."
#: variant: (messages middleware, MESSAGE_STORAGE, full-page template)
VARIANTS = {
    # Django itself: no messages framework; the views' add_message() does nothing.
    "none": ([], None, "bench/base.html"),
    # Django's defaults; the page loops over the messages.
    "stock": (
        [MESSAGES + "middleware.MessageMiddleware"],
        MESSAGES + "storage.fallback.FallbackStorage",
        "bench/page_loop.html",
    ),
    # The usual recipe: stock, plus a middleware moving messages to HX-Trigger.
    "peer": (
        [MESSAGES + "middleware.MessageMiddleware", "benchapp.variants.PeerMiddleware"],
        MESSAGES + "storage.fallback.FallbackStorage",
        "bench/page_loop.html",
    ),
    # The least such a package can do: one json.dumps, nothing stored.
    "floor": (
        ["benchapp.variants.FloorMiddleware"],
        "benchapp.variants.FloorStorage",
        "bench/page_loop.html",
    ),
    "toastkit": (
        ["toastkit.middleware.ToastMiddleware"],
        "toastkit.storage.ToastStorage",
        "bench/page_toastkit.html",
    ),
}
VARIANT = os.environ.get("TOASTKIT_BENCH_VARIANT", "toastkit")
if VARIANT not in VARIANTS:
    raise RuntimeError(f"TOASTKIT_BENCH_VARIANT must be one of {list(VARIANTS)}")
MESSAGES_MIDDLEWARE, MESSAGE_STORAGE, PAGE_TEMPLATE = VARIANTS[VARIANT]

SECRET_KEY = "bench-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "benchapp.urls"
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
    *MESSAGES_MIDDLEWARE,
]
CONTEXT_PROCESSORS = ["django.template.context_processors.request"]
if MESSAGE_STORAGE:
    INSTALLED_APPS.insert(0, "django.contrib.messages")
    CONTEXT_PROCESSORS.append("django.contrib.messages.context_processors.messages")
if VARIANT == "toastkit":
    # django-cotton is part of toastkit's cost: it wraps the template loaders.
    INSTALLED_APPS[:0] = ["django_cotton", "toastkit"]
    if "TOASTKIT_BENCH_HEADER_BUDGET" in os.environ:  # the browser's burst
        TOASTKIT_HEADER_BUDGET = int(os.environ["TOASTKIT_BENCH_HEADER_BUDGET"])

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": CONTEXT_PROCESSORS},
    }
]
