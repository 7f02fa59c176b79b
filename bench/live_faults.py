"""The live bench's fault rows: connections killed after a claim, a restart.

Clients here behave as toastkit-live.js does: they remember the last event
id and send it as ``Last-Event-ID`` when they reconnect, drop a toast whose
id they have shown, and back off (1 s doubling to 60 s, jittered) after a
failed connection; after a stream that ended they wait its ``retry:``
(3 s), as ``EventSource`` does.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter
from typing import Any

import aiohttp
from live_project import free_port, server, start, stop, uvicorn_command
from live_sse import COOKIE, Stream, backoff, client, toasts
from live_streams import TOAST_ID, Run, more_sessions, notify

#: The ``retry:`` field's default, seconds (TOASTKIT_LIVE_RETRY).
RETRY = 3.0


async def chaos(run: Run) -> dict[str, Any]:
    """Row 5: 8 streams of one user on 2 workers, page requests, notifies;
    10% of the connections closed right after a toast arrives."""
    user_pk = run.users["solo"][0][0]
    count = run.sizes["chaos"]
    cookies = await run.db(lambda: more_sessions(user_pk, 9))
    shows: Counter[str] = Counter()  # toast id: clients that showed it
    tally: Counter[str] = Counter()  # kills, replays absorbed, statuses
    done = asyncio.Event()

    async def browser(http: aiohttp.ClientSession, base: str, cookie: str) -> None:
        seen: set[str] = set()
        last: str | None = None
        failures = 0
        while not done.is_set():
            try:
                async with Stream(http, base, cookie, last) as stream:
                    tally[f"status {stream.status}"] += 1
                    async for event in stream.events():
                        last = event.id or last
                        failures = 0
                        got = toasts(event)
                        for tid, _ in got:
                            if tid in seen:
                                tally["replayed and dropped"] += 1
                            else:
                                seen.add(tid)
                                shows[tid] += 1
                        if got and random.random() < 0.1:
                            tally["killed after a claim"] += 1
                            break
            except (aiohttp.ClientError, ConnectionError):
                failures += 1
                await asyncio.sleep(backoff(failures - 1))
            await asyncio.sleep(random.uniform(0.05, 0.2))  # reconnect soon

    async def pages(http: aiohttp.ClientSession, base: str, cookie: str) -> None:
        seen: set[str] = set()
        while not done.is_set():
            async with http.get(base + "/page/", cookies={COOKIE: cookie}) as response:
                tally[f"page {response.status}"] += 1
                for tid in TOAST_ID.findall(await response.text()):
                    if tid not in seen:
                        seen.add(tid)
                        shows[tid] += 1
            await asyncio.sleep(0.1)

    sent: list[str] = []
    with server(run.env, workers=2) as (base, _):
        async with client() as http:
            tasks = [
                asyncio.create_task(browser(http, base, c)) for _, c in cookies[:8]
            ]
            tasks.append(asyncio.create_task(pages(http, base, cookies[8][1])))
            await asyncio.sleep(1)
            for n in range(count):
                ids, _ = await run.db(lambda n=n: notify(user_pk, f"chaos {n}"))
                sent.extend(ids)
                await asyncio.sleep(random.uniform(0, 0.04))
            deadline = time.monotonic() + 20
            while not set(sent) <= shows.keys() and time.monotonic() < deadline:
                await asyncio.sleep(0.1)
            await asyncio.sleep(1)  # a late duplicate would show now
            done.set()
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
    lost = len(set(sent) - shows.keys())
    twice = sum(n - 1 for n in shows.values() if n > 1)
    errors = sum(n for k, n in tally.items() if k.split()[-1].startswith("5"))
    return {
        "notifies": count,
        "streams": 8,
        "lost": lost,
        "shown_twice": twice,
        **dict(sorted(tally.items())),
        "server_errors": errors,
        "met": lost == 0 and twice == 0 and errors == 0,
    }


async def restart(run: Run) -> dict[str, Any]:
    """Row 7: the worker restarted under its streams; how many are back in 30 s."""
    crowd = run.users["crowd"][: run.sizes["streams"]]
    port = free_port()
    command = uvicorn_command(port)
    base = f"http://127.0.0.1:{port}"
    process = await asyncio.to_thread(start, command, run.env, port)
    statuses: Counter[int] = Counter()
    back: dict[int, float] = {}
    ready = asyncio.Event()
    opened: set[int] = set()
    killed_at = 0.0

    async def browser(http: aiohttp.ClientSession, n: int, cookie: str) -> None:
        last: str | None = None
        failures = 0
        while True:
            try:
                async with Stream(http, base, cookie, last) as stream:
                    statuses[stream.status] += 1
                    if stream.status != 200:
                        raise ConnectionError(stream.status)
                    async for event in stream.events():
                        last = event.id or last
                        if event.event == "ready":
                            failures = 0
                            if killed_at:
                                back.setdefault(n, time.monotonic() - killed_at)
                            else:
                                opened.add(n)
                                if len(opened) == len(crowd):
                                    ready.set()
                # The stream ended: EventSource waits its retry: field.
                await asyncio.sleep(stream.retry or RETRY)
            except (aiohttp.ClientError, ConnectionError):
                await asyncio.sleep(backoff(failures))
                failures += 1

    async with client() as http:
        tasks = [
            asyncio.create_task(browser(http, n, c)) for n, (_, c) in enumerate(crowd)
        ]
        await asyncio.wait_for(ready.wait(), 120)
        killed_at = time.monotonic()
        await asyncio.to_thread(stop, process)
        process = await asyncio.to_thread(start, command, run.env, port)
        up = time.monotonic() - killed_at
        while len(back) < len(crowd) and time.monotonic() - killed_at < 30:
            await asyncio.sleep(0.2)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    await asyncio.to_thread(stop, process)
    within = sum(1 for t in back.values() if t <= 30)
    errors = sum(n for status, n in statuses.items() if status >= 500)
    share = 100 * within / len(crowd)
    return {
        "streams": len(crowd),
        "down_seconds": round(up, 1),
        "reconnected_percent": round(share, 1),
        "p95_back_seconds": round(sorted(back.values())[int(0.95 * (len(back) - 1))], 1)
        if back
        else None,
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "server_errors": errors,
        "met": share >= 99 and errors == 0,
    }
