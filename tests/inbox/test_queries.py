"""What delivery costs: one indexed query with an empty inbox, none with a shared cache.

Every figure is counted with ``CaptureQueriesContext`` around a whole request
through the test client (sessions are signed cookies: the only other query
is the one that loads ``request.user``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from tests.conftest import HTMX, texts
from tests.inbox.conftest import page_texts, pending
from toastkit import inbox
from toastkit.inbox import delivery, flags
from toastkit.inbox.models import InboxMessage

pytestmark = pytest.mark.django_db

TABLE = InboxMessage._meta.db_table
REPO = Path(__file__).resolve().parents[2]


def queries_of(request: Callable[[], Any]) -> tuple[list[str], list[str]]:
    """(every query, the inbox's queries) that ``request()`` made."""
    with CaptureQueriesContext(connection) as captured:
        request()
    every = [q["sql"] for q in captured.captured_queries]
    return every, [sql for sql in every if TABLE in sql]


@pytest.fixture(params=["page", "htmx"])
def delivery_request(
    request: pytest.FixtureRequest, alice: Client
) -> Callable[[], Any]:
    """A response that delivers: a full page, or an htmx partial."""
    if request.param == "page":
        return lambda: alice.get("/page/")
    return lambda: alice.get("/add/", {"text": "x"}, headers=HTMX)


@pytest.mark.django_db(transaction=True)  # autocommit, as a request runs
def test_an_empty_inbox_costs_one_query(delivery_request: Callable[[], Any]) -> None:
    every, ours = queries_of(delivery_request)
    assert len(ours) == 1
    assert ours[0].startswith("SELECT")
    assert len(every) == 2  # request.user, then the inbox


@pytest.mark.skipif(
    connection.vendor not in ("sqlite", "postgresql"), reason="a known plan format"
)
def test_the_pending_lookup_uses_the_index_in_order(user: User) -> None:
    query = delivery.pending_query(user.pk, delivery.CLAIM_LIMIT, "default")
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A near-empty table is cheaper to scan; ask whether the index serves.
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = query.explain()
    assert "toastkit_inbox_pending" in plan, plan
    if connection.vendor == "sqlite":
        # The index (whose rows end with the rowid) gives the order too.
        assert "TEMP B-TREE" not in plan, plan
    else:
        # Both conditions in the index, whose order PostgreSQL keeps
        # (tests/inbox/test_plans.py: with many pending rows too).
        assert "Index Cond: ((user_id = " in plan, plan
        assert "AND (delivered_at IS NULL))" in plan, plan


def test_responses_that_deliver_nothing_make_no_inbox_query(alice: Client) -> None:
    for get in (
        lambda: alice.get("/add/", {"kind": "redirect"}, headers=HTMX),
        lambda: alice.get("/add/", {"kind": "client-redirect"}, headers=HTMX),
        lambda: alice.get("/add/"),
        lambda: alice.get(
            "/page/", headers={**HTMX, "HX-History-Restore-Request": "true"}
        ),
    ):
        assert queries_of(get)[1] == []


def test_anonymous_requests_make_no_query_at_all(client: Client) -> None:
    assert queries_of(lambda: client.get("/page/"))[0] == []
    assert queries_of(lambda: client.get("/add/", headers=HTMX))[0] == []


def test_delivering_costs_a_read_and_an_update(alice: Client, user: User) -> None:
    inbox.info(user, "One")
    inbox.info(user, "Two")
    ours = queries_of(lambda: alice.get("/page/"))[1]
    assert [sql.split()[0] for sql in ours] == ["SELECT", "UPDATE"]


# With a shared cache, the flag decides.


@pytest.mark.usefixtures("shared_cache")
def test_with_a_shared_cache_an_empty_inbox_costs_no_query(
    delivery_request: Callable[[], Any],
) -> None:
    every, ours = queries_of(delivery_request)
    assert ours == []
    assert len(every) == 1  # request.user only


def logged_in(username: str, **client_options: Any) -> tuple[User, Client]:
    """A new user, and a test client logged in as them."""
    user = User.objects.create_user(username)
    client = Client(**client_options)
    client.force_login(user)
    return user, client


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("shared_cache")
def test_with_a_shared_cache_a_notify_is_seen_and_the_flag_cleared() -> None:
    user, alice = logged_in("frank")
    inbox.info(user, "Flagged")
    assert caches["default"].get(flags.flag_key(user.pk)) == 1
    assert page_texts(alice.get("/page/").content.decode()) == ["Flagged"]
    assert caches["default"].get(flags.flag_key(user.pk)) is None
    assert queries_of(lambda: alice.get("/page/"))[1] == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("shared_cache")
def test_a_notify_committed_during_a_claim_keeps_its_flag(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    user, alice = logged_in("gina")
    inbox.info(user, "First")
    claim_rows = delivery.claim_rows

    def claim_while_a_task_notifies(*args: Any) -> Any:
        result = claim_rows(*args)
        inbox.info(user, "During the claim")  # commits, sets the flag again
        return result

    monkeypatch.setattr(delivery, "claim_rows", claim_while_a_task_notifies)
    assert page_texts(alice.get("/page/").content.decode()) == ["First"]
    monkeypatch.undo()
    assert caches["default"].get(flags.flag_key(user.pk)) == 1
    assert page_texts(alice.get("/page/").content.decode()) == ["During the claim"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("shared_cache")
def test_a_backlog_over_the_claim_limit_raises_the_flag_again() -> None:
    user, alice = logged_in("hugo")
    inbox.info([user], "m")
    for _ in range(delivery.CLAIM_LIMIT):
        inbox.info(user, "m")
    alice.get("/page/")
    assert len(pending(user)) == 1
    assert caches["default"].get(flags.flag_key(user.pk)) == 1


def test_an_explicit_cache_alias_holds_the_flags(
    tmp_path: Path, delivery_request: Callable[[], Any]
) -> None:
    caches_setting = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "flags": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        },
    }
    with override_settings(CACHES=caches_setting, TOASTKIT_INBOX_CACHE="flags"):
        assert queries_of(delivery_request)[1] == []


@pytest.mark.usefixtures("shared_cache")
@override_settings(TOASTKIT_INBOX_CACHE=None)
def test_none_turns_the_flag_off(delivery_request: Callable[[], Any]) -> None:
    assert len(queries_of(delivery_request)[1]) == 1


def test_unset_there_are_no_flags_even_with_a_shared_default_cache(
    tmp_path: Path,
) -> None:
    shared = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(tmp_path),
    }
    with override_settings(CACHES={"default": shared}):
        assert flags.flag_cache() is None


