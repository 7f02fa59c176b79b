"""Claiming a user's pending messages at the point of delivery.

``claim_pending(user)`` marks the user's oldest pending messages delivered
and returns them as ``Toast``s; the caller must show them. The claim is one
``UPDATE ... WHERE delivered_at IS NULL``: each row goes to exactly one
caller on every database Django supports (docs/inbox.md, "The claim").
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import Error, router, transaction
from django.utils import timezone
from django.utils.safestring import mark_safe

from toastkit.inbox import flags
from toastkit.inbox.live.announce import announce_on_commit
from toastkit.inbox.models import InboxMessage
from toastkit.options import stored_options
from toastkit.toast import Toast, new_id

if TYPE_CHECKING:
    from django.db.models import Model, QuerySet

logger = logging.getLogger("toastkit")

#: Most messages one response claims; the rest wait for the next ones. A page
#: shows five at a time (TOASTKIT_MAX_VISIBLE), so a backlog never floods one
#: response.
CLAIM_LIMIT = 20

#: Picks, of the toasts a claim could take (oldest first), those it takes.
ToastSelector = Callable[[list[Toast]], list[Toast]]


@dataclass
class Claim:
    """What one claim took: its token, and each row's pk and toast."""

    token: str = ""
    rows: list[tuple[Any, Toast]] = field(default_factory=list)

    @property
    def toasts(self) -> list[Toast]:
        return [toast for _, toast in self.rows]


def claim_pending(
    user: Model | Any,
    *,
    limit: int = CLAIM_LIMIT,
    select: ToastSelector | None = None,
) -> list[Toast]:
    """Claim ``user``'s (a user or a pk) pending messages, oldest first, at
    most ``limit``; the caller must show them.

    ``select``, given the candidates as ``Toast``s, returns those the caller
    can carry (by default all); only those are claimed. A database error is
    logged and leaves every message pending. Sync code: from async code, call
    it through ``asgiref.sync.sync_to_async``.
    """
    return claim(user, limit=limit, select=select).toasts


def claim(
    user: Model | Any,
    *,
    limit: int = CLAIM_LIMIT,
    select: ToastSelector | None = None,
    token: str | None = None,
) -> Claim:
    """``claim_pending``, keeping the token ``release`` needs. ``token``
    marks the rows (a new one by default): a live stream passes its own, so
    its rows can be found again (toastkit/inbox/live/replay.py)."""
    user_pk = getattr(user, "pk", user)
    flags.clear_flag(user_pk)  # first: see toastkit.inbox.flags
    using = router.db_for_write(InboxMessage)
    taken = Claim()
    more = True
    in_transaction = transaction.get_connection(using).in_atomic_block
    try:
        # In a view's transaction (ATOMIC_REQUESTS), a savepoint: a failed
        # query leaves that transaction usable.
        with transaction.atomic(using=using) if in_transaction else nullcontext():
            taken, more = claim_rows(user_pk, limit, select, using, token)
    except Error as exc:  # contention, a closed connection, any refusal
        logger.warning(
            "toastkit: could not claim inbox messages now (%s); they stay pending.",
            exc,
        )
    finally:
        if more or in_transaction:
            # Messages left (or an error). In a transaction, the claim may be
            # rolled back yet, or have read a snapshot older than a notify()
            # just committed (REPEATABLE READ): a query later, never a message.
            flags.raise_flags([user_pk])
    return taken


def release(user_pk: Any, taken: Claim) -> None:
    """Make what ``taken`` claimed pending again (its response did not carry
    it). A database error is logged: the messages are lost, as a response the
    browser drops loses them."""
    using = router.db_for_write(InboxMessage)
    try:
        InboxMessage.objects.using(using).filter(
            pk__in=[pk for pk, _ in taken.rows], claim=taken.token
        ).update(delivered_at=None, claim="")
    except Error as exc:
        logger.warning(
            "toastkit: could not give back %d inbox message(s) no response "
            "carried (%s).",
            len(taken.rows),
            exc,
        )
        return
    flags.raise_flags([user_pk])
    announce_on_commit([user_pk], using)  # a live stream may carry them now


def pending_query(user_pk: Any, limit: int, using: str) -> QuerySet[InboxMessage]:
    """The user's oldest ``limit + 1`` pending messages.

    Ordered as the pending index is, so the database reads one range of it
    and stops: by ``created_at`` alone PostgreSQL may walk the ``created_at``
    index instead (docs/inbox.md, "The query plan"; tests/inbox/test_plans.py).
    """
    pending = InboxMessage.objects.using(using).filter(
        user_id=user_pk, delivered_at__isnull=True
    )
    return pending.order_by("delivered_at", "created_at", "pk")[: limit + 1]


def pending_rows(user_pk: Any, limit: int, using: str) -> list[InboxMessage]:
    return list(pending_query(user_pk, limit, using))  # tests wrap this read


def claim_rows(
    user_pk: Any,
    limit: int,
    select: ToastSelector | None,
    using: str,
    token: str | None = None,
) -> tuple[Claim, bool]:
    """What this call claimed, and whether others may still be pending.

    A read, then the update (then a read-back, when a concurrent claim took
    some rows first), all on the database that writes the messages: a replica
    could answer with rows already delivered.
    """
    rows = pending_rows(user_pk, limit, using)
    if not rows:
        return Claim(), False
    more = len(rows) > limit
    candidates = [(row.pk, to_toast(row)) for row in rows[:limit]]
    if select is not None:
        chosen = {id(toast) for toast in select([toast for _, toast in candidates])}
        more = more or len(chosen) < len(candidates)
        candidates = [(pk, toast) for pk, toast in candidates if id(toast) in chosen]
    if not candidates:
        return Claim(), more
    taken = Claim(token or new_id(), candidates)
    ids = [pk for pk, _ in candidates]
    # An update whose read-back fails is rolled back with it.
    with transaction.atomic(using=using, savepoint=False):
        claimed = (
            InboxMessage.objects.using(using)
            .filter(pk__in=ids, delivered_at__isnull=True)
            .update(delivered_at=timezone.now(), claim=taken.token)
        )
        if claimed < len(candidates):
            # Another request claimed some between the read and the update.
            mine = set(
                InboxMessage.objects.using(using)
                .filter(pk__in=ids, claim=taken.token)
                .order_by()
                .values_list("pk", flat=True)
            )
            taken.rows = [(pk, toast) for pk, toast in candidates if pk in mine]
    return taken, more


def to_toast(row: InboxMessage) -> Toast:
    """The row as a ``Toast`` with its id; options this version refuses
    (a rolling deploy, a row written by hand) are dropped with a warning."""
    text = mark_safe(row.message) if row.safe else row.message
    options = row.options if isinstance(row.options, dict) else {}
    return Toast(
        row.level,
        text,
        row.extra_tags,
        id=row.toast_id,
        options=stored_options(options),
    )
