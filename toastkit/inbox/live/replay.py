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
    within ``window`` seconds, in the order they were sent."""
    using = router.db_for_write(InboxMessage)  # as the claim: a replica may lag
    rows = list(
        InboxMessage.objects.using(using)
        .filter(
            user_id=user_pk,
            claim__startswith=session_prefix(session_key),
            delivered_at__gte=timezone.now() - timedelta(seconds=window),
        )
        .order_by("delivered_at", "created_at", "pk")[:REPLAY_LIMIT]
    )
    if last.time is not None:
        after = [
            row for row in rows if row.delivered_at and row.delivered_at >= last.time
        ]
    else:
        ids = [row.toast_id for row in rows]
        after = rows[ids.index(last.toast) + 1 :] if last.toast in ids else []
    return [to_toast(row) for row in after]
