"""The claim's query plan on PostgreSQL, when one user's many pending rows are the newest.

0.3.0 ordered the pending lookup by ``created_at`` alone. With 100,000 of one
user's rows pending among 1.1 million, all newer than the rest, PostgreSQL
walked the ``created_at`` index from the oldest row of every user and
filtered a million rows: 444 ms a claim. The lookup is now ordered as the
pending index is, which PostgreSQL reads as one range at any skew.

Marked ``postgres``: the inbox_postgres session runs it (the unit sessions
deselect it); elsewhere it fails and says how to run it.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import connection

from toastkit.inbox.delivery import CLAIM_LIMIT, pending_query
from toastkit.inbox.models import InboxMessage

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

TABLE = InboxMessage._meta.db_table
#: Smaller than the measured case, large enough for the same plan choice.
OTHERS_ROWS = 200_000
SKEWED_ROWS = 20_000


@pytest.fixture
def skewed_user() -> User:
    """A user whose 20,000 pending rows are newer than 200,000 delivered
    rows of other users; statistics fresh, as autovacuum would leave them."""
    if connection.vendor != "postgresql":
        pytest.fail("PostgreSQL only: ./scripts/test.sh -s inbox_postgres")
    others = User.objects.create_user("others")
    skewed = User.objects.create_user("skewed")
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {TABLE} (user_id, level, message, safe, extra_tags,
                options, toast_id, created_at, delivered_at, claim)
            SELECT %s, 20, 'old', false, '', '{{}}', 'o' || n,
                now() - interval '1 year' + n * interval '1 second',
                now() - interval '1 year' + n * interval '1 second', 'x'
            FROM generate_series(1, %s) AS n
            """,
            [others.pk, OTHERS_ROWS],
        )
        cursor.execute(
            f"""
            INSERT INTO {TABLE} (user_id, level, message, safe, extra_tags,
                options, toast_id, created_at, delivered_at, claim)
            SELECT %s, 20, 'new', false, '', '{{}}', 's' || n,
                now() + n * interval '1 millisecond', NULL, ''
            FROM generate_series(1, %s) AS n
            """,
            [skewed.pk, SKEWED_ROWS],
        )
        cursor.execute(f"ANALYZE {TABLE}")
    return skewed


def plan_of(query: object) -> str:
    plan: str = query.explain()  # type: ignore[attr-defined]
    return plan


def test_the_claim_reads_one_range_of_the_pending_index_at_any_skew(
    skewed_user: User,
) -> None:
    plan = plan_of(pending_query(skewed_user.pk, CLAIM_LIMIT, "default"))
    assert "toastkit_inbox_pending" in plan, plan
    assert "created_at_" not in plan, plan  # not the created_at index


def test_control_ordered_by_created_at_alone_it_walks_the_created_at_index(
    skewed_user: User,
) -> None:
    """0.3.0's ordering, on the same rows: the plan the fix avoids."""
    query = InboxMessage.objects.filter(
        user_id=skewed_user.pk, delivered_at__isnull=True
    ).order_by("created_at", "pk")[: CLAIM_LIMIT + 1]
    assert "toastkit_inbox_pending" not in plan_of(query)
