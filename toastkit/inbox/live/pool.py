"""The process's threads for the live streams' database work, and when
their connections close.

Every blocking step of every stream (opening, claims) and of the doorbell
(its looks at the flags, the session rounds) runs in one small pool of
``TOASTKIT_LIVE_THREADS`` threads (read once, at the first stream): the
process holds at most that many database connections for its streams,
however many are open, and an idle stream holds none.

After each job the thread's connections follow Django's own rule for the
end of a request (``close_old_connections``): with ``CONN_MAX_AGE = 0``, the
default, each job closes its connection; with a lifetime, each pool thread
keeps one until it expires or breaks, which spares a new connection per
claim (measured: docs/benchmarks.md, "Live delivery").
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.db import close_old_connections, connections

from toastkit.conf import toastkit_settings

_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def pool() -> ThreadPoolExecutor:
    """The process's threads for the streams' database work."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(
                toastkit_settings.LIVE_THREADS, thread_name_prefix="toastkit-live"
            )
        return _pool


def in_pool(run: Callable[[], Any]) -> Any:
    """``run()`` in a pool thread; then its connections as at the end of a
    request (and closed after a failure: it may have broken them)."""
    try:
        return run()
    except BaseException:
        connections.close_all()
        raise
    finally:
        close_old_connections()


def run_in_pool(run: Callable[[], Any]) -> Any:
    """``run()`` in the pool, from a thread of the doorbell's, waiting for it."""
    return pool().submit(in_pool, run).result()


def close_request_connections() -> None:
    """Close this thread's connections, but not inside a transaction (a test's,
    or ``ATOMIC_REQUESTS``'s, which ``non_atomic_requests`` leaves out)."""
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close()