class BrokenCache(LocMemCache):
    """A cache whose server is down."""

    def get(self, *args: Any, **kwargs: Any) -> Any:
        raise ConnectionError("cache down")

    set_many = delete = get


@pytest.fixture
def broken_cache() -> Iterator[None]:
    backend = f"{__name__}.BrokenCache"
    with override_settings(
        CACHES={"default": {"BACKEND": backend}}, TOASTKIT_INBOX_CACHE="default"
    ):
        yield


@pytest.mark.usefixtures("broken_cache")
def test_a_cache_that_is_down_costs_a_query_and_loses_nothing(
    alice: Client, user: User, caplog: pytest.LogCaptureFixture
) -> None:
    inbox.info(user, "Still delivered")  # the flag cannot be set: logged
    assert texts(alice.get("/add/", {"text": "x"}, headers=HTMX)) == [
        "x",
        "Still delivered",
    ]
    assert "could not" in caplog.text


def test_a_project_without_the_inbox_imports_it_never_and_queries_nothing() -> None:
    """tests.settings (no auth, no inbox): pages and htmx responses, then a look."""
    script = """
import json, sys, django
django.setup()
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
from toastkit import hooks
setup_test_environment()
client = Client()
with CaptureQueriesContext(connection) as queries:
    client.get("/add/", {"text": "a"})
    page = client.get("/page/").content.decode()
    client.get("/add/", {"text": "b"}, headers={"HX-Request": "true"})
print(json.dumps({
    "shown": "a" in page,
    "queries": len(queries),
    "imported": sorted(m for m in sys.modules if m.startswith("toastkit.inbox")),
    "sources": len(hooks.pending_sources),
}))
"""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "PYTHONPATH": str(REPO),
    }
    output = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=REPO, check=True,
        capture_output=True, text=True,
    ).stdout  # fmt: skip
    assert json.loads(output) == {
        "shown": True, "queries": 0, "imported": [], "sources": 0,
    }  # fmt: skip


def test_flags_that_cannot_be_set_are_logged(
    broken_cache: None, caplog: pytest.LogCaptureFixture
) -> None:
    flags.raise_flags([1])
    assert "could not set the inbox's pending flags" in caplog.text


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("shared_cache")
def test_a_claim_rolled_back_with_its_view_leaves_the_message_for_the_next_page() -> (
    None
):
    user, alice = logged_in("ivy", raise_request_exception=False)
    inbox.info(user, "Rolled back")
    assert alice.get("/inbox/render-then-fail/").status_code == 500
    assert page_texts(alice.get("/page/").content.decode()) == ["Rolled back"]
