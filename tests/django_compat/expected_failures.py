"""Django tests that fail with toastkit in place of django.contrib.messages.

Each entry: the test id, and why it fails. The django_compat session fails on
a failing test that is not here, and on a test here that passes (see
compat_runner.py). Checked against Django 5.2 and 6.1.
"""

from __future__ import annotations

MIDDLEWARE_REMOVED_BY_PATH = (
    "The test removes 'django.contrib.messages.middleware.MessageMiddleware' by "
    "its exact path and expects messages.add_message() to raise MessageFailure; "
    "ToastMiddleware (in its place here) stays, so the message is stored. An "
    "artifact of the swap, not a difference a project sees."
)
PLAIN_STRINGS_IN_STORAGE = (
    "The test writes plain strings, not Messages, straight into the storage's "
    "cookie or session and expects to read them back, or to write them. "
    "toastkit's storages hold Messages only (the messages API puts nothing "
    "else there): its serializer writes ids and options, which a string lacks. "
    "Only Django's own tests put strings there."
)
PRIVATE_COOKIE_DECODER = (
    "The test reads the cookie with CookieStorage._decode(), a private method "
    "ToastCookieStorage inherits but does not use: toastkit writes its own JSON "
    "(ids, options), which Django's decoder returns as plain lists. Reading "
    "through the storage itself returns the messages."
)

EXPECTED_FAILURES: dict[str, str] = {
    # Django's storages, with ToastMiddleware in place of MessageMiddleware.
    "messages_tests.test_cookie.CookieTests.test_middleware_disabled": MIDDLEWARE_REMOVED_BY_PATH,
    "messages_tests.test_fallback.FallbackTests.test_middleware_disabled": MIDDLEWARE_REMOVED_BY_PATH,
    "messages_tests.test_session.SessionTests.test_middleware_disabled": MIDDLEWARE_REMOVED_BY_PATH,
    # Django's storage test cases run on toastkit's storages (toastkit_storages.py).
    "toastkit_storages.ToastStorageTests.test_middleware_disabled": MIDDLEWARE_REMOVED_BY_PATH,
    "toastkit_storages.ToastCookieStorageTests.test_middleware_disabled": MIDDLEWARE_REMOVED_BY_PATH,
    "toastkit_storages.ToastSessionStorageTests.test_middleware_disabled": MIDDLEWARE_REMOVED_BY_PATH,
    "toastkit_storages.ToastStorageTests.test_get": PLAIN_STRINGS_IN_STORAGE,
    "toastkit_storages.ToastStorageTests.test_get_fallback": PLAIN_STRINGS_IN_STORAGE,
    "toastkit_storages.ToastStorageTests.test_get_fallback_only": PLAIN_STRINGS_IN_STORAGE,
    "toastkit_storages.ToastCookieStorageTests.test_get": PLAIN_STRINGS_IN_STORAGE,
    "toastkit_storages.ToastSessionStorageTests.test_get": PLAIN_STRINGS_IN_STORAGE,
    "toastkit_storages.ToastStorageTests.test_flush_used_backends": PLAIN_STRINGS_IN_STORAGE,
    "toastkit_storages.ToastCookieStorageTests.test_cookie_settings": PRIVATE_COOKIE_DECODER,
}
