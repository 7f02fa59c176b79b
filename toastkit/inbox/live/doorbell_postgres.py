"""The ``postgres`` doorbell: ``LISTEN``/``NOTIFY`` on the inbox's own database.

``notify()`` sends ``pg_notify('toastkit_inbox', '["<pk>", ...]')`` once its
transaction has committed, in a transaction of its own (``publish``). Each
process holds ONE dedicated autocommit psycopg 3 connection (built from the
Django alias's ``get_connection_params()``), ``LISTEN``s on it in a thread,
and rings the local streams of the users in each payload. When the
connection drops, the thread reconnects with backoff and rings every local
stream (something may have been announced while it was away); it also
sweeps every ``TOASTKIT_LIVE_SWEEP`` seconds.
"""

from __future__ import annotations

import logging
from typing import Any

import psycopg
from django.db import connections, router, transaction

from toastkit.inbox.live.announce import parse
from toastkit.inbox.live.doorbell import CHANNEL, WAKE, Doorbell
from toastkit.inbox.models import InboxMessage

logger = logging.getLogger("toastkit")


def publish(payloads: list[str], using: str) -> None:
    """``pg_notify`` each payload, in a transaction of its own (after the
    messages' commit: a NOTIFY in a long transaction would hold PostgreSQL's
    notification queue lock until its commit)."""
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        for payload in payloads:
            cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, payload])


def connection_params() -> dict[str, Any]:
    """psycopg's ``connect()`` arguments for the database of the messages."""
    params: dict[str, Any] = connections[
        router.db_for_write(InboxMessage)
    ].get_connection_params()
    params.pop("cursor_factory", None)  # Django's cursors, Django's adapters
    params.pop("context", None)
    params.setdefault("connect_timeout", 10)
    # A half-dead connection (a NAT or a failover dropped it silently) is
    # found within about a minute, not Linux's two hours: the listener then
    # reconnects and rings every stream instead of leaving them to the sweep.
    params.setdefault("keepalives", 1)
    params.setdefault("keepalives_idle", 30)
    params.setdefault("keepalives_interval", 10)
    params.setdefault("keepalives_count", 3)
    return params


class PostgresDoorbell(Doorbell):
    kind = "postgres"

    def run(self) -> None:
        # Its sweeps run in the pool (Doorbell.tick): no connection of Django's here.
        self.reconnect_loop(self.listen, (psycopg.Error,))

    def listen(self) -> None:
        """``LISTEN`` until the process has no stream; ring as told."""
        with psycopg.connect(**connection_params(), autocommit=True) as conn:
            conn.execute(f"LISTEN {CHANNEL}")
            self.listening()
            while not self.idle():
                timeout = min(WAKE, self.sweep_if_due())
                for notice in conn.notifies(timeout=timeout):
                    self.ring_users(parse(notice.payload))
