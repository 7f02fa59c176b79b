"""The ``postgres`` doorbell on a real PostgreSQL server (scripts/with-postgres.sh).

Marked ``postgres``: the inbox_postgres session runs it; without PostgreSQL
it skips, or fails under CI=true.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connection

from tests.inbox.live.real_doorbell import (
    RealDoorbellTests,
    doorbell_server,
    require,
)
from toastkit.inbox.live.doorbell import CHANNEL

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    require(
        "PostgreSQL database",
        connection.vendor == "postgresql",
        "scripts/with-postgres.sh (./scripts/test.sh -s inbox_postgres)",
    )
    with doorbell_server(
        TOASTKIT_LIVE_DOORBELL="postgres", TOASTKIT_LIVE_SWEEP=60
    ) as url:
        yield url


class TestPostgresDoorbell(RealDoorbellTests):
    kind = "postgres"

    def kill_listener(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE query = %s AND pid <> pg_backend_pid()",
                [f"LISTEN {CHANNEL}"],
            )
            return len(cursor.fetchall())
