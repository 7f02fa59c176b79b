"""Doorbells: what tells a process's streams that their user may have messages.

A doorbell keeps the process's streams by user and rings them; a rung
stream claims (the database is the truth: a doorbell carries no message).
``TOASTKIT_LIVE_DOORBELL`` picks the kind:

- ``poll`` (here): one ticker thread per process looks every
  ``TOASTKIT_LIVE_TICK`` at all the users with a stream in the process, with
  one ``get_many`` of the flag cache (``toastkit.inbox.flags``), or, with no
  flag cache, one query ``user_id IN (...)`` on the pending index (one per 500
  users). Never one query per stream.
- ``postgres`` (``doorbell_postgres.py``) and ``redis``
  (``doorbell_redis.py``): a listener thread rings the users ``notify()``
  announces, rings every stream when it (re)connects, and does the ``poll``
  look once every ``TOASTKIT_LIVE_SWEEP`` for what a lost announcement missed.

Each doorbell's thread starts with its first stream and ends with its last.
The setting is read as each stream opens (``process_doorbell()``): after a
change, new streams go to a new doorbell of the new kind, and the old one
ends with its last stream.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from time import monotonic
from typing import Any, ClassVar, Protocol

from django.db import router

from toastkit.conf import toastkit_settings
from toastkit.inbox import flags
from toastkit.inbox.live.pool import run_in_pool
from toastkit.inbox.models import InboxMessage

logger = logging.getLogger("toastkit")

#: Users per ``user_id IN (...)`` query: under every database's parameter limit.
BATCH = 500
#: The channel the real doorbells announce on (PostgreSQL's and Redis's).
CHANNEL = "toastkit_inbox"
#: Longest a listener waits for an announcement before it looks whether it
#: should end or sweep.
WAKE = 1.0
#: Seconds between two reconnection attempts: doubling from the first to the last.
BACKOFF = (0.1, 30.0)


class Listener(Protocol):
    """A stream, as the doorbell sees it."""

    user_pk: Any
    closed: bool

    def ring(self) -> None:
        """Look now: something may be pending (thread-safe)."""

    def logged_in(self) -> bool:
        """Whether its session is still its user's (blocking: the database)."""

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


