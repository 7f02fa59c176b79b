"""``notify()``: who it reaches, what it stores, and what it refuses."""

from __future__ import annotations

import sqlite3
import threading
import uuid
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.messages import constants
from django.core.cache import caches
from django.db import connections, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from tests.inbox.conftest import pending
from toastkit import Action, inbox
from toastkit.inbox import flags
from toastkit.inbox.models import InboxMessage

pytestmark = pytest.mark.django_db


def test_notify_stores_one_pending_message_for_the_user(user: User) -> None:
    (row,) = inbox.notify(user, "Export ready.", constants.SUCCESS, title="Export")
    stored = InboxMessage.objects.get()
    assert stored == row
    assert (stored.user, stored.level, stored.message) == (user, 25, "Export ready.")
    assert stored.options == {"title": "Export"}
    assert stored.delivered_at is None
    assert len(stored.toast_id) == 12


def test_the_default_level_is_info(user: User) -> None:
    (row,) = inbox.notify(user, "Hello")
    assert row.level == constants.INFO


@pytest.mark.parametrize("as_text", [False, True], ids=["int", "str"])
def test_a_user_is_also_given_by_pk(user: User, as_text: bool) -> None:
    inbox.notify(str(user.pk) if as_text else user.pk, "By pk")
    assert pending(user) == ["By pk"]


def test_many_users_get_one_message_each_in_one_insert(db: None) -> None:
    users = [User.objects.create_user(f"user{i}") for i in range(50)]
    with CaptureQueriesContext(transaction.get_connection()) as queries:
        rows = inbox.notify(users, "Maintenance at noon.", constants.WARNING)
    inserts = [q for q in queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 1
    assert len(rows) == 50
    assert sorted(r.user_id for r in rows) == sorted(u.pk for u in users)
    assert len({r.toast_id for r in rows}) == 50  # one id per user's toast


def test_users_and_pks_mix_and_each_user_gets_it_once(
    user: User, other_user: User
) -> None:
    rows = inbox.notify([user, other_user.pk, user.pk, str(other_user.pk)], "Once")
    assert len(rows) == 2
    assert pending(user) == pending(other_user) == ["Once"]


def test_a_queryset_of_users(user: User, other_user: User) -> None:
    rows = inbox.notify(User.objects.filter(username="bob"), "Only Bob")
    assert [r.user_id for r in rows] == [other_user.pk]


def test_a_generator_of_users(user: User, other_user: User) -> None:
    rows = inbox.notify((u for u in [user, other_user]), "Both")
    assert len(rows) == 2


def test_no_users_stores_nothing_and_asks_nothing(db: None) -> None:
    with CaptureQueriesContext(transaction.get_connection()) as queries:
        assert inbox.notify([], "Nobody") == []
    assert len(queries) == 0


@pytest.mark.parametrize(
    ("shortcut", "level"),
    [
        (inbox.info, constants.INFO),
        (inbox.success, constants.SUCCESS),
        (inbox.warning, constants.WARNING),
        (inbox.error, constants.ERROR),
    ],
)
def test_level_shortcuts(user: User, shortcut: Any, level: int) -> None:
    (row,) = shortcut(user, "Shortcut", extra_tags="big", sticky=True)
    assert (row.level, row.extra_tags, row.options) == (level, "big", {"sticky": True})
    assert (
        shortcut.__name__
        == {20: "info", 25: "success", 30: "warning", 40: "error"}[level]
    )


def test_debug_below_message_level_stores_nothing_as_djangos_messages(
    user: User,
) -> None:
    assert inbox.debug(user, "Hidden") == []
    assert pending(user) == []
    with override_settings(MESSAGE_LEVEL=constants.DEBUG):
        assert len(inbox.debug(user, "Shown")) == 1
    assert pending(user) == ["Shown"]


def test_a_custom_level_is_kept(user: User) -> None:
    (row,) = inbox.notify(user, "Custom", 35)
    assert row.level == 35


def test_a_safe_message_stays_safe_and_plain_text_does_not(user: User) -> None:
    safe, plain = (
        inbox.notify(user, mark_safe("<b>Done</b>"))[0],
        inbox.notify(user, "<b>Done</b>")[0],
    )
    assert (safe.safe, plain.safe) == (True, False)


def test_a_lazy_translation_is_stored_as_text(user: User) -> None:
    (row,) = inbox.notify(user, gettext_lazy("Lazy"), extra_tags=gettext_lazy("tag"))
    row.refresh_from_db()
    assert (row.message, row.extra_tags) == ("Lazy", "tag")


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"message": ""}, ValueError),
        ({"message": "   "}, ValueError),
        ({"message": None}, TypeError),
        ({"message": 42}, TypeError),
        ({"level": "25"}, TypeError),
        ({"level": 25.0}, TypeError),
        ({"level": True}, TypeError),
        ({"level": None}, TypeError),
        ({"level": 2**40}, ValueError),
        ({"extra_tags": 5}, TypeError),
        ({"colour": "red"}, TypeError),
        ({"title": 5}, TypeError),
        ({"sticky": "yes"}, TypeError),
        ({"duration": -1}, ValueError),
        # PostgreSQL cannot store NUL (a DataError there): refused everywhere.
        ({"message": "a\x00b"}, ValueError),
        ({"extra_tags": "\x00"}, ValueError),
        ({"title": "T\x00"}, ValueError),
        # A lone surrogate is not UTF-8 (SQLite's driver raised UnicodeEncodeError).
        ({"message": "a\ud800"}, ValueError),
        ({"extra_tags": "\udfff"}, ValueError),
        ({"title": "T\ud800"}, ValueError),
    ],
    ids=lambda v: repr(v),
)
def test_bad_input_raises_and_stores_nothing(
    user: User, kwargs: dict[str, Any], error: type[Exception]
) -> None:
    arguments: dict[str, Any] = {"user": user, "message": "Hi", **kwargs}
    with pytest.raises(error, match=r"notify|option"):
        inbox.notify(**arguments)
    assert InboxMessage.objects.count() == 0


