"""Delivery: the rules of request messages, for messages sent with ``notify()``.

Each test reads as one rule: where an inbox message shows (a full page's
``{% toasts %}``, the ``HX-Trigger`` of an htmx response htmx reads), where it
stays pending (every response the user will not see), that it comes after
the request's own messages with the id ``notify()`` gave it, and that it
shows once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest
from asgiref.sync import async_to_sync
from django.contrib.auth.models import User
from django.test import AsyncClient, Client, override_settings
from django.utils.safestring import mark_safe

from tests.conftest import HTMX, shipped, texts
from tests.inbox.conftest import page_texts, page_toasts, pending
from toastkit import inbox
from toastkit.inbox.delivery import CLAIM_LIMIT
from toastkit.inbox.models import InboxMessage

pytestmark = pytest.mark.django_db


def stored_messages(client: Client) -> str:
    """The messages cookie the browser holds ("" when none)."""
    cookie = client.cookies.get("messages")
    return cookie.value if cookie is not None else ""


HISTORY_RESTORE = {**HTMX, "HX-History-Restore-Request": "true"}


def test_a_full_page_renders_the_pending_message(alice: Client, user: User) -> None:
    inbox.success(user, "Export ready.")
    assert page_texts(alice.get("/page/").content.decode()) == ["Export ready."]
    assert pending(user) == []


def test_a_delivered_message_is_not_shown_again(alice: Client, user: User) -> None:
    inbox.info(user, "Once")
    alice.get("/page/")
    assert page_texts(alice.get("/page/").content.decode()) == []
    assert texts(alice.get("/add/", {"text": "x"}, headers=HTMX)) == ["x"]


def test_an_htmx_partial_ships_it_in_hx_trigger(alice: Client, user: User) -> None:
    inbox.info(user, "From a task")
    response = alice.get("/add/", {"text": "Saved"}, headers=HTMX)
    assert texts(response) == ["Saved", "From a task"]
    assert pending(user) == []


def test_it_comes_after_the_stored_and_this_requests_messages_oldest_first(
    alice: Client, user: User
) -> None:
    alice.get("/add/", {"text": "Stored"})  # a plain response keeps it stored
    inbox.info(user, "Inbox 1")
    inbox.info(user, "Inbox 2")
    response = alice.get("/add/", {"text": "Now"}, headers=HTMX)
    assert texts(response) == ["Stored", "Now", "Inbox 1", "Inbox 2"]


def test_on_a_full_page_too_it_comes_after_the_requests_own(
    alice: Client, user: User
) -> None:
    alice.get("/add/", {"text": "Stored"})
    inbox.info(user, "Inbox")
    assert page_texts(alice.get("/page/").content.decode()) == ["Stored", "Inbox"]


def test_the_id_from_notify_reaches_the_client(alice: Client, user: User) -> None:
    (by_header,) = inbox.info(user, "Header")
    assert [m["id"] for m in shipped(alice.get("/add/", headers=HTMX))][-1] == (
        by_header.toast_id
    )
    (by_page,) = inbox.info(user, "Page")
    assert page_toasts(alice.get("/page/").content.decode()) == [
        (by_page.toast_id, "Page")
    ]


def test_options_level_and_safe_html_reach_the_client(
    alice: Client, user: User
) -> None:
    inbox.warning(user, mark_safe("<b>Disk</b>"), extra_tags="big", title="Ops")
    (message,) = shipped(alice.get("/add/", {"text": "x"}, headers=HTMX))[1:]
    assert message["level"] == 30
    assert message["tags"] == "big warning"
    assert message["safe"] is True
    assert message["title"] == "Ops"


@pytest.mark.parametrize("kind", ["redirect", "client-redirect", "location", "refresh"])
def test_responses_the_user_will_not_see_keep_it_pending(
    alice: Client, user: User, kind: str
) -> None:
    inbox.info(user, "Later")
    response = alice.get("/add/", {"text": "x", "kind": kind}, headers=HTMX)
    assert shipped(response) == []
    assert pending(user) == ["Later"]
    assert page_texts(alice.get("/page/").content.decode()) == ["x", "Later"]


def test_a_history_restore_keeps_it_pending(alice: Client, user: User) -> None:
    inbox.info(user, "Later")
    response = alice.get("/page/", headers=HISTORY_RESTORE)
    assert page_texts(response.content.decode()) == []
    assert shipped(response) == []
    assert pending(user) == ["Later"]


def test_a_plain_response_without_toasts_keeps_it_pending(
    alice: Client, user: User
) -> None:
    inbox.info(user, "Later")
    alice.get("/add/", {"text": "x"})  # not htmx, no {% toasts %}
    alice.get("/add/", {"text": "y", "kind": "json"})
    assert pending(user) == ["Later"]


def test_an_htmx_page_leaves_it_to_the_header_like_the_requests_own(
    alice: Client, user: User
) -> None:
    inbox.info(user, "Boosted")
    response = alice.get("/page/", headers=HTMX)
    assert page_texts(response.content.decode()) == []
    assert texts(response) == ["Boosted"]


def test_anonymous_requests_never_see_it(client: Client, user: User) -> None:
    inbox.info(user, "Private")
    assert page_texts(client.get("/page/").content.decode()) == []
    assert texts(client.get("/add/", {"text": "x"}, headers=HTMX)) == ["x"]
    assert pending(user) == ["Private"]


def test_other_users_never_see_it(
    client_of: Callable[[User], Client], user: User, other_user: User
) -> None:
    inbox.info(user, "For Alice")
    bob = client_of(other_user)
    assert page_texts(bob.get("/page/").content.decode()) == []
    assert texts(bob.get("/add/", {"text": "x"}, headers=HTMX)) == ["x"]
    assert pending(user) == ["For Alice"]


def test_what_does_not_fit_the_header_stays_pending_and_ships_next(
    alice: Client, user: User
) -> None:
    for i in range(6):
        inbox.info(user, f"Message {i} " + "x" * 60)
    with override_settings(TOASTKIT_HEADER_BUDGET=400):
        first = texts(alice.get("/add/", {"text": "own"}, headers=HTMX))
        assert len(first) < 7
        # Claimed only what shipped: the rest are pending, not in the storage.
        assert len(pending(user)) == 7 - len(first)
        assert stored_messages(alice) == ""
        rest: list[str] = []
        while len(first) + len(rest) < 7:
            more = texts(
                alice.get("/add/", {"kind": "no-content", "text": ""}, headers=HTMX)
            )
            assert more, "a message was lost"
            rest += more
    shown = first + rest
    assert shown[0] == "own"
    assert [t.split()[1] for t in shown[1:]] == [str(i) for i in range(6)]


def test_nothing_is_claimed_when_the_requests_own_messages_wait_for_room(
    alice: Client, user: User
) -> None:
    inbox.info(user, "Waits")
    with override_settings(TOASTKIT_HEADER_BUDGET=300):  # room for one of these
        response = alice.get("/add/", {"text": ["a" * 60, "b" * 60]}, headers=HTMX)
        assert texts(response) == ["a" * 60]  # "b..." stays stored for later
    assert pending(user) == ["Waits"]
    assert page_texts(alice.get("/page/").content.decode()) == ["b" * 60, "Waits"]


def test_a_views_unreadable_header_leaves_inbox_messages_pending(
    alice: Client, user: User, caplog: pytest.LogCaptureFixture
) -> None:
    inbox.info(user, "Kept")
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        response = alice.get(
            "/add/", {"kind": "trigger", "trigger": "[1]"}, headers=HTMX
        )
    assert response["HX-Trigger"] == "[1]"
    assert pending(user) == ["Kept"]
    assert page_texts(alice.get("/page/").content.decode()) == ["Saved", "Kept"]


def test_a_backlog_ships_a_claim_limit_at_a_time(alice: Client, user: User) -> None:
    inbox.info(user, "first")
    for i in range(CLAIM_LIMIT + 4):
        inbox.info(user, f"m{i}")
    first = page_texts(alice.get("/page/").content.decode())
    second = page_texts(alice.get("/page/").content.decode())
    assert len(first) == CLAIM_LIMIT
    assert first + second == ["first", *(f"m{i}" for i in range(CLAIM_LIMIT + 4))]


def test_the_async_client_delivers_too(user: User) -> None:
    client = AsyncClient()
    async_to_sync(client.aforce_login)(user)
    inbox.info(user, "Async")
    response = async_to_sync(client.get)("/add/", {"text": "x"}, headers=HTMX)
    assert texts(response) == ["x", "Async"]


def test_an_async_view_rendering_toasts_in_the_event_loop_leaves_it_pending(
    user: User,
) -> None:
    client = AsyncClient()
    async_to_sync(client.aforce_login)(user)
    inbox.info(user, "Later")
    response = async_to_sync(client.get)("/inbox/async-page/")
    assert response.status_code == 200
    assert pending(user) == ["Later"]


def test_stored_options_this_version_refuses_or_does_not_know_are_dropped_with_warnings(
    alice: Client, user: User, caplog: pytest.LogCaptureFixture
) -> None:
    (row,) = inbox.info(user, "Old row", title="T")
    InboxMessage.objects.filter(pk=row.pk).update(options={"title": 5, "colour": "red"})
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        (message,) = shipped(alice.get("/add/", {"kind": "no-content"}, headers=HTMX))[
            1:
        ]
    assert message["message"] == "Old row"
    assert "title" not in message
    assert caplog.messages == [
        "toastkit: ignoring the stored toast option 'title' "
        "(Toast option 'title' must be str, not int.)",
        "toastkit: ignoring the stored toast option 'colour' (Unknown toast option "
        "'colour'; expected one of ['actions', 'duration', 'key', 'sticky', 'title'].)",
    ]


def test_a_stored_option_this_version_refuses_keeps_the_messages_other_options(
    alice: Client, user: User
) -> None:
    (row,) = inbox.info(user, "Old row", title="T", sticky=True)
    InboxMessage.objects.filter(pk=row.pk).update(
        options={"title": "T", "sticky": True, "duration": "soon"}
    )
    (message,) = shipped(alice.get("/page/", headers=HTMX))
    assert (message["message"], message["title"], message["sticky"]) == (
        "Old row",
        "T",
        True,
    )
    assert "duration" not in message
