"""What ``ToastStorage`` adds to Django's storage: ids, options, robustness."""

from __future__ import annotations

import json
import logging

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core import signing
from django.http import HttpResponse

from tests.conftest import Visitor, noise
from toastkit.storage import ToastSessionStorage, ToastStorage
from toastkit.toast import Toast


def round_trip(visitor: Visitor, *, count: int = 1, size: int = 10) -> list[Toast]:
    """Store ``count`` messages of ``size`` characters; return what comes back."""
    storage = ToastStorage(visitor.request())
    for i in range(count):
        storage.add(constants.INFO, f"{i:04d}" + noise(i, size), options={"title": "T"})
    sent = [m.id for m in storage._queued_messages]
    response = HttpResponse()
    storage.update(response)
    visitor.keep(response)
    received = list(ToastStorage(visitor.request()))
    assert [m.id for m in received] == sent
    return received  # type: ignore[return-value]


def test_ids_survive_the_cookie_round_trip(visitor: Visitor) -> None:
    (toast,) = round_trip(visitor)
    assert visitor.session == {}  # it all fitted in the cookie
    assert len(toast.id) == 12


def test_ids_and_options_survive_the_session_round_trip(visitor: Visitor) -> None:
    toasts = round_trip(visitor, count=20, size=300)
    assert "_messages" in visitor.session
    assert all(t.options == {"title": "T"} for t in toasts)


def test_messages_overflowing_the_cookie_keep_their_order(visitor: Visitor) -> None:
    toasts = round_trip(visitor, count=40, size=100)
    assert [t.message[:4] for t in toasts] == [f"{i:04d}" for i in range(40)]


def test_each_message_gets_a_different_id(visitor: Visitor) -> None:
    toasts = round_trip(visitor, count=50, size=1)
    assert len({t.id for t in toasts}) == 50


def test_a_cookie_written_by_djangos_storage_is_read_after_switching(
    visitor: Visitor,
) -> None:
    django_storage = CookieStorage(visitor.request())
    django_storage.add(constants.WARNING, "from before the upgrade", extra_tags="old")
    response = HttpResponse()
    django_storage.update(response)
    visitor.keep(response)

    (toast,) = list(ToastStorage(visitor.request()))
    assert (toast.level, toast.message, toast.extra_tags) == (
        constants.WARNING,
        "from before the upgrade",
        "old",
    )
    assert toast.id


@pytest.mark.parametrize(
    "cookie",
    [
        "garbage",
        "eyJhIjoxfQ:1abc:tampered",
        signing.get_cookie_signer(salt="django.contrib.messages").sign_object(
            {"not": "a list"}
        ),
        signing.get_cookie_signer(salt="django.contrib.messages").sign_object(
            [["__tk", 0, "twenty", "x", None, "id"]]
        ),
        signing.get_cookie_signer(salt="django.contrib.messages").sign_object(
            [["__tk", 0, 20, "x", None, "id", {"duration": "soon"}]]
        ),
        signing.get_cookie_signer(salt="other-app").sign_object([]),
    ],
    ids=["garbage", "tampered", "not-a-list", "bad-level", "bad-option", "foreign"],
)
def test_unreadable_cookie_reads_as_no_messages_with_a_warning(
    visitor: Visitor, cookie: str, caplog: pytest.LogCaptureFixture
) -> None:
    visitor.cookies["messages"] = cookie
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        storage = ToastStorage(visitor.request())
        assert list(storage) == []
    assert "unreadable 'messages' cookie" in caplog.text


def test_unreadable_cookie_does_not_lose_this_requests_messages(
    visitor: Visitor,
) -> None:
    visitor.cookies["messages"] = "garbage"
    storage = ToastStorage(visitor.request())
    storage.add(constants.INFO, "still here")
    response = HttpResponse()
    storage.update(response)
    visitor.keep(response)
    assert [m.message for m in ToastStorage(visitor.request())] == ["still here"]


def test_truncated_cookie_reads_as_no_messages(visitor: Visitor) -> None:
    round_trip(visitor)
    visitor.cookies["messages"] = visitor.cookies["messages"][:-7]
    assert list(ToastStorage(visitor.request())) == []


