"""Settings of the bench project; ``TOASTKIT_BENCH_VARIANT`` picks the variant.

Every variant shares the same views, templates and base middleware; only the
messages machinery differs. Sessions live in the local-memory cache and there
is no database, so no I/O is measured (except by bench/inbox.py, whose users
need one: ``TOASTKIT_BENCH_INBOX``). ``DEBUG`` is off: templates are cached.
"""

from __future__ import annotations

import os

STOCK = "django.contrib.messages.middleware.MessageMiddleware"
FALLBACK = "django.contrib.messages.storage.fallback.FallbackStorage"
#: variant: (messages middleware, MESSAGE_STORAGE); bench/README.md says why.
VARIANTS = {
    "none": ([], None),  # the views' add_message(..., fail_silently=True) does nothing
    "stock": ([STOCK], FALLBACK),
    "peer": ([STOCK, "benchapp.variants.PeerMiddleware"], FALLBACK),
    "floor": (["benchapp.variants.FloorMiddleware"], "benchapp.variants.FloorStorage"),
    "toastkit": (
        ["toastkit.middleware.ToastMiddleware"],
        "toastkit.storage.ToastStorage",
    ),
}
VARIANT = os.environ.get("TOASTKIT_BENCH_VARIANT", "toastkit")
#: A past release ("toastkit-0.3.0", bench/server.py): toastkit's settings,
#: the release's code first on the worker's PYTHONPATH.
KIND = "toastkit" if VARIANT.startswith("toastkit-") else VARIANT
TOASTKIT = KIND == "toastkit"
MESSAGES_MIDDLEWARE, MESSAGE_STORAGE = VARIANTS[KIND]
# The full page: no messages, {% toasts %}, or a loop writing the same markup.
PAGE_TEMPLATE = {"none": "bench/base.html", "toastkit": "bench/page_toastkit.html"}.get(
    KIND, "bench/page_loop.html"
)

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
if TOASTKIT:
    # django-cotton is part of toastkit's cost: it wraps the template loaders.
    INSTALLED_APPS[:0] = ["django_cotton", "toastkit"]
    if "TOASTKIT_BENCH_HEADER_BUDGET" in os.environ:  # the browser's burst
        TOASTKIT_HEADER_BUDGET = int(os.environ["TOASTKIT_BENCH_HEADER_BUDGET"])

# bench/inbox.py: the toastkit variant with a logged-in user and toastkit.inbox
# or not ("without", "query": no flag cache, "flag": flags in a shared cache).
# Users need a database: SQLite, in the worker's temporary directory.
INBOX = os.environ.get("TOASTKIT_BENCH_INBOX", "")
if INBOX and VARIANT == "toastkit":
    _scratch = os.environ["TOASTKIT_BENCH_SCRATCH"]
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.path.join(_scratch, "db.sqlite3"),
            "CONN_MAX_AGE": None,  # one connection per worker, as in production
        }
    }
    INSTALLED_APPS[:0] = ["django.contrib.auth", "django.contrib.contenttypes"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("toastkit.middleware.ToastMiddleware"),
        "django.contrib.auth.middleware.AuthenticationMiddleware",
    )
    if INBOX != "without":
        INSTALLED_APPS.append("toastkit.inbox")
    # A cache shared between processes that needs no server (Redis would).
    CACHES["flags"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.path.join(_scratch, "flags"),
    }
    TOASTKIT_INBOX_CACHE = "flags" if INBOX == "flag" else None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": CONTEXT_PROCESSORS},
    }
]