class Doorbell:
    """The process's streams by user (the key is ``str(pk)``, as an
    announcement carries it), and the thread that rings them."""

    kind: ClassVar[str]

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.streams: dict[str, list[Listener]] = {}
        self.thread: threading.Thread | None = None
        #: Set: the thread ends (or never starts: the tests tick by hand).
        self.stopping = threading.Event()
        self.last_sweep = 0.0
        self.delay = BACKOFF[0]
        #: How many times a listener has connected (and rung every stream).
        self.reconnects = 0
        #: Set once a listener has connected (``listening()``).
        self.listened = threading.Event()
        #: The thread of the session rounds (``check_sessions``).
        self.rounds: threading.Thread | None = None

    def add(self, stream: Listener) -> None:
        """Register ``stream``; past the per-user cap, close the oldest."""
        with self.lock:
            mine = self.streams.setdefault(str(stream.user_pk), [])
            mine.append(stream)
            cap = toastkit_settings.LIVE_STREAMS_PER_USER
            excess = mine[: max(0, len(mine) - cap)]
            alive = self.thread is not None and self.thread.is_alive()
            if not alive and not self.stopping.is_set():
                self.thread = threading.Thread(
                    target=self.run, name=f"toastkit-live-{self.kind}", daemon=True
                )
                self.thread.start()
            if self.rounds is None and not self.stopping.is_set():
                self.rounds = threading.Thread(
                    target=self.run_rounds, name="toastkit-live-sessions", daemon=True
                )
                self.rounds.start()
        for old in excess:
            old.close()

    def remove(self, stream: Listener) -> None:
        with self.lock:
            mine = self.streams.get(str(stream.user_pk), [])
            if stream in mine:
                mine.remove(stream)
            if not mine:
                self.streams.pop(str(stream.user_pk), None)

    def connected(self) -> int:
        with self.lock:
            return sum(len(mine) for mine in self.streams.values())

    def idle(self) -> bool:
        """Whether the thread should end: no stream left (or told to stop).
        Decided under the lock ``add`` starts a thread under."""
        with self.lock:
            if self.streams and not self.stopping.is_set():
                return False
            self.thread = None
            return True

    def ring_users(self, user_pks: Any) -> None:
        """Ring every local stream of these users (pks or their ``str``)."""
        with self.lock:
            to_ring = [s for pk in user_pks for s in self.streams.get(str(pk), ())]
        for stream in to_ring:
            stream.ring()

    def ring_all(self) -> None:
        """Ring every local stream (a listener that was away may have missed
        an announcement)."""
        with self.lock:
            to_ring = [s for mine in self.streams.values() for s in mine]
        for stream in to_ring:
            stream.ring()

    def tick(self) -> None:
        """Ring the streams of every user with something pending (``poll``'s
        look; the real doorbells' sweep)."""
        with self.lock:
            user_pks = [mine[0].user_pk for mine in self.streams.values() if mine]
        if not user_pks:
            return
        try:  # in the pool: its connections are the process's live ones
            flagged = run_in_pool(lambda: pending_users(user_pks))
        except Exception:  # the database is down: the next look tries again
            logger.warning("toastkit: the live doorbell could not look.", exc_info=True)
            return
        self.ring_users(flagged)

    def check_sessions(self) -> None:
        """One session round: end each stream whose session is no longer its
        user's (a logout in another tab, an expired or flushed session, a
        password change), so it ends within a ping. One pool job checks all
        the process's streams, every ``TOASTKIT_LIVE_PING``, rather than a
        job and a new connection per stream per ping (measured: 1,000 idle
        streams cost 8.7% of a core before, 4.9% after)."""
        with self.lock:
            streams = [s for mine in self.streams.values() for s in mine]

        def check() -> None:
            for stream in streams:
                if not stream.closed and not stream.logged_in():
                    stream.close()

        try:
            run_in_pool(check)
        except Exception:  # the database is down: each claim checks again
            logger.warning(
                "toastkit: could not check the live streams' sessions.", exc_info=True
            )

    def run_rounds(self) -> None:
        """The session rounds' thread: until no stream is left."""
        while not self.stopping.wait(toastkit_settings.LIVE_PING):
            with self.lock:
                if not self.streams:
                    self.rounds = None
                    return
            self.check_sessions()
        with self.lock:
            self.rounds = None

    def sweep_due_in(self) -> float:
        """Seconds to the real doorbells' next sweep (``TOASTKIT_LIVE_SWEEP``,
        read each time); 0 when due."""
        return max(0.0, self.last_sweep + toastkit_settings.LIVE_SWEEP - monotonic())

    def sweep_if_due(self) -> float:
        """The real doorbells' sweep: ``tick()`` when due; returns the
        seconds to the next one."""
        if self.sweep_due_in() == 0:
            self.tick()
            self.last_sweep = monotonic()
        return self.sweep_due_in()

    def run(self) -> None:
        """The thread: until ``idle()``."""
        raise NotImplementedError

    # The real doorbells' listener threads.

    def reconnect_loop(
        self, listen: Callable[[], None], errors: tuple[type[BaseException], ...]
    ) -> None:
        """``listen()`` until idle; after it fails, again, after a delay
        doubling from ``BACKOFF[0]`` (since the last ``listening()``) to
        ``BACKOFF[1]``, sweeping meanwhile. ``errors`` are the expected
        failures (a lost connection): logged without their traceback."""
        self.delay = BACKOFF[0]
        self.last_sweep = monotonic()  # the first (re)connection rings them all
        while not self.idle():
            try:
                listen()
                return  # idle
            except Exception as exc:  # any: the thread must go on ringing
                logger.warning(
                    "toastkit: the live %s doorbell lost its connection (%s); "
                    "reconnecting in %.1f s.",
                    self.kind,
                    exc,
                    self.delay,
                    exc_info=not isinstance(exc, errors),
                )
            self.wait(self.delay)
            self.delay = min(self.delay * 2, BACKOFF[1])

    def listening(self) -> None:
        """Called by ``listen()`` once it (re)connected and (re)subscribed:
        rings every local stream (something may have been announced while
        no one listened) and resets the backoff."""
        self.delay = BACKOFF[0]
        self.reconnects += 1
        self.listened.set()
        self.ring_all()

    def wait(self, seconds: float) -> None:
        """Wait, sweeping meanwhile when due; ends early when stopping."""
        end = monotonic() + seconds
        while (left := end - monotonic()) > 0 and not self.stopping.is_set():
            self.stopping.wait(min(left, self.sweep_if_due()))


class PollDoorbell(Doorbell):
    """Looks at every connected user's flags each ``TOASTKIT_LIVE_TICK``."""

    kind = "poll"

    def run(self) -> None:
        while not self.stopping.wait(toastkit_settings.LIVE_TICK):
            if self.idle():
                return
            self.tick()


_lock = threading.Lock()
_doorbell: Doorbell | None = None
_built_for: tuple[str, str | None] = ("", None)


def build(kind: str) -> Doorbell:
    """A new doorbell of ``kind`` (its client library imported only now)."""
    if kind == "postgres":
        from toastkit.inbox.live.doorbell_postgres import PostgresDoorbell

        return PostgresDoorbell()
    if kind == "redis":
        from toastkit.inbox.live.doorbell_redis import RedisDoorbell

        return RedisDoorbell()
    return PollDoorbell()


def process_doorbell() -> Doorbell:
    """The process's doorbell, of the kind ``TOASTKIT_LIVE_DOORBELL`` names
    now; a new one when that setting (or ``TOASTKIT_LIVE_REDIS_URL``)
    changed since the last was built."""
    global _doorbell, _built_for
    wanted = (toastkit_settings.LIVE_DOORBELL, toastkit_settings.LIVE_REDIS_URL)
    with _lock:
        if _doorbell is None or wanted != _built_for:
            _doorbell, _built_for = build(wanted[0]), wanted
        return _doorbell
