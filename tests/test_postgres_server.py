"""The PostgreSQL server that scripts/with-postgres.sh starts for the
inbox_postgres session answers at TOASTKIT_TEST_POSTGRES. Marked ``postgres``:
the other sessions deselect it; in that one, a missing server fails it."""

from __future__ import annotations

import os

import pytest

pytestmark = pytest.mark.postgres


def test_server_answers() -> None:
    url = os.environ.get("TOASTKIT_TEST_POSTGRES")
    if not url:
        pytest.fail(
            "TOASTKIT_TEST_POSTGRES is not set: run ./scripts/with-postgres.sh pytest"
        )
    import psycopg  # in the postgres dependency group only

    with psycopg.connect(url, connect_timeout=10) as connection:
        row = connection.execute(
            "SELECT version(), current_setting('server_encoding')"
        ).fetchone()
    assert row is not None
    version, encoding = row
    assert version.startswith("PostgreSQL "), version
    assert encoding == "UTF8"
