"""Sending again what a dropped stream may not have carried.

A stream claims rows with its own token (``claim`` = ``~...``) and sends
them in the order of ``(delivered_at, created_at, pk)``: each claim's rows
share its ``delivered_at``, and a stream claims one batch at a time. Given
the last id the browser received (``<stream>.<toast id>``), the rows of that
stream *and of this user* claimed within ``TOASTKIT_LIVE_REPLAY`` seconds
that come after it are the ones the browser may have missed. The new stream
takes them over (their ``claim`` becomes its token) and sends them first, so
a reconnect that fails again is replayed from the new stream's id.

A forged id finds nothing: the rows are always filtered by the session's
user, and a token or toast id that is not one of that user's rows replays
nothing (an unknown toast id with a known token replays the whole window of
that stream, which the client has mostly seen: it ignores ids it has seen).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import router
from django.utils import timezone

from toastkit.inbox.delivery import to_toast
from toastkit.inbox.live.events import EventId
from toastkit.inbox.models import InboxMessage
from toastkit.toast import Toast

#: Most rows one reconnect sends again (a stream claims 20 at a time).
REPLAY_LIMIT = 200


def take_over(user_pk: Any, last: EventId, token: str, window: float) -> list[Toast]:
    """The rows of ``user_pk`` that stream ``last.stream`` claimed within
    ``window`` seconds after the toast ``last.toast``, now claimed by
    ``token``, in the order they were first sent."""
    using = router.db_for_write(InboxMessage)
    mine = InboxMessage.objects.using(using).filter(
        user_id=user_pk,
        claim=last.stream,
        delivered_at__gte=timezone.now() - timedelta(seconds=window),
    )
    rows = list(mine.order_by("delivered_at", "created_at", "pk")[:REPLAY_LIMIT])
    ids = [row.toast_id for row in rows]
    if last.toast in ids:
        rows = rows[ids.index(last.toast) + 1 :]
    if not rows:
        return []
    pks = [row.pk for row in rows]
    taken = mine.filter(pk__in=pks).update(claim=token)
    if taken < len(rows):  # another stream took some over first
        kept = set(
            InboxMessage.objects.using(using)
            .filter(pk__in=pks, claim=token)
            .values_list("pk", flat=True)
        )
        rows = [row for row in rows if row.pk in kept]
    return [to_toast(row) for row in rows]
