"""The ``redis`` doorbell: pub/sub on the server ``TOASTKIT_LIVE_REDIS_URL`` names.

``notify()`` publishes the users' pks on the channel ``toastkit_inbox`` once
its transaction has committed (``publish``: a sync client, short timeouts).
Each process holds ONE subscribed connection of redis-py's asyncio client,
in a thread that runs an event loop for each connection, and rings the local streams of the
users in each message. redis-py's own reconnection (which resubscribes
silently) is turned off: this doorbell's loop reconnects, resubscribes and
rings every local stream, since something may have been published while it
was away. It also sweeps every ``TOASTKIT_LIVE_SWEEP`` seconds.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from typing import Any

import redis
import redis.asyncio
from redis.asyncio.retry import Retry as AsyncRetry
from redis.backoff import NoBackoff
from redis.retry import Retry

from toastkit.conf import toastkit_settings
from toastkit.inbox.live.announce import parse
from toastkit.inbox.live.doorbell import CHANNEL, WAKE, Doorbell

#: Seconds a publish may take to connect, then to be answered: a broker down
#: delays ``notify()``'s caller by at most about this, once per call.
PUBLISH_TIMEOUT = 0.5
#: TCP keepalives of the subscribed connection: first probe after 30 s of
#: silence, then every 10 s, dead after 3 unanswered (Linux's names).
KEEPALIVE = {
    option: value
    for name, value in (("TCP_KEEPIDLE", 30), ("TCP_KEEPINTVL", 10), ("TCP_KEEPCNT", 3))
    if (option := getattr(socket, name, None)) is not None
}

_clients: dict[str, redis.Redis] = {}
_clients_lock = threading.Lock()


def url() -> str:
    value = toastkit_settings.LIVE_REDIS_URL
    if not value:
        raise ValueError("TOASTKIT_LIVE_REDIS_URL is not set (toastkit.E043).")
    return value


def client() -> redis.Redis:
    """The process's publishing client (a pool of connections) for the URL."""
    with _clients_lock:
        if (found := _clients.get(url())) is None:
            found = _clients[url()] = redis.Redis.from_url(
                url(),
                socket_connect_timeout=PUBLISH_TIMEOUT,
                socket_timeout=PUBLISH_TIMEOUT,
                retry=Retry(NoBackoff(), 0),
            )
        return found


def publish(payloads: list[str], using: str) -> None:
    """``PUBLISH`` each payload (one round trip for them all)."""
    with client().pipeline(transaction=False) as pipe:
        for payload in payloads:
            pipe.publish(CHANNEL, payload)
        pipe.execute()


class RedisDoorbell(Doorbell):
    kind = "redis"

    def run(self) -> None:
        self.reconnect_loop(
            lambda: asyncio.run(self.listen()), (redis.RedisError, OSError)
        )

    async def listen(self) -> None:
        """Subscribe until the process has no stream; ring as told."""
        subscriber = redis.asyncio.Redis.from_url(
            url(),
            socket_connect_timeout=5,
            # A half-dead connection is found within about a minute (TCP
            # keepalives), not Linux's two hours: then this loop reconnects.
            socket_keepalive=True,
            socket_keepalive_options=KEEPALIVE,
            health_check_interval=30,
            retry=AsyncRetry(NoBackoff(), 0),  # this loop reconnects
        )
        pubsub = subscriber.pubsub(ignore_subscribe_messages=True)
        try:
            await pubsub.subscribe(CHANNEL)
            self.listening()
            while not self.idle():
                # The sweep waits for the pool: not in the event loop's thread.
                timeout = self.sweep_due_in() or await asyncio.to_thread(
                    self.sweep_if_due
                )
                message: Any = await pubsub.get_message(timeout=min(WAKE, timeout))
                if message is not None and message["type"] == "message":
                    self.ring_users(parse(message["data"]))
        finally:
            await pubsub.aclose()  # type: ignore[no-untyped-call]
            await subscriber.aclose()
