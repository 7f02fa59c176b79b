"""``toastkit.success(request, ..., title=..., duration=..., sticky=...)``."""

from __future__ import annotations

import logging

import pytest
from django.contrib.messages import constants
from django.contrib.messages.api import MessageFailure
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import RequestFactory

import toastkit
from toastkit.storage import ToastStorage


@pytest.fixture
def request_with_storage(rf: RequestFactory):  # type: ignore[no-untyped-def]
    request = rf.get("/")
    request.session = {}
    request._messages = ToastStorage(request)
    return request


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
def test_shortcuts_add_at_their_level(request_with_storage, shortcut, level) -> None:  # type: ignore[no-untyped-def]
    request_with_storage._messages.level = constants.DEBUG
    shortcut(request_with_storage, "hello", "extra")
    (toast,) = list(request_with_storage._messages)
    assert (toast.level, toast.message, toast.extra_tags) == (level, "hello", "extra")


def test_options_are_kept_on_the_toast(request_with_storage) -> None:  # type: ignore[no-untyped-def]
    toastkit.info(request_with_storage, "hi", title="T", duration=0, sticky=False)
    (toast,) = list(request_with_storage._messages)
    assert toast.options == {"title": "T", "duration": 0, "sticky": False}


def test_a_plain_message_has_no_options(request_with_storage) -> None:  # type: ignore[no-untyped-def]
    toastkit.info(request_with_storage, "hi")
    (toast,) = list(request_with_storage._messages)
    assert toast.options == {}


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"duration": "5s"}, TypeError),
        ({"duration": True}, TypeError),
        ({"sticky": 1}, TypeError),
        ({"title": 3}, TypeError),
        ({"colour": "red"}, TypeError),
        ({"duration": -1}, ValueError),
    ],
)
def test_wrong_options_raise_a_clear_error(
    request_with_storage, options, error
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error, match="option"):
        toastkit.info(request_with_storage, "hi", **options)
    assert list(request_with_storage._messages) == []


def test_options_with_another_storage_are_dropped_with_a_warning_and_the_message_kept(
    rf: RequestFactory, caplog: pytest.LogCaptureFixture
) -> None:
    request = rf.get("/")
    request._messages = CookieStorage(request)
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        toastkit.success(request, "kept", title="lost")
    assert [m.message for m in request._messages] == ["kept"]
    assert "options ['title'] are dropped" in caplog.text


def test_without_messages_middleware_it_fails_like_django(rf: RequestFactory) -> None:
    with pytest.raises(MessageFailure):
        toastkit.info(rf.get("/"), "nowhere")
    toastkit.info(rf.get("/"), "nowhere", fail_silently=True)
