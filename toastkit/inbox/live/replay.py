"""Sending again what a dropped stream may not have carried.

A stream claims rows with a token of its own (the rows' ``claim``): ``~``,
8 characters derived from the session key, and 4 random ones. So the rows
that the streams of one browser session claimed are found again by prefix,
and a stream's claims stay its own (``delivery.claim_rows`` reads back by the
whole token). A stream sends its rows in the order ``(delivered_at,
created_at, pk)``: each claim's rows share its ``delivered_at``.

On reconnect, the rows of this session's streams, *for this user*, claimed
within ``TOASTKIT_LIVE_REPLAY`` seconds and after the browser's last id
(a toast id, or the ``@time`` a stream started at) are sent again first; the
client ignores ids it has seen. The prefix comes from the session of the
request, never from the id: a forged id can select only the session's own
recent toasts, and an id not among them (another user's, garbage) nothing.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django.db import router
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac

from toastkit.inbox.delivery import to_toast
from toastkit.inbox.live.events import LastId
from toastkit.inbox.models import InboxMessage
from toastkit.toast import Toast

#: Most rows one reconnect sends again (a stream claims 20 at a time).
REPLAY_LIMIT = 200


def session_prefix(session_key: str) -> str:
    """The start of the tokens of a browser session's streams."""
    return (
        "~"
        + salted_hmac(
            "toastkit.inbox.live", session_key, algorithm="sha256"
        ).hexdigest()[:8]
    )


def stream_token(session_key: str) -> str:
    """A new stream's token: 13 characters, within ``InboxMessage.claim``."""
    return session_prefix(session_key) + secrets.token_urlsafe(3)


def replay(user_pk: Any, session_key: str, last: LastId, window: float) -> list[Toast]:
    """What this session's streams claimed for ``user_pk`` after ``last``,
    within ``window`` seconds, in the order they were sent (at most
    ``REPLAY_LIMIT``: the next reconnect goes on from the last one sent)."""
    using = router.db_for_write(InboxMessage)  # as the claim: a replica may lag
    mine = InboxMessage.objects.using(using).filter(
        user_id=user_pk,
        claim__startswith=session_prefix(session_key),
        delivered_at__gte=timezone.now() - timedelta(seconds=window),
    )
    if last.time is not None:
        after = mine.filter(delivered_at__gte=last.time)
    else:
        seen = mine.filter(toast_id=last.toast).values_list(
            "delivered_at", "created_at", "pk"
        )[:1]
        if not seen:  # not this session's, or past the window: nothing
            return []
        ((delivered_at, created_at, pk),) = seen
        after = mine.filter(
            Q(delivered_at__gt=delivered_at)
            | Q(delivered_at=delivered_at, created_at__gt=created_at)
            | Q(delivered_at=delivered_at, created_at=created_at, pk__gt=pk)
        )
    rows = after.order_by("delivered_at", "created_at", "pk")[:REPLAY_LIMIT]
    return [to_toast(row) for row in rows]
