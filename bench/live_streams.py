"""The live bench's rows measured with streams (aiohttp), no browser.

Each row starts its own server(s), opens streams as toastkit-live.js would
(a session cookie, ``Last-Event-ID`` on reconnect, its backoff), and returns
its figures. ``Run`` carries what every row needs: the environment of the
servers, the sizes, the users, and ``db()``, which runs Django calls of this
process (``notify()``, queries) in one thread of their own, off the loop.
"""

from __future__ import annotations

import asyncio
import random
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from live_project import BENCH, cpu_seconds, rss_kib, server, sessions, threads
from live_sse import Stream, client, toasts

T = TypeVar("T")
TOAST_ID = re.compile(r'data-toastkit-toast data-id="([^"]+)"')


@dataclass
class Run:
    env: dict[str, str]
    quick: bool
    doorbell: str
    sizes: dict[str, int]
    users: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    executor: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(1))

    async def db(self, run: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self.executor, run)


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(p) - 1]


def notify(pks: int | list[int], text: str, **options: Any) -> tuple[list[str], float]:
    """``notify()`` in this process: the toasts' ids and the commit's wall clock."""
    from toastkit.inbox.api import notify as send

    rows = send(pks, text, **options)
    return [row.toast_id for row in rows], time.time()


def created_at(texts: list[str]) -> dict[str, tuple[str, float]]:
    """text: (toast id, created_at as epoch seconds) of the stored rows."""
    from toastkit.inbox.models import InboxMessage

    rows = InboxMessage.objects.filter(message__in=texts)
    return {r.message: (r.toast_id, r.created_at.timestamp()) for r in rows}


def more_sessions(user_pk: int, count: int) -> list[tuple[int, str]]:
    """``count`` new sessions of one user, as if from ``count`` browsers."""
    from django.contrib.auth.models import User

    return sessions([User.objects.get(pk=user_pk)] * count)


