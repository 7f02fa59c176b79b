"""The ``redis`` doorbell on a real Redis server (scripts/with-redis.sh).

Marked ``redis``: it needs ``TOASTKIT_TEST_REDIS``; without it, it skips,
or fails under CI=true. Any database: the broker is Redis.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.inbox.live.real_doorbell import (
    RealDoorbellTests,
    doorbell_server,
    require,
)

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]

REDIS_URL = os.environ.get("TOASTKIT_TEST_REDIS", "")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    require("Redis server", bool(REDIS_URL), "scripts/with-redis.sh")
    with doorbell_server(
        TOASTKIT_LIVE_DOORBELL="redis",
        TOASTKIT_LIVE_REDIS_URL=REDIS_URL,
        TOASTKIT_LIVE_SWEEP=60,
    ) as url:
        yield url


class TestRedisDoorbell(RealDoorbellTests):
    kind = "redis"

    def kill_listener(self) -> int:
        import redis

        killed: int = redis.Redis.from_url(REDIS_URL).client_kill_filter(_type="pubsub")
        return killed
