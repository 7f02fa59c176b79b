"""Exactly-once delivery over htmx, through the test client, sync and async.

Each test reads as one rule of the middleware: which responses carry the
messages in ``HX-Trigger``, which keep them stored for the page the user will
actually see, and that nothing is lost or shown twice.
"""

from __future__ import annotations

import json
import logging
import re

import pytest
from django.conf import settings as django_settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django_htmx.middleware import HtmxDetails

from tests import views
from tests.conftest import (
    HTMX,
    Http,
    Visitor,
    respond,
    session_request,
    shipped,
    texts,
)
from tests.helpers import toasts_in
from toastkit.storage import ToastStorage


def test_htmx_partial_ships_the_message_in_hx_trigger(http: Http) -> None:
    assert texts(http.get("/add/", {"text": "Saved"}, headers=HTMX)) == ["Saved"]


def test_shipped_messages_are_not_stored_for_later(http: Http) -> None:
    http.get("/add/", {"text": "Once"}, headers=HTMX)
    assert "Once" not in http.get("/page/").content.decode()
    assert texts(http.get("/add/", {"text": "Next"}, headers=HTMX)) == ["Next"]


def test_stored_messages_ship_first_then_this_requests(http: Http) -> None:
    http.get("/add/", {"text": "Stored"})  # a plain request keeps it stored
    response = http.get("/add/", {"text": "New"}, headers=HTMX)
    assert texts(response) == ["Stored", "New"]


def test_non_htmx_request_keeps_djangos_behaviour(http: Http) -> None:
    response = http.get("/add/", {"text": "Plain"})
    assert "HX-Trigger" not in response
    assert "Plain" in http.get("/page/").content.decode()


@pytest.mark.parametrize("kind", ["redirect", "not-modified"])
def test_3xx_keeps_messages_for_the_followed_request(http: Http, kind: str) -> None:
    response = http.get("/add/", {"text": "After redirect", "kind": kind}, headers=HTMX)
    assert 300 <= response.status_code < 400
    assert shipped(response) == []
    assert texts(http.get("/add/", {"text": "x"}, headers=HTMX)) == [
        "After redirect",
        "x",
    ]


@pytest.mark.parametrize("kind", ["client-redirect", "location", "refresh"])
def test_page_replacing_htmx_headers_keep_messages_for_the_next_page(
    http: Http, kind: str
) -> None:
    response = http.get("/add/", {"text": "Next page", "kind": kind}, headers=HTMX)
    assert response.status_code == 200
    assert shipped(response) == []
    assert "Next page" in http.get("/page/").content.decode()


def test_hx_refresh_false_still_ships(http: Http) -> None:
    response = http.get(
        "/add/", {"text": "Stay", "kind": "refresh-false"}, headers=HTMX
    )
    assert texts(response) == ["Stay"]


def test_history_restore_request_keeps_messages(http: Http) -> None:
    headers = {**HTMX, "HX-History-Restore-Request": "true"}
    response = http.get("/add/", {"text": "Restored"}, headers=headers)
    assert shipped(response) == []
    assert texts(http.get("/add/", {"text": "x"}, headers=HTMX)) == ["Restored", "x"]


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        ("no-content", 204),
        ("unprocessable", 422),
        ("server-error", 500),
        ("json", 200),
        ("stream", 200),
    ],
)
def test_every_other_response_ships(http: Http, kind: str, status: int) -> None:
    response = http.get("/add/", {"text": "Shown", "kind": kind}, headers=HTMX)
    assert response.status_code == status
    assert texts(response) == ["Shown"]


def test_messages_a_partial_loops_over_are_not_repeated_in_the_header(
    http: Http,
) -> None:
    response = http.get(
        "/add/", {"text": "In body", "kind": "partial-reading-messages"}, headers=HTMX
    )
    assert "In body" in response.content.decode()
    assert shipped(response) == []


# {% toasts %} on an htmx request leaves the messages to HX-Trigger: with
# hx-select or a boosted navigation, htmx throws away the part of the page
# that rendered them. Full pages and history restores render them.


def test_toasts_in_an_htmx_partial_leave_the_messages_to_the_header(
    http: Http,
) -> None:
    response = http.get(
        "/add/", {"text": "In header", "kind": "partial-with-toasts"}, headers=HTMX
    )
    assert "In header" not in response.content.decode()
    assert texts(response) == ["In header"]