@pytest.mark.parametrize(
    "users",
    [None, 3.5, b"1", Group(pk=1), [object()]],
    ids=["none", "float", "bytes", "group", "object"],
)
def test_what_is_not_a_user_or_a_pk_is_a_type_error(user: User, users: Any) -> None:
    with pytest.raises(TypeError, match="notify"):
        inbox.notify(users, "Hi")
    assert InboxMessage.objects.count() == 0


def test_an_unsaved_user_is_a_value_error(db: None) -> None:
    with pytest.raises(ValueError, match="not saved"):
        inbox.notify(User(username="ghost"), "Hi")


@pytest.mark.parametrize(
    "bad", ["abc", uuid.uuid4(), 2**70], ids=["text", "uuid", "out-of-range"]
)
def test_a_pk_this_user_model_cannot_have_is_a_value_error(
    user: User, bad: object
) -> None:
    with pytest.raises(ValueError, match="not a valid user pk"):
        inbox.notify(bad, "Hi")  # type: ignore[arg-type]


def test_a_username_is_not_a_pk_and_the_error_says_how_to_send_by_one(
    user: User,
) -> None:
    # manage.py notify takes a username; notify() does not, and says so.
    with pytest.raises(ValueError, match=r"'alice'.*never looks up a username"):
        inbox.notify(user.get_username(), "Hi")
    assert InboxMessage.objects.count() == 0


def test_only_a_text_pk_gets_the_username_hint(user: User) -> None:
    with pytest.raises(ValueError, match="not a valid user pk") as raised:
        inbox.notify(2**70, "Hi")
    assert "username" not in str(raised.value)


def test_an_unknown_pk_stores_nothing_for_anyone(user: User) -> None:
    with pytest.raises(ValueError, match=r"no user with pk 999"):
        inbox.notify([user, 999], "Hi")
    assert InboxMessage.objects.count() == 0


