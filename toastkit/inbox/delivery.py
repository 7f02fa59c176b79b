"""Claiming a user's pending messages at the point of delivery.

``claim_pending(user)`` marks the user's oldest pending messages delivered
and returns them as ``Toast``s; whoever calls it must show them (a request
through ``ToastMiddleware`` and ``{% toasts %}``, later a live connection).
The claim is one ``UPDATE ... WHERE delivered_at IS NULL``: each row is
claimed by exactly one caller on every database Django supports, however
many requests of the same user run at once.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from django.db import OperationalError, router, transaction
from django.utils import timezone
from django.utils.safestring import mark_safe

from toastkit.inbox import flags
from toastkit.inbox.models import InboxMessage
from toastkit.toast import Toast, new_id, stored_options

if TYPE_CHECKING:
    from django.contrib.messages.storage.base import Message
    from django.db.models import Model
    from django.http import HttpRequest

logger = logging.getLogger("toastkit")

#: Most messages one response claims; the rest wait for the next ones. A page
#: shows five at a time (TOASTKIT_MAX_VISIBLE) and the header and the cookie
#: hold about a dozen, so a backlog never floods one response or the storage.
CLAIM_LIMIT = 20


def claim_pending(user: Model | Any, *, limit: int = CLAIM_LIMIT) -> list[Toast]:
    """Claim ``user``'s pending messages, oldest first, at most ``limit``.

    ``user`` is a user or its pk. The messages returned are marked delivered:
    the caller must show them. Sync code: from async code, call it through
    ``asgiref.sync.sync_to_async``.
    """
    user_pk = getattr(user, "pk", user)
    flags.clear_flag(user_pk)  # first: see toastkit.inbox.flags
    rows, more = claim_rows(user_pk, limit)
    using = router.db_for_write(InboxMessage)
    if more or transaction.get_connection(using).in_atomic_block:
        # The rest wait for the next response. Inside a transaction (a view
        # under ATOMIC_REQUESTS rendering {% toasts %}) the claim may yet be
        # rolled back, or may have read a snapshot older than a notify() that
        # just committed (REPEATABLE READ): keep the flag. It costs a query
        # on a later response, never a message.
        flags.raise_flags([user_pk])
    return [to_toast(row) for row in rows]


def pending_rows(user_pk: Any, limit: int, using: str) -> list[InboxMessage]:
    """The user's oldest ``limit + 1`` pending messages (one indexed query)."""
    pending = InboxMessage.objects.using(using).filter(
        user_id=user_pk, delivered_at__isnull=True
    )
    return list(pending.order_by("created_at", "pk")[: limit + 1])


def claim_rows(user_pk: Any, limit: int) -> tuple[list[InboxMessage], bool]:
    """The rows this call claimed, and whether others may still be pending.

    One query when nothing is pending; two when the claim takes every row it
    read; three when a concurrent claim took some of them first. Every query
    goes to the database that writes the messages: a replica could answer
    with rows already delivered.
    """
    using = router.db_for_write(InboxMessage)
    rows = pending_rows(user_pk, limit, using)
    if not rows:
        return [], False
    more = len(rows) > limit
    rows = rows[:limit]
    token = new_id()
    ids = [row.pk for row in rows]
    claimed = mark_claimed(ids, token, using)
    if claimed is None:
        return [], True  # nothing changed: they wait for the next response
    if claimed < len(rows):
        # Another request claimed some between the read and the update.
        mine = set(
            InboxMessage.objects.using(using)
            .filter(pk__in=ids, claim=token)
            .order_by()
            .values_list("pk", flat=True)
        )
        rows = [row for row in rows if row.pk in mine]
    return rows, more


def mark_claimed(ids: list[Any], token: str, using: str) -> int | None:
    """The claim: how many of ``ids`` this call marked delivered.

    ``None`` when the database refused the update for contention (a
    serialization failure under REPEATABLE READ or SERIALIZABLE, a deadlock,
    SQLite's "database is locked"): the savepoint is rolled back, so a
    surrounding transaction goes on, and the messages stay pending.
    """
    try:
        with transaction.atomic(using=using):
            return (
                InboxMessage.objects.using(using)
                .filter(pk__in=ids, delivered_at__isnull=True)
                .update(delivered_at=timezone.now(), claim=token)
            )
    except OperationalError as exc:
        logger.warning(
            "toastkit: could not claim inbox messages now (%s); they stay pending.",
            exc,
        )
        return None


def to_toast(row: InboxMessage) -> Toast:
    """The stored message as a ``Toast`` with its id.

    Options this version does not know or accept (a rolling deploy) are
    dropped with a warning; the message itself is always delivered.
    """
    text = mark_safe(row.message) if row.safe else row.message
    options = row.options if isinstance(row.options, dict) else {}
    return Toast(
        row.level,
        text,
        row.extra_tags,
        id=row.toast_id,
        options=stored_options(options),
    )


def _in_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def pending_for_request(request: HttpRequest) -> list[Message]:
    """The pending source ``toastkit.hooks`` calls at the point of delivery.

    Anonymous requests claim nothing and make no query; neither does a user
    with no flag, where a shared cache holds the flags.
    """
    if _in_event_loop():
        # An async view rendering {% toasts %} itself: no database here (not
        # even request.user's). The messages wait for the next response;
        # ToastMiddleware's process_response runs in a thread.
        return []
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    if not flags.is_flagged(user.pk):
        return []
    return list(claim_pending(user))
