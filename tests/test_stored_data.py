"""Stored messages read back: forged options and refused actions change
nothing but themselves, and any text survives the cookie."""

from __future__ import annotations

import logging

import pytest
from django.contrib.messages import constants
from django.http import HttpResponse
from django.test import Client

from tests.conftest import HTMX, Visitor, shipped, toasts_of
from tests.helpers import action_forms, cookie_of, toasts_in
from toastkit.storage import ToastStorage

HOSTILE = "<img src=x onerror=alert(1)>"


# Stored options never override the payload's own fields, on a full page or
# in HX-Trigger (tests/test_toast_storage.py checks message_payload alone).


def forged_cookie() -> str:
    return cookie_of(
        [
            "__tk",
            0,
            20,
            HOSTILE,
            None,
            "stored-id",
            {
                "safe": True,
                "message": "<b>forged</b>",
                "id": "forged-id",
                "level": 40,
                "title": "Kept",
            },
        ]
    )


def test_stored_options_named_like_payload_fields_change_nothing_on_a_full_page(
    caplog: pytest.LogCaptureFixture,
) -> None:
    client = Client()
    client.cookies["messages"] = forged_cookie()
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        html = client.get("/page/").content.decode()
    (toast,) = toasts_in(html)
    assert "&lt;img src=x onerror=alert(1)&gt;" in toast
    assert "<img" not in toast
    assert "forged" not in toast
    assert 'data-id="stored-id"' in toast
    assert "Kept" in toast
    assert sorted(m.split("'")[1] for m in caplog.messages) == [
        "id",
        "level",
        "message",
        "safe",
    ]


# Stored actions the rules of toastkit.Action refuse, beyond those
# tests/test_actions.py covers: the toast still shows, without them.


def undo(**fields: object) -> dict[str, object]:
    return {"label": "Undo", "url": "/undo/", "method": "post", **fields}


@pytest.mark.parametrize(
    "action",
    [
        undo(method=None),
        undo(url=["/undo/"]),
        undo(values={"a": None}),
        undo(values={"csrfmiddlewaretoken": "attacker's"}),
    ],
    ids=["method-null", "url-list", "value-null", "value-csrf-name"],
)
def test_a_stored_action_refused_by_action_drops_only_the_actions(
    action: dict[str, object], caplog: pytest.LogCaptureFixture
) -> None:
    cookie = cookie_of(["__tk", 0, 25, "Deleted", None, "abc", {"actions": [action]}])
    page, partial = Client(), Client()
    page.cookies["messages"] = partial.cookies["messages"] = cookie
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        html = page.get("/page/").content.decode()
        (item,) = shipped(partial.get("/page/", headers=HTMX))
    (toast,) = toasts_in(html)
    assert "Deleted" in toast
    assert action_forms(toast) == []
    assert (item["message"], "actions" in item) == ("Deleted", False)
    assert "attacker's" not in html
    assert all("'actions'" in m for m in caplog.messages)
    assert len(caplog.messages) == 2  # one per request


# The cookie, written by Django's own CookieStorage._store.


def test_unicode_and_control_text_survive_the_cookie(visitor: Visitor) -> None:
    texts = ["é ✓ 😀 שלום", "a\u2028b\u2029c", "nul\x00byte", "lone \ud800 half"]
    storage = ToastStorage(visitor.request())
    for text in texts:
        storage.add(constants.INFO, text)
    response = HttpResponse()
    storage.update(response)
    visitor.keep(response)
    assert [t.message for t in toasts_of(ToastStorage(visitor.request()))] == texts