@pytest.mark.parametrize(
    "headers", [HTMX, {**HTMX, "HX-Boosted": "true"}], ids=["htmx", "boosted"]
)
@pytest.mark.parametrize(
    "page", ["/page/", "/jinja-page/"], ids=["django-templates", "jinja2"]
)
def test_an_htmx_request_for_a_full_page_renders_an_empty_region_and_sends_the_header(
    http: Http, headers: dict[str, str], page: str
) -> None:
    http.get("/add/", {"text": "Stored"})
    response = http.get(page, headers=headers)
    html = response.content.decode()
    assert 'aria-label="Notifications"' in html
    assert "Stored" not in html
    assert texts(response) == ["Stored"]
    assert "Stored" not in http.get(page).content.decode()  # sent once


def test_a_history_restore_renders_the_messages_in_the_page_not_the_header(
    http: Http,
) -> None:
    http.get("/add/", {"text": "Stored"})
    response = http.get(
        "/page/", headers={**HTMX, "HX-History-Restore-Request": "true"}
    )
    assert response.content.decode().count("Stored") == 1
    assert shipped(response) == []


def test_a_plain_request_renders_the_messages_in_the_page(http: Http) -> None:
    http.get("/add/", {"text": "Stored"})
    response = http.get("/page/")
    assert response.content.decode().count("Stored") == 1
    assert "HX-Trigger" not in response


def test_payload_item_has_the_documented_fields(http: Http) -> None:
    response = http.get(
        "/add/", {"text": "Done", "level": "25", "extra_tags": "big"}, headers=HTMX
    )
    (item,) = shipped(response)
    assert set(item) == {
        "id",
        "message",
        "level",
        "level_tag",
        "tags",
        "extra_tags",
        "safe",
    }
    assert item["level"] == 25
    assert item["level_tag"] == "success"
    assert item["tags"] == "big success"
    assert item["extra_tags"] == "big"
    assert item["safe"] is False


def test_payload_detail_is_an_object_targeting_the_body(http: Http) -> None:
    payload = json.loads(http.get("/add/", headers=HTMX)["HX-Trigger"])
    detail = payload["toastkit:messages"]
    assert isinstance(detail, dict)
    assert detail["target"] == "body"  # dispatched on <body>, see header.py
    assert list(detail) == ["messages", "target"]


def test_safe_messages_are_flagged_safe(http: Http) -> None:
    (item,) = shipped(http.get("/add/safe/", headers=HTMX))
    assert (item["message"], item["safe"]) == ("<b>bold</b>", True)


def test_lazy_translations_are_sent_as_text(http: Http) -> None:
    (item,) = shipped(http.get("/add/lazy/", headers=HTMX))
    assert (item["message"], item["extra_tags"]) == ("Lazy hello", "lazy-tag")


def test_toast_options_travel_in_the_payload(http: Http) -> None:
    (item,) = shipped(http.get("/add/options/", headers=HTMX))
    assert (item["title"], item["duration"], item["sticky"]) == ("Tasks", 1500, True)


def test_non_latin1_text_gives_an_ascii_header_that_round_trips(http: Http) -> None:
    text = "Gespeichert ✓ — 保存しました — נשמר 🎉\r\nline two"
    response = http.get("/add/", {"text": text}, headers=HTMX)
    assert response["HX-Trigger"].isascii()
    assert texts(response) == [text]


def test_delivered_htmx_response_writes_no_messages_cookie(http: Http) -> None:
    # Nothing stored means nothing for a parallel request to overwrite: the
    # last-writer-wins loss Django warns about cannot happen on this path.
    response = http.get("/add/", {"text": "Direct"}, headers=HTMX)
    assert texts(response) == ["Direct"]
    assert "messages" not in response.cookies


def test_overlapping_htmx_requests_carry_a_stored_message_with_one_id(
    visitor: Visitor,
) -> None:
    # Two requests leave the browser before either answer is back, both with
    # the cookie holding "Old": both may carry it, under the same id, and the
    # client shows each id once. Each also carries its own new message.
    storage = ToastStorage(visitor.request())
    storage.add(20, "Old")
    stored = HttpResponse()
    storage.update(stored)
    visitor.keep(stored)

    answers = []
    for text in ("A", "B"):
        request = session_request(f"/add/?text={text}", headers=HTMX)
        request.COOKIES.update(visitor.cookies)
        answers.append(shipped(respond(views.add, request)))
    (old_a, a), (old_b, b) = answers
    assert (old_a["message"], a["message"], old_b["message"], b["message"]) == (
        "Old",
        "A",
        "Old",
        "B",
    )
    assert old_a["id"] == old_b["id"]


