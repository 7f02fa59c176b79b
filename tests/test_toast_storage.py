"""What ``ToastStorage`` adds to Django's storage: ids, options, robustness."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from django.contrib import messages
from django.contrib.messages import constants
from django.contrib.messages.storage.base import BaseStorage
from django.contrib.messages.storage.cookie import CookieStorage
from django.core import signing
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.test import Client, override_settings

from tests.conftest import Visitor, noise, respond, toasts_of
from tests.helpers import SIGNER, cookie_of
from toastkit import storage as storage_module
from toastkit.internals import unread_messages
from toastkit.serialization import dumps_message
from toastkit.storage import (
    ToastCookieOnlyStorage,
    ToastStorage,
    forget_warned_cookies,
)
from toastkit.toast import Toast, message_payload


@pytest.fixture(autouse=True)
def _warn_of_every_unreadable_cookie() -> None:
    """Each test sees its unreadable cookies for the first time (they warn once)."""
    forget_warned_cookies()


def round_trip(visitor: Visitor, *, count: int = 1, size: int = 10) -> list[Toast]:
    """Store ``count`` messages of ``size`` characters; return what comes back."""
    storage = ToastStorage(visitor.request())
    for i in range(count):
        storage.add(constants.INFO, f"{i:04d}" + noise(i, size), options={"title": "T"})
    sent = [t.id for t in toasts_of(unread_messages(storage))]
    response = HttpResponse()
    storage.update(response)
    visitor.keep(response)
    received = toasts_of(ToastStorage(visitor.request()))
    assert [t.id for t in received] == sent
    return received


def test_a_toast_is_stored_as_compact_json_in_the_documented_order() -> None:
    # ["__tk", safe, level, message, extra_tags, id, options?]: the cookie
    # holds as many messages as it can.
    toast = Toast(constants.INFO, "hi", "x", id="abc", options={"sticky": True})
    assert dumps_message(toast) == '["__tk",0,20,"hi","x","abc",{"sticky":true}]'


def test_ids_survive_the_cookie_round_trip(visitor: Visitor) -> None:
    (toast,) = round_trip(visitor)
    assert "_messages" not in visitor.session  # it all fitted in the cookie
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


def test_messages_that_all_fit_in_the_cookie_are_read_without_the_session(
    visitor: Visitor,
) -> None:
    # The session is not loaded (a query with database sessions) and the
    # response does not get "Vary: Cookie" for it.
    round_trip(visitor, count=3)
    assert visitor.session.accessed is False


# Django's cookie stores extra_tags "" as "", and leaves None out.
@pytest.mark.parametrize("extra_tags", ["old", "", None])
def test_a_cookie_written_by_djangos_storage_is_read_after_switching(
    visitor: Visitor, extra_tags: str | None
) -> None:
    django_storage = CookieStorage(visitor.request())
    django_storage.add(
        constants.WARNING, "from before the upgrade", extra_tags=extra_tags
    )
    response = HttpResponse()
    django_storage.update(response)
    visitor.keep(response)

    (toast,) = toasts_of(ToastStorage(visitor.request()))
    assert (toast.level, toast.message, toast.extra_tags) == (
        constants.WARNING,
        "from before the upgrade",
        extra_tags,
    )
    assert toast.id


class Raw(signing.JSONSerializer):
    """Signs a cookie's bytes as they are (``sign_object``'s serializer)."""

    def dumps(self, obj: Any) -> bytes:
        assert isinstance(obj, bytes)
        return obj


FOREIGN = signing.get_cookie_signer(salt="other-app").sign_object([])


@pytest.mark.parametrize(
    ("cookie", "reason"),
    [
        ("garbage", 'No ":" found in value'),
        ("eyJhIjoxfQ:1abc:tampered", 'Signature "tampered" does not match'),
        (FOREIGN, f'Signature "{FOREIGN.rsplit(":", 1)[1]}" does not match'),
        (
            SIGNER.sign_object(b"{not json", serializer=Raw),
            "not JSON: Expecting property name enclosed in double quotes: "
            "line 1 column 2 (char 1)",
        ),
        (SIGNER.sign_object({"not": "a list"}), "stored messages must be a list"),
        (cookie_of(["__tk", 0, 20]), "not a stored message: ['__tk', 0, 20]"),
        (cookie_of(["__x", 0, 20, "x"]), "unknown message marker '__x'"),
        (
            cookie_of(["__tk", 0, "twenty", "x", None, "id"]),
            "bad message fields: ['__tk', 0, 'twenty', 'x', None, 'id']",
        ),
        (
            cookie_of(["__tk", 0, 20, 5, None, "id"]),
            "bad message fields: ['__tk', 0, 20, 5, None, 'id']",
        ),
        (
            cookie_of(["__tk", 2, 20, "x", None, "id"]),
            "bad message fields: ['__tk', 2, 20, 'x', None, 'id']",
        ),
        (cookie_of(["__tk", 0, 20, "x", 5, "id"]), "extra_tags must be a string"),
        (cookie_of(["__tk", 0, 20, "x", None]), "bad toast id or options"),
        (cookie_of(["__tk", 0, 20, "x", None, ""]), "bad toast id or options"),
        (
            cookie_of(["__tk", 0, 20, "x", None, "id", ["title"]]),
            "bad toast id or options",
        ),
    ],
    ids=[
        "garbage",
        "tampered",
        "foreign",
        "not-json",
        "not-a-list",
        "too-short",
        "unknown-marker",
        "bad-level",
        "bad-text",
        "bad-safe",
        "bad-extra-tags",
        "no-id",
        "empty-id",
        "options-not-a-dict",
    ],
)
def test_unreadable_cookie_reads_as_no_messages_with_a_warning_saying_why(
    visitor: Visitor, cookie: str, reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    visitor.cookies["messages"] = cookie
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        storage = ToastStorage(visitor.request())
        assert list(storage) == []
    assert caplog.messages == [
        f"toastkit: ignoring an unreadable 'messages' cookie ({reason})."
    ]


def test_an_unreadable_cookie_is_deleted_by_the_page_that_read_it() -> None:
    client = Client()
    client.cookies["messages"] = "garbage"
    response = client.get("/page/")
    assert response.cookies["messages"]["max-age"] == 0


def rotated_out_cookie(*texts: str) -> str:
    """A messages cookie signed with a ``SECRET_KEY`` no longer in use."""
    with override_settings(SECRET_KEY="rotated-out", SECRET_KEY_FALLBACKS=[]):
        signer = signing.get_cookie_signer(salt="django.contrib.messages")
        return signer.sign_object([dumps_list(Toast(constants.INFO, t)) for t in texts])


def dumps_list(toast: Toast) -> list[Any]:
    parsed: list[Any] = json.loads(dumps_message(toast))
    return parsed


def json_endpoint(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True})  # never touches messages


def add_newer(request: HttpRequest) -> HttpResponse:
    messages.info(request, "newer")
    return HttpResponse("added")  # not htmx: stored in the cookie


def test_a_response_that_never_reads_messages_keeps_a_newer_cookie_set_meanwhile(
    visitor: Visitor,
) -> None:
    # After a key rotation the browser sends the stale cookie with two
    # overlapping requests. B stores a newer message; A, a JSON endpoint,
    # answers last. Its response must not delete B's cookie.
    visitor.cookies["messages"] = rotated_out_cookie("before the rotation")
    request_a, request_b = visitor.request(), visitor.request()
    response_b = respond(add_newer, request_b)
    response_a = respond(json_endpoint, request_a)
    visitor.keep(response_b)  # the browser applies them as they arrive
    visitor.keep(response_a)
    assert [m.message for m in ToastStorage(visitor.request())] == ["newer"]


def test_the_same_unreadable_cookie_warns_once_then_logs_at_debug_level(
    visitor: Visitor, caplog: pytest.LogCaptureFixture
) -> None:
    # It stays until a response reads or stores messages: a browser that only
    # calls JSON endpoints sends it on every request.
    visitor.cookies["messages"] = rotated_out_cookie("before the rotation")
    with caplog.at_level(logging.DEBUG, logger="toastkit"):
        for _ in range(3):
            visitor.keep(respond(json_endpoint, visitor.request()))
    warning = caplog.messages[0]
    assert warning.startswith("toastkit: ignoring an unreadable 'messages' cookie")
    assert caplog.messages == [warning] * 3
    assert [r.levelname for r in caplog.records] == ["WARNING", "DEBUG", "DEBUG"]


def test_each_unreadable_cookie_gets_its_own_warning(
    visitor: Visitor, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        for cookie in ("garbage", "other garbage", "garbage"):
            visitor.cookies["messages"] = cookie
            respond(json_endpoint, visitor.request())
    assert len(caplog.messages) == 2


def test_a_process_remembers_a_bounded_number_of_unreadable_cookies(
    visitor: Visitor, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # After a key rotation every visitor's cookie is a new one: the memory of
    # those already warned of forgets the least recently seen.
    monkeypatch.setattr(storage_module, "WARNED_COOKIES_LIMIT", 2)
    with caplog.at_level(logging.DEBUG, logger="toastkit"):
        for cookie in ("one", "two", "one", "three", "one", "two"):
            visitor.cookies["messages"] = cookie
            respond(json_endpoint, visitor.request())
    # "three" makes "two", the least recently seen, forgotten: it warns again.
    assert [r.levelname for r in caplog.records] == [
        "WARNING",
        "WARNING",
        "DEBUG",
        "WARNING",
        "DEBUG",
        "WARNING",
    ]


def test_a_response_that_stores_a_message_replaces_an_unreadable_cookie(
    visitor: Visitor,
) -> None:
    visitor.cookies["messages"] = rotated_out_cookie("before the rotation")
    visitor.keep(respond(add_newer, visitor.request()))
    assert [m.message for m in ToastStorage(visitor.request())] == ["newer"]


#: ``[[[…]]]`` deeper than any JSON parser's recursion limit, validly signed
#: (compressed, it is a small cookie).
DEEP = b"[" * 100_000 + b"]" * 100_000


def test_a_deeply_nested_signed_cookie_reads_as_no_messages_with_a_warning(
    visitor: Visitor, caplog: pytest.LogCaptureFixture
) -> None:
    visitor.cookies["messages"] = SIGNER.sign_object(
        DEEP, serializer=Raw, compress=True
    )
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        assert list(ToastStorage(visitor.request())) == []
    assert caplog.messages == [
        "toastkit: ignoring an unreadable 'messages' cookie (nested too deeply)."
    ]


def test_a_page_with_a_deeply_nested_signed_cookie_answers_normally() -> None:
    client = Client()
    client.cookies["messages"] = SIGNER.sign_object(DEEP, serializer=Raw, compress=True)
    response = client.get("/page/")
    assert response.status_code == 200
    assert response.cookies["messages"]["max-age"] == 0


def test_deeply_nested_messages_in_the_session_are_skipped_with_a_warning(
    visitor: Visitor, caplog: pytest.LogCaptureFixture
) -> None:
    round_trip(visitor, count=20, size=300)  # a cookie that points to the session
    visitor.session["_messages"] = DEEP.decode()
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        from_cookie_only = list(ToastStorage(visitor.request()))
    assert 0 < len(from_cookie_only) < 20
    assert caplog.messages == [
        "toastkit: ignoring unreadable messages in the session (nested too deeply)."
    ]


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
    ("garbage", "reason"),
    [
        (
            "{not json",
            "not JSON: Expecting property name enclosed in double quotes: "
            "line 1 column 2 (char 1)",
        ),
        (json.dumps({"a": 1}), "stored messages must be a list"),
        (42, "expected a JSON string, got int"),
        (json.dumps([["__tk"]]), "not a stored message: ['__tk']"),
    ],
)
def test_garbage_in_the_session_is_skipped_with_a_warning_saying_why(
    visitor: Visitor, garbage: object, reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    round_trip(visitor, count=20, size=300)  # a cookie that points to the session
    visitor.session["_messages"] = garbage
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        from_cookie_only = list(ToastStorage(visitor.request()))
    assert 0 < len(from_cookie_only) < 20
    assert caplog.messages == [
        f"toastkit: ignoring unreadable messages in the session ({reason})."
    ]
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


@pytest.mark.parametrize(
    ("toast", "text"),
    [
        (
            Toast(constants.INFO, "hi", "x", id="abc", options={"sticky": True}),
            "Toast(level=20, message='hi', extra_tags='x', id='abc', "
            "options={'sticky': True})",
        ),
        (
            Toast(constants.INFO, "hi", id="abc"),
            "Toast(level=20, message='hi', id='abc')",
        ),
    ],
    ids=["tags-and-options", "plain"],
)
def test_toast_repr_shows_id_and_what_is_set(toast: Toast, text: str) -> None:
    assert repr(toast) == text


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


@pytest.mark.parametrize(
    ("storage_class", "cookie_class"),
    [(CookieStorage, CookieStorage), (ToastStorage, ToastCookieOnlyStorage)],
    ids=["django", "toastkit"],
)
def test_a_cookie_exactly_at_the_size_limit_is_stored_as_in_django(
    visitor: Visitor,
    storage_class: type[BaseStorage],
    cookie_class: type[CookieStorage],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    storage = storage_class(visitor.factory.get("/"))  # no session
    storage.add(constants.INFO, noise("limit", 500))
    measured = HttpResponse()
    storage.update(measured)
    size = len(measured.cookies["messages"].coded_value)
    monkeypatch.setattr(cookie_class, "max_cookie_size", size)
    response = HttpResponse()
    assert storage.update(response) == []  # the same message again, at the limit
    assert len(response.cookies["messages"].coded_value) == size


def test_an_option_never_overrides_a_field_of_the_payload() -> None:
    # Options are checked where they come in (toastkit.options), not by Toast:
    # whatever reaches one, the payload takes only the options it knows.
    options: Any = {"safe": True, "message": "other"}  # not a ToastOptions
    toast = Toast(constants.INFO, "<img src=x onerror=alert(1)>", options=options)
    payload = message_payload(toast)
    assert (payload["safe"], payload["message"]) == (False, toast.message)


# Options are read one by one (toastkit.toast.stored_options): one this
# version does not know or whose value it refuses (another toastkit version
# during a deploy, or tampered) is dropped with a warning naming it and saying
# why; the message and its other options are kept.


def test_a_stored_toast_with_an_unknown_option_is_kept_without_it_with_a_warning(
    visitor: Visitor, caplog: pytest.LogCaptureFixture
) -> None:
    visitor.cookies["messages"] = cookie_of(
        [
            "__tk",
            0,
            20,
            "from a newer version",
            None,
            "abc",
            {"icon": "x", "title": "T"},
        ]
    )
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        (toast,) = toasts_of(ToastStorage(visitor.request()))
    assert (toast.message, toast.id, toast.options) == (
        "from a newer version",
        "abc",
        {"title": "T"},
    )
    assert caplog.messages == [
        "toastkit: ignoring the stored toast option 'icon' (Unknown toast option "
        "'icon'; expected one of ['actions', 'duration', 'key', 'sticky', 'title'].)"
    ]


@pytest.mark.parametrize(
    ("name", "value", "reason"),
    [
        ("duration", "soon", "Toast option 'duration' must be int, not str."),
        ("duration", -1, "Toast option 'duration' must be 0 or more milliseconds."),
        ("sticky", 1, "Toast option 'sticky' must be bool, not int."),
        ("title", None, "Toast option 'title' must be str, not NoneType."),
    ],
    ids=["duration-text", "duration-negative", "sticky-int", "title-none"],
)
def test_a_stored_option_with_a_refused_value_is_dropped_with_a_warning_saying_why(
    visitor: Visitor,
    name: str,
    value: object,
    reason: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    visitor.cookies["messages"] = cookie_of(
        ["__tk", 0, 20, "x", None, "abc", {name: value}]
    )
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        (toast,) = toasts_of(ToastStorage(visitor.request()))
    assert (toast.message, toast.id, toast.options) == ("x", "abc", {})
    assert caplog.messages == [
        f"toastkit: ignoring the stored toast option {name!r} ({reason})"
    ]


def test_a_stored_option_with_a_refused_value_keeps_the_other_options(
    visitor: Visitor,
) -> None:
    visitor.cookies["messages"] = cookie_of(
        ["__tk", 0, 20, "x", None, "abc", {"title": "T", "duration": "soon"}]
    )
    (toast,) = toasts_of(ToastStorage(visitor.request()))
    assert toast.options == {"title": "T"}


def test_a_stored_option_with_a_refused_value_costs_no_other_message(
    visitor: Visitor,
) -> None:
    visitor.cookies["messages"] = cookie_of(
        ["__tk", 0, 20, "first", None, "a", {"sticky": True}],
        ["__tk", 0, 20, "refused", None, "b", {"duration": "soon"}],
        ["__tk", 0, 20, "last", None, "c"],
    )
    toasts = toasts_of(ToastStorage(visitor.request()))
    assert [(t.message, t.options) for t in toasts] == [
        ("first", {"sticky": True}),
        ("refused", {}),
        ("last", {}),
    ]


# Django's own tests write plain strings straight into a storage's internals.
# toastkit stores and shows Messages only: anything else is dropped with a
# warning, and the real messages beside it are kept.
