"""The ``poll`` doorbell: one ticker per process looks at every connected user at once.

Each tick (``TOASTKIT_LIVE_TICK``, 0.5 s) reads the pending flags of all the
users with a stream in this process with one ``get_many`` of the flag cache
(``toastkit.inbox.flags``), or, with no flag cache, one query ``user_id IN
(...)`` on the pending index (one per 500 users), and rings only the streams
of users with something pending. Never one query per stream.

The ticker is a thread under ASGI as under WSGI: its work (a cache or a
database read) blocks, and one thread serves the process's sync and async
streams alike. It starts with the first stream and ends with the last.
"""

from __future__ import annotations

import logging
import threading
from typing import Any, Protocol

from django.db import close_old_connections, connections, router

from toastkit.inbox import flags
from toastkit.inbox.live.conf import live_settings
from toastkit.inbox.models import InboxMessage

logger = logging.getLogger("toastkit")

#: Users per ``user_id IN (...)`` query: under every database's parameter limit.
BATCH = 500


class Listener(Protocol):
    """A stream, as the doorbell sees it."""

    user_pk: Any

    def ring(self) -> None:
        """Look now: something may be pending (thread-safe)."""

    def close(self) -> None:
        """End the stream (thread-safe)."""


def pending_users(user_pks: list[Any]) -> set[Any]:
    """Which of these users may have messages pending: one cache read, or one
    query per ``BATCH`` users."""
    cache = flags.flag_cache()
    if cache is not None:
        keys = {flags.flag_key(pk): pk for pk in user_pks}
        try:
            return {keys[key] for key in cache.get_many(list(keys))}
        except Exception:  # the cache is down: ask the database, as flags do
            logger.warning("toastkit: could not read the inbox's flags.", exc_info=True)
    using = router.db_for_read(InboxMessage)
    found: set[Any] = set()
    for start in range(0, len(user_pks), BATCH):
        found.update(
            InboxMessage.objects.using(using)
            .filter(user_id__in=user_pks[start : start + BATCH], delivered_at=None)
            .order_by()
            .values_list("user_id", flat=True)
            .distinct()
        )
    return found


class PollDoorbell:
    """The process's streams by user, and the ticker that rings them."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.streams: dict[Any, list[Listener]] = {}
        self.ticker: threading.Thread | None = None
        self.stopping = threading.Event()

    def add(self, stream: Listener) -> None:
        """Register ``stream``; past the per-user cap, close the oldest."""
        with self.lock:
            mine = self.streams.setdefault(stream.user_pk, [])
            mine.append(stream)
            excess = mine[: max(0, len(mine) - live_settings.STREAMS_PER_USER)]
            if self.ticker is None:
                self.ticker = threading.Thread(
                    target=self.run, name="toastkit-live-ticker", daemon=True
                )
                self.ticker.start()
        for old in excess:
            old.close()

    def remove(self, stream: Listener) -> None:
        with self.lock:
            mine = self.streams.get(stream.user_pk, [])
            if stream in mine:
                mine.remove(stream)
            if not mine:
                self.streams.pop(stream.user_pk, None)

    def connected(self) -> int:
        with self.lock:
            return sum(len(mine) for mine in self.streams.values())

    def tick(self) -> None:
        """Ring the streams of every user with something pending."""
        with self.lock:
            user_pks = list(self.streams)
        if not user_pks:
            return
        try:
            flagged = pending_users(user_pks)
        except Exception:  # the database is down: the next tick tries again
            logger.warning("toastkit: the live doorbell could not look.", exc_info=True)
            return
        finally:
            close_old_connections()  # CONN_MAX_AGE decides, as for a request
        with self.lock:
            to_ring = [s for pk in flagged for s in self.streams.get(pk, ())]
        for stream in to_ring:
            stream.ring()

    def run(self) -> None:
        try:
            while not self.stopping.wait(live_settings.TICK):
                with self.lock:
                    if not self.streams:
                        self.ticker = None
                        return
                self.tick()
        finally:
            connections.close_all()


#: The process's doorbell.
doorbell = PollDoorbell()
