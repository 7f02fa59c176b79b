"""``toastkit.success(request, ..., title=..., duration=..., sticky=...)``."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.messages import constants
from django.contrib.messages.api import MessageFailure
from django.http import HttpRequest
from django.test import RequestFactory, override_settings

import toastkit
from tests.conftest import messages_request, storage_of, toasts_of

COOKIE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"

#: Adds a message at INFO: ``add_toast`` and a shortcut, called alike.
Adder = Callable[..., None]


def add_info(request: HttpRequest, message: str, *args: Any, **kwargs: Any) -> None:
    toastkit.add_toast(request, constants.INFO, message, *args, **kwargs)


ADDERS = pytest.mark.parametrize(
    "add", [add_info, toastkit.info], ids=["add_toast", "shortcut"]
)


@pytest.mark.parametrize(
    ("shortcut", "level"),
    [
        (toastkit.debug, constants.DEBUG),
        (toastkit.info, constants.INFO),
        (toastkit.success, constants.SUCCESS),
        (toastkit.warning, constants.WARNING),
        (toastkit.error, constants.ERROR),
    ],
)
def test_shortcuts_add_at_their_level(shortcut: Adder, level: int) -> None:
    request = messages_request()
    storage_of(request).level = constants.DEBUG
    shortcut(request, "hello", "extra")
    (toast,) = storage_of(request)
    assert (toast.level, toast.message, toast.extra_tags) == (level, "hello", "extra")


@pytest.mark.parametrize(
    ("shortcut", "name"),
    [
        (toastkit.debug, "debug"),
        (toastkit.info, "info"),
        (toastkit.success, "success"),
        (toastkit.warning, "warning"),
        (toastkit.error, "error"),
    ],
)
def test_shortcuts_carry_their_name_and_level_in_help(
    shortcut: Adder, name: str
) -> None:
    # What help(), tracebacks and documentation tools show.
    assert shortcut.__name__ == name
    assert shortcut.__doc__ == (
        f"Add a message at the ``{name.upper()}`` level, with options."
    )


@ADDERS
def test_a_toast_without_extra_tags_has_only_its_level_tag(add: Adder) -> None:
    request = messages_request()
    add(request, "plain")
    (toast,) = storage_of(request)
    assert toast.tags == "info"


@ADDERS
def test_options_are_kept_on_the_toast(add: Adder) -> None:
    request = messages_request()
    add(request, "hi", title="T", duration=0, sticky=False)
    (toast,) = toasts_of(storage_of(request))
    assert toast.options == {"title": "T", "duration": 0, "sticky": False}


def test_a_plain_message_has_no_options() -> None:
    request = messages_request()
    toastkit.info(request, "hi")
    (toast,) = toasts_of(storage_of(request))
    assert toast.options == {}


@pytest.mark.parametrize(
    ("options", "error", "text"),
    [
        (
            {"duration": "5s"},
            TypeError,
            "Toast option 'duration' must be int, not str.",
        ),
        (
            {"duration": True},
            TypeError,
            "Toast option 'duration' must be int, not bool.",
        ),
        ({"sticky": 1}, TypeError, "Toast option 'sticky' must be bool, not int."),
        ({"title": 3}, TypeError, "Toast option 'title' must be str, not int."),
        (
            {"colour": "red"},
            TypeError,
            "Unknown toast option 'colour'; "
            "expected one of ['actions', 'duration', 'key', 'sticky', 'title'].",
        ),
        (
            {"duration": -1},
            ValueError,
            "Toast option 'duration' must be 0 or more milliseconds.",
        ),
    ],
)
def test_wrong_options_raise_a_clear_error(
    options: dict[str, Any], error: type[Exception], text: str
) -> None:
    request = messages_request()
    with pytest.raises(error, match=f"^{re.escape(text)}$"):
        toastkit.info(request, "hi", **options)
    assert list(storage_of(request)) == []


@override_settings(MESSAGE_STORAGE=COOKIE_STORAGE)
def test_options_with_another_storage_are_dropped_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    request = messages_request()
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        toastkit.success(request, "kept", title="lost")
    assert [m.message for m in storage_of(request)] == ["kept"]
    assert caplog.messages == [
        "toastkit: MESSAGE_STORAGE is not toastkit.storage.ToastStorage, so the "
        "toast options ['title'] are dropped; the message itself is kept."
    ]


@override_settings(MESSAGE_STORAGE=COOKIE_STORAGE)
def test_a_toast_without_options_on_another_storage_logs_nothing(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.DEBUG, logger="toastkit"):
        toastkit.success(messages_request(), "plain")
    assert caplog.messages == []


@override_settings(MESSAGE_STORAGE=COOKIE_STORAGE)
def test_extra_tags_are_kept_with_another_storage() -> None:
    request = messages_request()
    toastkit.success(request, "kept", "big")
    assert [m.tags for m in storage_of(request)] == ["big success"]


@ADDERS
def test_without_messages_middleware_it_fails_like_django(add: Adder) -> None:
    with pytest.raises(MessageFailure):
        add(RequestFactory().get("/"), "nowhere")


@ADDERS
def test_without_messages_middleware_fail_silently_is_silent(add: Adder) -> None:
    add(RequestFactory().get("/"), "nowhere", fail_silently=True)