def pg_connections() -> int | None:
    """Connections to the run's database other than this one, if PostgreSQL."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return int(cursor.fetchone()[0])


async def open_all(streams: list[Stream], at_once: int = 100) -> None:
    """Open every stream and read its ``ready``, ``at_once`` at a time."""
    gate = asyncio.Semaphore(at_once)

    async def open_(stream: Stream) -> None:
        async with gate:
            await stream.__aenter__()
            await stream.ready()

    await asyncio.gather(*(open_(s) for s in streams))


async def first_toasts(
    stream: Stream, count: int, got: list[tuple[str, str, float]]
) -> None:
    """Read ``stream`` until ``count`` toasts arrived in ``got`` (id, text, at)."""
    async for event in stream.events():
        got.extend((tid, text, event.at) for tid, text in toasts(event))
        if len(got) >= count:
            return


async def two_workers(run: Run) -> dict[str, Any]:
    """Row 2: two uvicorn workers, ``manage.py notify`` from a third process."""
    count, spread = run.sizes["two_workers"], 6
    user_pk = run.users["solo"][0][0]
    cookies = await run.db(lambda: more_sessions(user_pk, spread))
    got: list[tuple[str, str, float]] = []
    with server(run.env, workers=2) as (base, _):
        async with client() as http:
            streams = [Stream(http, base, cookie) for _, cookie in cookies]
            await open_all(streams)
            readers = [
                asyncio.create_task(first_toasts(s, count, got)) for s in streams
            ]
            texts = [f"two workers {n}" for n in range(count)]
            for text in texts:
                command = [sys.executable, "-m", "django", "notify", str(user_pk), text]
                await asyncio.to_thread(
                    subprocess.run,
                    command,
                    env=run.env,
                    cwd=BENCH,
                    check=True,
                    stdout=subprocess.DEVNULL,
                )
                await asyncio.sleep(random.uniform(0, 0.5))
            deadline = time.monotonic() + 10
            while len({t for _, t, _ in got}) < count and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            for reader in readers:
                reader.cancel()
    stored = await run.db(lambda: created_at(texts))
    ids = Counter(tid for tid, _, _ in got)
    first = {}
    for _tid, text, at in got:
        first.setdefault(text, at)
    latencies = [1000 * (first[t] - stored[t][1]) for t in texts if t in first]
    once = len(ids) == count and all(n == 1 for n in ids.values())
    p95 = percentile(latencies, 95)
    fast = run.doorbell == "poll" or p95 <= 250
    return {
        "notifies": count,
        "streams": spread,
        "received": len(ids),
        "claimed_more_than_once": sum(1 for n in ids.values() if n > 1),
        "p50_ms": percentile(latencies, 50),
        "p95_ms": p95,
        "met": once and fast,
    }


async def thousand(run: Run) -> tuple[dict[str, Any], dict[str, Any]]:
    """Rows 3 and 4: idle streams on one worker, then one notify to all their users."""
    crowd = run.users["crowd"][: run.sizes["streams"]]
    idle = run.sizes["idle_seconds"]
    with server(run.env) as (base, process):
        pid = process.pid
        async with client() as http:
            for _, cookie in crowd[:5]:  # warm the worker up: imports, pools
                async with Stream(http, base, cookie) as warm:
                    await warm.ready()
            await asyncio.sleep(1)
            before = rss_kib(pid)
            streams = [Stream(http, base, cookie) for _, cookie in crowd]
            started = time.monotonic()
            await open_all(streams)
            opened_s = time.monotonic() - started
            await asyncio.sleep(2)
            after = rss_kib(pid)
            connections: list[int] = []
            cpu0, t0 = cpu_seconds(pid), time.monotonic()
            while time.monotonic() - t0 < idle:
                await asyncio.sleep(1)
                if (n := await run.db(pg_connections)) is not None:
                    connections.append(n)
            cpu = 100 * (cpu_seconds(pid) - cpu0) / (time.monotonic() - t0)
            # Row 4: one notify() to every connected user.
            arrivals: list[list[tuple[str, str, float]]] = [[] for _ in streams]
            readers = [
                asyncio.create_task(first_toasts(s, 1, got))
                for s, got in zip(streams, arrivals, strict=True)
            ]
            pks = [pk for pk, _ in crowd]
            _, commit = await run.db(lambda: notify(pks, "To everyone"))
            busy: list[int] = []
            deadline = time.monotonic() + 30
            while not all(r.done() for r in readers) and time.monotonic() < deadline:
                await asyncio.sleep(0.2)
                if (n := await run.db(pg_connections)) is not None:
                    busy.append(n)
            for reader in readers:
                reader.cancel()
            for stream in streams:
                stream.close()
    pool = 4  # TOASTKIT_LIVE_THREADS' default
    most = max(connections + busy) if connections or busy else None
    per_stream = (after - before) / len(crowd)
    idle_row = {
        "streams": len(crowd),
        "open_seconds": round(opened_s, 1),
        "rss_before_kib": before,
        "rss_after_kib": after,
        "kib_per_stream": round(per_stream, 1),
        "idle_seconds": idle,
        "idle_cpu_percent": round(cpu, 2),
        "pg_connections_max": most,
        "pg_connections_limit": pool + 1,
        "met": per_stream <= 100 and cpu <= 5 and (most is None or most <= pool + 1),
    }
    latencies = [1000 * (got[0][2] - commit) for got in arrivals if got]
    received = sum(1 for got in arrivals if got)
    p95 = percentile(latencies, 95)
    fanout_row = {
        "users": len(crowd),
        "received": received,
        "p50_ms": percentile(latencies, 50),
        "p95_ms": p95,
        "max_ms": max(latencies, default=float("nan")),
        "met": received == len(crowd) and p95 <= 2000,
    }
    return idle_row, fanout_row


async def cycles(run: Run) -> dict[str, Any]:
    """Row 6: streams opened and closed; threads and memory afterwards."""
    crowd = run.users["crowd"]
    count = run.sizes["cycles"]
    with server(run.env) as (base, process):
        pid = process.pid
        async with client() as http:

            async def cycle(n: int, gate: asyncio.Semaphore) -> None:
                async with gate, Stream(http, base, crowd[n % len(crowd)][1]) as s:
                    await s.ready()

            async def cycles_(total: int) -> None:
                gate = asyncio.Semaphore(10)
                await asyncio.gather(*(cycle(n, gate) for n in range(total)))

            await cycles_(50)  # warm up: the pool's threads, imports, caches
            await asyncio.sleep(2)  # the ticker ends a tick after the last stream
            threads0, rss0 = threads(pid), rss_kib(pid)
            started = time.monotonic()
            await cycles_(count)
            took = time.monotonic() - started
            deadline = time.monotonic() + 10
            while threads(pid) > threads0 and time.monotonic() < deadline:
                await asyncio.sleep(0.2)
            await asyncio.sleep(1)
            threads1, rss1 = threads(pid), rss_kib(pid)
    growth = 100 * (rss1 - rss0) / rss0
    return {
        "cycles": count,
        "seconds": round(took, 1),
        "threads_before": threads0,
        "threads_after": threads1,
        "rss_before_kib": rss0,
        "rss_after_kib": rss1,
        "memory_growth_percent": round(growth, 1),
        "met": threads1 <= threads0 and growth <= 10,
    }
