"""The claim: an inbox message ships in the response that claimed it, or stays pending.

A claimed message never waits in the messages cookie or session, where an
overlapping response of the same browser could overwrite it or the next user
of the browser could read it. Each test here failed on 0.3.0, which claimed
up to 20 messages a response and stored what its header had no room for.

Overlapping requests are modelled as a browser makes them: each is sent with
the cookies the browser holds when it starts, and their ``Set-Cookie``
headers apply in the order the responses arrive, the last one winning.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches
from django.db import DataError, InterfaceError, ProgrammingError
from django.db.models import QuerySet
from django.test import Client

from tests.conftest import HTMX, shipped
from tests.inbox.conftest import page_toasts, pending
from tests.inbox.helpers import QUIET, drain, shown
from toastkit import inbox
from toastkit.inbox import delivery, flags
from toastkit.inbox.delivery import CLAIM_LIMIT

pytestmark = pytest.mark.django_db


def overlapping(client: Client, requests: list[Callable[[Client], Any]]) -> list[Any]:
    """Send ``requests`` at once from the browser ``client`` is: each with the
    cookies held now; their cookies then apply in list order (the last wins)."""
    before = copy.deepcopy(client.cookies)
    responses = []
    for send in requests:
        client.cookies = copy.deepcopy(before)
        responses.append(send(client))
    client.cookies = before
    for response in responses:
        client.cookies.update(response.cookies)
    return responses


def notified(user: User, count: int, prefix: str = "m") -> list[str]:
    return [inbox.info(user, f"{prefix}{i}")[0].toast_id for i in range(count)]


def storage_is_empty(client: Client) -> bool:
    """No message waits in the browser's messages cookie or its session."""
    cookie = client.cookies.get("messages")
    return (cookie is None or not cookie.value) and ("_messages" not in client.session)


@pytest.mark.parametrize("last", [0, 1], ids=["first-wins", "second-wins"])
def test_overlapping_htmx_responses_lose_no_inbox_message(
    alice: Client, user: User, last: int
) -> None:
    ids = notified(user, 40)
    sends = [lambda c: c.get(*QUIET, headers=HTMX)] * 2
    responses = overlapping(alice, sends if last else sends[::-1])
    seen = [i for response in responses for i in shown(response)] + drain(alice)
    assert sorted(seen) == sorted(ids)


def test_an_htmx_response_claims_only_what_its_header_carries(
    alice: Client, user: User
) -> None:
    notified(user, 40)
    carried = shown(alice.get(*QUIET, headers=HTMX))
    assert 0 < len(carried) < 40
    assert len(pending(user)) == 40 - len(carried)
    assert storage_is_empty(alice)


def test_a_backlog_never_piles_up_in_the_messages_storage(
    alice: Client, user: User
) -> None:
    notified(user, 300)
    for _ in range(10):  # they carry about 170
        alice.get(*QUIET, headers=HTMX)
    assert storage_is_empty(alice)
    assert len(shown(alice.get("/page/"))) == CLAIM_LIMIT


def test_after_a_logout_by_hx_redirect_the_next_user_of_the_browser_sees_none(
    client_of: Callable[[User], Client], user: User, other_user: User
) -> None:
    ids = notified(user, 30, prefix="alice's ")
    browser = client_of(user)
    seen = shown(browser.get(*QUIET, headers=HTMX))
    response = browser.get("/inbox/log-out/client-redirect/", headers=HTMX)
    assert response["HX-Redirect"] == "/inbox/no-toasts/"
    browser.get("/inbox/no-toasts/")
    browser.force_login(other_user)  # Bob, on the same browser
    assert drain(browser) == []
    browser.force_login(user)
    assert sorted(seen + drain(browser)) == sorted(ids)


def test_a_page_that_logs_out_shows_none_of_the_users_messages(
    alice: Client, user: User
) -> None:
    inbox.info(user, "Private")
    assert shown(alice.get("/inbox/log-out/page/")) == []
    assert pending(user) == ["Private"]


def test_a_request_that_logs_in_as_another_user_claims_neither_users_messages(
    alice: Client, user: User, other_user: User
) -> None:
    """Impersonation: staff logs in as a user and the page renders at once."""
    inbox.info(user, "For Alice")
    inbox.info(other_user, "For Bob")
    assert shown(alice.get(f"/inbox/log-in-as/{other_user.username}/")) == []
    assert (pending(user), pending(other_user)) == (["For Alice"], ["For Bob"])


def test_a_head_request_claims_nothing(alice: Client, user: User) -> None:
    inbox.info(user, "Later")
    alice.head("/page/")
    assert pending(user) == ["Later"]


def test_a_head_request_leaves_the_requests_own_messages_for_the_next_page(
    alice: Client,
) -> None:
    alice.get("/add/", {"text": "Stored"})  # a plain response keeps it stored
    alice.head("/page/")
    assert [text for _, text in page_toasts(alice.get("/page/").content.decode())] == [
        "Stored"
    ]


@pytest.mark.django_db(transaction=True)  # notify() flags the user on commit
@pytest.mark.usefixtures("shared_cache")
@pytest.mark.parametrize("failing", ["read", "claim", "connection"])
def test_a_database_error_leaves_the_page_standing_and_the_messages_pending_and_flagged(
    alice: Client,
    user: User,
    failing: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    inbox.info(user, "Waits")

    def read_fails(*args: Any) -> Any:
        raise ProgrammingError('relation "toastkit_inbox_inboxmessage" is locked')

    def claim_fails(*args: Any, **kwargs: Any) -> int:
        raise DataError("value too long for type character varying(16)")

    def connection_closed(*args: Any) -> Any:
        raise InterfaceError("connection already closed")  # no DatabaseError

    if failing == "read":
        monkeypatch.setattr(delivery, "pending_rows", read_fails)
    elif failing == "connection":
        monkeypatch.setattr(delivery, "pending_rows", connection_closed)
    else:
        monkeypatch.setattr(QuerySet, "update", claim_fails)
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        response = alice.get("/page/")
    monkeypatch.undo()
    assert response.status_code == 200
    assert "could not claim inbox messages now" in caplog.text
    assert pending(user) == ["Waits"]
    assert caches["default"].get(flags.flag_key(user.pk)) == 1
    assert [t for _, t in page_toasts(alice.get("/page/").content.decode())] == [
        "Waits"
    ]


def test_the_views_header_warnings_are_logged_once_with_inbox_messages(
    alice: Client, user: User, caplog: pytest.LogCaptureFixture
) -> None:
    """The middleware builds the header up to three times (its own messages,
    the room for the inbox's, the final one); only the one written logs."""
    inbox.info(user, "From the inbox")
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        response = alice.get(
            "/add/", {"kind": "trigger", "trigger": '{"x": NaN}'}, headers=HTMX
        )
    assert [m["message"] for m in shipped(response)] == ["Saved", "From the inbox"]
    assert len([r for r in caplog.records if "NaN" in r.getMessage()]) == 1