def test_delivered_responses_are_never_cached(http: Http) -> None:
    response = http.get("/add/", headers=HTMX)
    assert "no-store" in response["Cache-Control"]


@override_settings(
    MIDDLEWARE=[
        "django.middleware.http.ConditionalGetMiddleware",
        *django_settings.MIDDLEWARE,
    ]
)
def test_a_revalidated_get_does_not_turn_a_new_message_into_a_lost_304(
    http: Http,
) -> None:
    first = http.get("/add/", {"text": "same body"}, headers=HTMX)
    assert "ETag" not in first
    second = http.get(
        "/add/", {"text": "second"}, headers={**HTMX, "If-None-Match": '"*"'}
    )
    assert second.status_code == 200
    assert texts(second) == ["second"]


@pytest.mark.parametrize(
    "storage",
    [
        "django.contrib.messages.storage.fallback.FallbackStorage",
        "django.contrib.messages.storage.cookie.CookieStorage",
        "django.contrib.messages.storage.session.SessionStorage",
    ],
)
def test_full_page_toasts_from_djangos_storages_get_distinct_ids(
    http: Http, storage: str
) -> None:
    with override_settings(MESSAGE_STORAGE=storage):
        http.get("/add/", {"text": ["one", "two", "three"]})
        html = http.get("/page/").content.decode().split("<template", 1)[0]
    ids = re.findall(r'data-id="([^"]*)"', html)
    assert len(ids) == 3
    assert len(set(ids)) == 3
    assert all(ids)


def test_the_request_htmx_set_by_htmx_middleware_is_what_toastkit_reads() -> None:
    class EveryRequestIsHtmx(HtmxDetails):
        def __bool__(self) -> bool:
            return True

    def view(request: HttpRequest) -> HttpResponse:
        messages.info(request, "Over htmx")
        return HttpResponse()

    request = session_request()  # no HX-Request header
    request.htmx = EveryRequestIsHtmx(request)  # type: ignore[attr-defined]  # as HtmxMiddleware does
    response = respond(view, request)
    assert texts(response) == ["Over htmx"]


def test_no_store_is_added_to_the_views_own_cache_control() -> None:
    def view(request: HttpRequest) -> HttpResponse:
        messages.info(request, "Fresh")
        response = HttpResponse()
        response["Cache-Control"] = "max-age=60"
        return response

    response = respond(view, session_request(headers=HTMX))
    assert set(response["Cache-Control"].split(", ")) == {"max-age=60", "no-store"}


@pytest.mark.parametrize(
    ("status", "ships"),
    [(299, True), (300, False), (399, False), (400, True)],
)
def test_only_3xx_statuses_keep_the_messages_for_the_followed_request(
    status: int, ships: bool
) -> None:
    def view(request: HttpRequest) -> HttpResponse:
        messages.info(request, "Edge")
        return HttpResponse(status=status)

    response = respond(view, session_request(headers=HTMX))
    assert texts(response) == (["Edge"] if ships else [])


# A messages middleware below toastkit's replaces request._messages and stores
# the messages itself; toastkit logs a warning and delivers nothing, so no message
# is both sent and stored (production servers run no system checks).


@override_settings(
    MIDDLEWARE=[
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django_htmx.middleware.HtmxMiddleware",
        "toastkit.middleware.ToastMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
    ],
    SILENCED_SYSTEM_CHECKS=["toastkit.E001"],
)
def test_a_messages_middleware_below_toastkits_is_warned_of_and_nothing_shipped(
    caplog: pytest.LogCaptureFixture,
) -> None:
    client = Client()
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        response = client.get("/add/?text=once", headers=HTMX)
    assert any("replaced" in m for m in caplog.messages)
    assert shipped(response) == []
    # Stored by Django's middleware: the next full page shows it, once.
    (toast,) = toasts_in(client.get("/page/").content.decode())
    assert "once" in toast
    assert toasts_in(client.get("/page/").content.decode()) == []
