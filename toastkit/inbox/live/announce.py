"""``notify()``'s announcement to the live doorbells of every process.

Once the messages' transaction has committed, ``notify()`` calls
``announce(user_pks, using)``: with the ``postgres`` doorbell a ``pg_notify``,
with ``redis`` a ``PUBLISH``, on the channel ``toastkit_inbox``; with ``poll``
nothing (its ticker looks by itself). The payload is a JSON list of the
users' pks as strings, split under PostgreSQL's 8000-byte limit. A failed
announcement is logged and loses nothing: the message is in the database,
and each doorbell's sweep (``TOASTKIT_LIVE_SWEEP``) finds it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from functools import partial
from typing import Any

from django.db import transaction

from toastkit.conf import toastkit_settings

logger = logging.getLogger("toastkit")

#: PostgreSQL refuses a NOTIFY payload of 8000 bytes or more.
PAYLOAD_LIMIT = 7999


def payloads(user_pks: list[Any]) -> Iterator[str]:
    """JSON lists of the pks as strings, each at most ``PAYLOAD_LIMIT`` bytes."""
    batch: list[str] = []
    size = 1  # "]"
    for pk in map(str, user_pks):
        item = len(compact(pk)) + 1  # "[" or ","
        if batch and size + item > PAYLOAD_LIMIT:
            yield compact(batch)
            batch, size = [], 1
        batch.append(pk)
        size += item
    if batch:
        yield compact(batch)


def compact(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"))


def parse(payload: str | bytes) -> list[str]:
    """The pks of a payload; none (and a warning) for anything else: larger
    than an announcement is, or nested past the parser's depth."""
    try:
        pks = json.loads(payload) if len(payload) <= PAYLOAD_LIMIT else None
    except (ValueError, RecursionError):
        pks = None
    if not isinstance(pks, list):
        logger.warning("toastkit: ignored a live announcement: %r", payload[:100])
        return []
    return [str(pk) for pk in pks]


def announce(user_pks: list[Any], using: str) -> None:
    """Ring the doorbells of these users' streams, in every process."""
    kind = toastkit_settings.LIVE_DOORBELL
    if kind not in ("postgres", "redis"):
        return
    try:
        if kind == "postgres":
            from toastkit.inbox.live.doorbell_postgres import publish
        else:
            from toastkit.inbox.live.doorbell_redis import publish
        publish(list(payloads(user_pks)), using)
    except Exception:  # a broker down, a timeout, a missing package (E040-E043)
        logger.warning(
            "toastkit: could not announce inbox messages to the %s doorbell; "
            "its sweep will deliver them.",
            kind,
            exc_info=True,
        )


def announce_on_commit(user_pks: list[Any], using: str) -> None:
    """``announce()`` once the current transaction commits (at once outside
    one), when a real doorbell is chosen: messages for these users are
    pending (``notify()``), or pending again (``delivery.release``)."""
    if toastkit_settings.LIVE_DOORBELL != "poll":
        transaction.on_commit(partial(announce, user_pks, using), using=using)