@pytest.mark.parametrize(
    "garbage", ["{not json", json.dumps({"a": 1}), 42, json.dumps([["__tk"]])]
)
def test_garbage_in_the_session_is_skipped_with_a_warning(
    visitor: Visitor, garbage: object, caplog: pytest.LogCaptureFixture
) -> None:
    round_trip(visitor, count=20, size=300)  # a cookie that points to the session
    visitor.session["_messages"] = garbage
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        from_cookie_only = list(ToastStorage(visitor.request()))
    assert 0 < len(from_cookie_only) < 20
    assert "unreadable messages in the session" in caplog.text
    assert "_messages" not in visitor.session


def test_without_a_session_messages_live_in_the_cookie_alone(visitor: Visitor) -> None:
    request = visitor.factory.get("/")
    storage = ToastStorage(request)
    storage.add(constants.INFO, "cookie only")
    response = HttpResponse()
    storage.update(response)
    visitor.keep(response)
    following = visitor.factory.get("/")
    following.COOKIES.update(visitor.cookies)
    assert [m.message for m in ToastStorage(following)] == ["cookie only"]


def test_toast_repr_shows_id_and_options() -> None:
    toast = Toast(constants.INFO, "hi", "x", id="abc", options={"sticky": True})
    assert repr(toast) == (
        "Toast(level=20, message='hi', extra_tags='x', id='abc', "
        "options={'sticky': True})"
    )


def test_toasts_equal_django_messages_with_the_same_level_and_text() -> None:
    assert Toast(constants.INFO, "same") == Message(constants.INFO, "same")


def test_cookie_only_storage_drops_the_oldest_like_djangos_cookie_storage(
    visitor: Visitor,
) -> None:
    request = visitor.factory.get("/")  # no session
    storage = ToastStorage(request)
    sent = [f"{i:02d}" + noise(i, 300) for i in range(20)]
    for text in sent:
        storage.add(constants.INFO, text)
    response = HttpResponse()
    storage.update(response)
    visitor.keep(response)
    following = visitor.factory.get("/")
    following.COOKIES.update(visitor.cookies)
    received = [m.message for m in ToastStorage(following)]
    assert 0 < len(received) < len(sent)
    assert received == sent[-len(received) :]


def test_toast_options_are_validated_wherever_a_toast_is_made() -> None:
    with pytest.raises(TypeError, match="Unknown toast option 'safe'"):
        Toast(constants.INFO, "<img src=x onerror=alert(1)>", options={"safe": True})  # type: ignore[typeddict-unknown-key]


def test_a_stored_toast_with_an_unknown_option_is_kept_without_it(
    visitor: Visitor, caplog: pytest.LogCaptureFixture
) -> None:
    signer = signing.get_cookie_signer(salt="django.contrib.messages")
    visitor.cookies["messages"] = signer.sign_object(
        [
            [
                "__tk",
                0,
                20,
                "from a newer version",
                None,
                "abc",
                {"icon": "x", "title": "T"},
            ]
        ]
    )
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        (toast,) = list(ToastStorage(visitor.request()))
    assert (toast.message, toast.id, toast.options) == (
        "from a newer version",
        "abc",
        {"title": "T"},
    )
    assert "unknown toast options ['icon']" in caplog.text


# Django's own tests write plain strings straight into a storage's internals.
# toastkit stores and shows Messages only: anything else is dropped with a
# warning, and the real messages beside it are kept.


def test_items_that_are_not_messages_are_not_stored_and_the_messages_are(
    visitor: Visitor, caplog: pytest.LogCaptureFixture
) -> None:
    storage = ToastStorage(visitor.request())
    storage._loaded_data = ["test", "me"]  # type: ignore[attr-defined]
    storage.add(constants.INFO, "real")
    response = HttpResponse()
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        storage.update(response)
    visitor.keep(response)
    assert [m.message for m in ToastStorage(visitor.request())] == ["real"]
    assert "2 stored item(s) that are not messages" in caplog.text


def test_the_session_serializer_drops_items_that_are_not_messages(
    visitor: Visitor, caplog: pytest.LogCaptureFixture
) -> None:
    storage = ToastSessionStorage(visitor.request())
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        data = storage.serialize_messages(["test", Message(constants.INFO, "real")])
    assert [m.message for m in storage.deserialize_messages(data) or []] == ["real"]
    assert "1 stored item(s) that are not messages" in caplog.text
