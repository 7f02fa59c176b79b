"""``manage.py notify`` and ``manage.py toastkit_inbox_purge``."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from tests.inbox.conftest import pending
from toastkit.inbox import flags
from toastkit.inbox.models import InboxMessage

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_notify_by_username(user: User) -> None:
    assert "Sent to alice" in run("notify", "alice", "Deploy done.")
    assert pending(user) == ["Deploy done."]


def test_notify_by_pk(user: User) -> None:
    run("notify", str(user.pk), "By pk")
    assert pending(user) == ["By pk"]


def test_a_username_wins_over_a_pk(user: User) -> None:
    named_like_alices_pk = User.objects.create_user(str(user.pk))
    run("notify", str(user.pk), "To the username")
    assert pending(named_like_alices_pk) == ["To the username"]
    assert pending(user) == []


@pytest.mark.parametrize(
    ("level", "expected"),
    [("success", 25), ("ERROR", 40), ("Warning", 30), ("35", 35)],
)
def test_levels_by_name_or_number(user: User, level: str, expected: int) -> None:
    run("notify", "alice", "Leveled", "--level", level)
    assert InboxMessage.objects.get().level == expected


def test_options(user: User) -> None:
    run(
        "notify", "alice", "Opts", "--title", "Ops", "--duration", "3000",
        "--sticky", "--extra-tags", "big",
    )  # fmt: skip
    row = InboxMessage.objects.get()
    assert row.options == {"title": "Ops", "duration": 3000, "sticky": True}
    assert row.extra_tags == "big"


def test_a_key_is_stored_for_updates_in_place(user: User) -> None:
    run("notify", "alice", "Export ready", "--key", "export-42")
    assert InboxMessage.objects.get().options == {"key": "export-42"}


def test_an_empty_key_is_a_command_error(user: User) -> None:
    with pytest.raises(CommandError, match="'key' must be 1 to 100 characters"):
        run("notify", "alice", "Export ready", "--key", "")
    assert not InboxMessage.objects.exists()


def test_a_debug_message_below_message_level_is_reported_not_stored(
    user: User,
) -> None:
    assert "Nothing stored" in run("notify", "alice", "Hidden", "--level", "debug")
    assert pending(user) == []


@pytest.mark.parametrize("who", ["nobody", "999", "x" * 200])
def test_an_unknown_user_is_a_command_error(user: User, who: str) -> None:
    with pytest.raises(CommandError, match="No user"):
        run("notify", who, "Hi")


def test_an_unknown_level_is_a_command_error(user: User) -> None:
    with pytest.raises(CommandError, match="Unknown level 'loud'"):
        run("notify", "alice", "Hi", "--level", "loud")


@pytest.mark.parametrize(
    "args", [("",), ("Hi", "--duration", "-5")], ids=["empty", "negative-duration"]
)
def test_bad_input_is_a_command_error(user: User, args: tuple[str, ...]) -> None:
    with pytest.raises(CommandError, match=r"notify|duration"):
        run("notify", "alice", *args)
    assert InboxMessage.objects.count() == 0


def make(user: User, text: str, days_old: float, delivered: bool) -> None:
    now = timezone.now()
    InboxMessage.objects.create(
        user=user,
        level=20,
        message=text,
        created_at=now - timedelta(days=days_old),
        delivered_at=now if delivered else None,
    )


@pytest.fixture
def aged(user: User) -> User:
    make(user, "old delivered", 31, True)
    make(user, "old pending", 31, False)
    make(user, "recent delivered", 29, True)
    make(user, "recent pending", 1, False)
    return user


def remaining() -> list[str]:
    return sorted(InboxMessage.objects.values_list("message", flat=True))


def test_purge_deletes_messages_older_than_keep_days_delivered_or_not(
    aged: User,
) -> None:
    assert "Deleted 2 inbox message(s) older than 30 day(s)." in run(
        "toastkit_inbox_purge"
    )
    assert remaining() == ["recent delivered", "recent pending"]


@override_settings(TOASTKIT_INBOX_KEEP_DAYS=10)
def test_purge_follows_the_setting(aged: User) -> None:
    run("toastkit_inbox_purge")
    assert remaining() == ["recent pending"]


def test_purge_days_option_overrides_the_setting(aged: User) -> None:
    run("toastkit_inbox_purge", "--days", "60")
    assert len(remaining()) == 4


def test_purge_refuses_zero_days(aged: User) -> None:
    with pytest.raises(CommandError, match="at least 1"):
        run("toastkit_inbox_purge", "--days", "0")


def test_purge_refuses_days_before_year_one(aged: User) -> None:
    with pytest.raises(CommandError, match="before year 1"):
        run("toastkit_inbox_purge", "--days", "99999999")


@pytest.mark.usefixtures("shared_cache")
def test_purge_flags_users_with_pending_messages_again(
    aged: User, other_user: User
) -> None:
    make(other_user, "delivered only", 1, True)
    caches["default"].clear()  # say the cache was flushed
    assert "Flagged 1 user(s)" in run("toastkit_inbox_purge")
    assert caches["default"].get(flags.flag_key(aged.pk)) == 1
    assert caches["default"].get(flags.flag_key(other_user.pk)) is None


def test_the_shipped_migration_matches_the_model() -> None:
    out = StringIO()
    call_command(
        "makemigrations", "toastkit_inbox", "--check", "--dry-run", stdout=out
    )  # exits with status 1 when a migration is missing
    assert "No changes detected" in out.getvalue()
