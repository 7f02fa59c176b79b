"""Claiming a user's pending messages at the point of delivery.

``claim_pending(user)`` marks the user's oldest pending messages delivered
and returns them as ``Toast``s; whoever calls it must show them (a request
through ``ToastMiddleware`` and ``{% toasts %}``, later a live connection).
The claim is one ``UPDATE ... WHERE delivered_at IS NULL``: each row is
claimed by exactly one caller on every database Django supports, however
many requests of the same user run at once.

A response claims only what it carries (``select``): an htmx response what
fits its header's budget, a page what it renders. A claimed message is never
put in the messages cookie or session (``toastkit.hooks``).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from contextlib import nullcontext
from typing import TYPE_CHECKING, Any

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db import DatabaseError, router, transaction
from django.utils import timezone
from django.utils.safestring import mark_safe

from toastkit.inbox import flags
from toastkit.inbox.models import InboxMessage
from toastkit.toast import Toast, new_id, stored_options

if TYPE_CHECKING:
    from django.contrib.messages.storage.base import Message
    from django.db.models import Model, QuerySet
    from django.http import HttpRequest

logger = logging.getLogger("toastkit")

#: Most messages one response claims; the rest wait for the next ones. A page
#: shows five at a time (TOASTKIT_MAX_VISIBLE), so a backlog never floods one
#: response.
CLAIM_LIMIT = 20

#: Picks, of the toasts a claim could take (oldest first), those it takes.
ToastSelector = Callable[[list[Toast]], list[Toast]]


def claim_pending(
    user: Model | Any,
    *,
    limit: int = CLAIM_LIMIT,
    select: ToastSelector | None = None,
) -> list[Toast]:
    """Claim ``user``'s pending messages, oldest first, at most ``limit``.

    ``user`` is a user or its pk. ``select``, given the oldest pending
    messages as ``Toast``s, returns those the caller can deliver (by default
    all of them); only those are claimed. The messages returned are marked
    delivered: the caller must show them.

    A database error leaves every message pending and the user's flag raised,
    and is logged: the caller's response stands. Sync code: from async code,
    call it through ``asgiref.sync.sync_to_async``.
    """
    user_pk = getattr(user, "pk", user)
    flags.clear_flag(user_pk)  # first: see toastkit.inbox.flags
    using = router.db_for_write(InboxMessage)
    rows: list[tuple[InboxMessage, Toast]] = []
    more = True
    in_transaction = transaction.get_connection(using).in_atomic_block
    try:
        # In a transaction (a view under ATOMIC_REQUESTS), a savepoint: a
        # failed query leaves the view's transaction usable. In autocommit,
        # each query stands alone and none needs one.
        with transaction.atomic(using=using) if in_transaction else nullcontext():
            rows, more = claim_rows(user_pk, limit, select, using)
    except DatabaseError as exc:
        # Contention (a serialization failure, a deadlock, SQLite's "database
        # is locked") or any other refusal: the messages wait.
        logger.warning(
            "toastkit: could not claim inbox messages now (%s); they stay pending.",
            exc,
        )
    finally:
        if more or in_transaction:
            # The rest wait for the next response (also after an error). Inside
            # a transaction (a view under ATOMIC_REQUESTS rendering {% toasts
            # %}) the claim may yet be rolled back, or may have read a snapshot
            # older than a notify() that just committed (REPEATABLE READ): keep
            # the flag. It costs a query on a later response, never a message.
            flags.raise_flags([user_pk])
    return [toast for _, toast in rows]


def pending_query(user_pk: Any, limit: int, using: str) -> QuerySet[InboxMessage]:
    """The user's oldest ``limit + 1`` pending messages: one index range.

    Ordered as the pending index is, ``(user, delivered_at, created_at)``, so
    the database reads the first rows of one range of it and stops, however
    many rows are pending. Ordered by ``created_at`` alone, PostgreSQL does
    not see that the index is in that order too (``delivered_at IS NULL`` is
    no equality), and when a user's many pending rows are the newest of all
    it walks the ``created_at`` index from the oldest row of every user
    (tests/inbox/test_plans.py).
    """
    pending = InboxMessage.objects.using(using).filter(
        user_id=user_pk, delivered_at__isnull=True
    )
    return pending.order_by("delivered_at", "created_at", "pk")[: limit + 1]


def pending_rows(user_pk: Any, limit: int, using: str) -> list[InboxMessage]:
    return list(pending_query(user_pk, limit, using))


def claim_rows(
    user_pk: Any, limit: int, select: ToastSelector | None, using: str
) -> tuple[list[tuple[InboxMessage, Toast]], bool]:
    """The rows this call claimed with their toasts, and whether others may
    still be pending.

    One query when nothing is pending; two when the claim takes every row it
    picked; three when a concurrent claim took some of them first. Every query
    goes to the database that writes the messages: a replica could answer
    with rows already delivered.
    """
    rows = pending_rows(user_pk, limit, using)
    if not rows:
        return [], False
    more = len(rows) > limit
    candidates = [(row, to_toast(row)) for row in rows[:limit]]
    if select is not None:
        chosen = {id(toast) for toast in select([toast for _, toast in candidates])}
        more = more or len(chosen) < len(candidates)
        candidates = [(row, toast) for row, toast in candidates if id(toast) in chosen]
    if not candidates:
        return [], more
    token = new_id()
    ids = [row.pk for row, _ in candidates]
    claimed = (
        InboxMessage.objects.using(using)
        .filter(pk__in=ids, delivered_at__isnull=True)
        .update(delivered_at=timezone.now(), claim=token)
    )
    if claimed < len(candidates):
        # Another request claimed some between the read and the update.
        mine = set(
            InboxMessage.objects.using(using)
            .filter(pk__in=ids, claim=token)
            .order_by()
            .values_list("pk", flat=True)
        )
        candidates = [(row, toast) for row, toast in candidates if row.pk in mine]
    return candidates, more


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


#: Set on a request during which a user logged in or out (``login()``,
#: ``logout()``, an impersonation package's login as another user).
HANDS_CHANGED = "_toastkit_inbox_hands_changed"


def note_hands_changed(sender: Any, request: HttpRequest | None, **kwargs: Any) -> None:
    """``user_logged_in`` and ``user_logged_out``: this request claims nothing.

    Its response may be read by someone other than the inbox's addressee: the
    next user of a browser after a logout, or the person who logged in as
    another user (the impersonating staff member). The messages wait for a
    response of a request that starts and ends as their user.
    """
    if request is not None:
        setattr(request, HANDS_CHANGED, True)


def connect_signals() -> None:
    user_logged_in.connect(note_hands_changed, dispatch_uid="toastkit.inbox.in")
    user_logged_out.connect(note_hands_changed, dispatch_uid="toastkit.inbox.out")


def pending_for_request(
    request: HttpRequest, select: Callable[[list[Message]], list[Message]]
) -> list[Message]:
    """The pending source ``toastkit.hooks`` calls at the point of delivery.

    Claims nothing and makes no query for an anonymous request, a ``HEAD``
    request (its body is never sent), a request during which a user logged in
    or out, and a user with no flag where a shared cache holds the flags.
    """
    if _in_event_loop():
        # An async view rendering {% toasts %} itself: no database here (not
        # even request.user's). The messages wait for the next response;
        # ToastMiddleware's process_response runs in a thread.
        return []
    if request.method == "HEAD" or getattr(request, HANDS_CHANGED, False):
        return []
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    if not flags.is_flagged(user.pk):
        return []

    def select_toasts(candidates: list[Toast]) -> list[Toast]:
        offered: list[Message] = list(candidates)
        chosen = {id(message) for message in select(offered)}
        return [toast for toast in candidates if id(toast) in chosen]

    return list(claim_pending(user, select=select_toasts))
