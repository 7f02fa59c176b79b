"""The ``TOASTKIT_LIVE_*`` settings, read on each access (``override_settings`` works)."""

from __future__ import annotations

from django.conf import settings


def _get(name: str, default: float) -> float:
    value: float = getattr(settings, f"TOASTKIT_LIVE_{name}", default)
    return value


class LiveSettings:
    @property
    def TICK(self) -> float:
        """Seconds between two looks of the ``poll`` doorbell at all the flags."""
        return _get("TICK", 0.5)

    @property
    def PING(self) -> float:
        """Seconds between two ``ping`` events (and session checks) of a stream."""
        return _get("PING", 20.0)

    @property
    def MAX_AGE(self) -> float:
        """Seconds a stream lives before it ends (the browser reconnects)."""
        return _get("MAX_AGE", 600.0)

    @property
    def RETRY(self) -> int:
        """Milliseconds the browser waits before it reconnects (``retry:``)."""
        return int(_get("RETRY", 3000))

    @property
    def REPLAY(self) -> float:
        """Seconds after its claim a row a stream sent can be sent again."""
        return _get("REPLAY", 120.0)

    @property
    def STREAMS_PER_USER(self) -> int:
        """Most streams of one user in one process; a new one closes the oldest."""
        return int(_get("STREAMS_PER_USER", 5))

    @property
    def THREADS(self) -> int:
        """Threads (so database connections) the streams' claims share per process."""
        return int(_get("THREADS", 4))


live_settings = LiveSettings()
