"""Django's storage test cases, run on toastkit's storages.

messages_tests runs each storage's behaviour suite by subclassing one test
case per ``storage_class``, and sets MESSAGE_STORAGE to that class itself, so
swapping the setting alone would not reach these tests. These subclasses give
toastkit's storages the same suite. (Modules, not classes, are imported, so
that Django's own cases are not collected here a second time.)
"""

from __future__ import annotations

from messages_tests import test_cookie, test_fallback, test_session

from toastkit.storage import ToastCookieStorage, ToastSessionStorage, ToastStorage


class ToastStorageTests(test_fallback.FallbackTests):
    storage_class = ToastStorage


class ToastCookieStorageTests(test_cookie.CookieTests):
    storage_class = ToastCookieStorage


class ToastSessionStorageTests(test_session.SessionTests):
    storage_class = ToastSessionStorage