def test_many_unknown_pks_are_named_briefly(user: User) -> None:
    with pytest.raises(ValueError, match=r"1000, 1001, 1002, 1003, 1004 and 2 more"):
        inbox.notify(list(range(1000, 1007)), "Hi")


@pytest.mark.django_db(transaction=True)  # SQLite checks foreign keys at commit
def test_a_user_deleted_meanwhile_is_a_value_error() -> None:
    user = User.objects.create_user("dora")
    stale = User.objects.get(pk=user.pk)
    user.delete()
    with pytest.raises(ValueError, match="no longer exists"):
        inbox.notify(stale, "Too late")
    assert InboxMessage.objects.count() == 0


# Transactions: the message is there exactly when the caller's work is.


def failing_job(user: User) -> None:
    """A job that notifies, then fails inside its transaction."""
    with transaction.atomic():
        inbox.notify(user, "Never")
        raise RuntimeError("the job failed")


def test_inside_a_transaction_that_rolls_back_nothing_is_stored(user: User) -> None:
    with pytest.raises(RuntimeError, match="the job failed"):
        failing_job(user)
    assert pending(user) == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("shared_cache")
def test_the_cache_flag_is_set_only_when_the_transaction_commits() -> None:
    user = User.objects.create_user("erin")
    cache = caches["default"]
    with pytest.raises(RuntimeError, match="the job failed"):
        failing_job(user)
    assert cache.get(flags.flag_key(user.pk)) is None
    with transaction.atomic():
        inbox.notify(user, "Committed")
        assert cache.get(flags.flag_key(user.pk)) is None  # not yet
    assert cache.get(flags.flag_key(user.pk)) == 1


@pytest.mark.django_db(transaction=True)
def test_notify_works_from_another_thread_with_no_request() -> None:
    user = User.objects.create_user("carol")
    errors: list[BaseException] = []

    def job() -> None:
        try:
            inbox.success(user.pk, "From a worker thread")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()  # this thread's own connection

    worker = threading.Thread(target=job)
    worker.start()
    worker.join()
    assert errors == []
    assert pending(user) == ["From a worker thread"]


def test_extra_tags_none_is_no_tags(user: User) -> None:
    (row,) = inbox.notify(user, "Hi", extra_tags=None)  # type: ignore[arg-type]
    assert row.extra_tags == ""


@pytest.mark.skipif(
    connections["default"].vendor != "sqlite", reason="SQLite's variable limit"
)
def test_more_pks_than_the_databases_parameter_limit(user: User) -> None:
    """One ``pk IN (...)`` past SQLite's variable limit fails ("too many SQL
    variables"): the pks are looked up in batches of the database's limit."""
    connection = connections["default"]
    connection.ensure_connection()
    sqlite = connection.connection
    limit = sqlite.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    sqlite.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)  # Django 5.2's figure
    try:
        User.objects.bulk_create(User(username=f"u{i}") for i in range(1000))
        pks = list(User.objects.values_list("pk", flat=True))
        assert len(inbox.info(pks, "To everyone")) == len(pks) == 1001
    finally:
        sqlite.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, limit)


@pytest.mark.parametrize(
    "options",
    [
        {"key": "k\x00"},
        {"key": "k\udfff"},
        {"actions": [Action("Un\x00do", "/undo/")]},
        {"actions": [Action("Undo\ud800", "/undo/")]},
        {"actions": [Action("Undo", "/undo/", values={"task": "7\x00"})]},
        {"actions": [Action("Undo", "/undo/", values={"ta\udc00sk": "7"})]},
    ],
    ids=[
        "key-nul",
        "key-surrogate",
        "label-nul",
        "label-surrogate",
        "value-nul",
        "value-name-surrogate",
    ],
)
def test_notify_refuses_nul_or_a_lone_surrogate_inside_an_option(
    user: Any, options: dict[str, Any]
) -> None:
    with pytest.raises(ValueError, match="NUL character"):
        inbox.notify(user, "Deleted", **options)
