"""Where an optional app joins delivery: ``toastkit.inbox`` registers here.

A *pending source* claims messages waiting for the request's user (marking
them delivered) and returns them. ``ToastMiddleware`` (an ``HX-Trigger`` htmx
will read) and ``{% toasts %}`` (a full page) call ``claim_pending`` at the
point of delivery, and only there. A claimed message is never stored in the
request's storage, where an overlapping response could overwrite it or the
next user of the browser read it: a *selector* says which of them the
response can carry, and the source claims exactly those.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.messages.storage.base import Message
    from django.http import HttpRequest
    from django.http.response import HttpResponseBase

#: Of the messages a source could deliver, oldest first, those this response
#: carries (a sub-list, in order).
Selector = Callable[["list[Message]"], "list[Message]"]
#: Claims, of the messages waiting for ``request``'s user, those the selector
#: picks, and returns those it claimed.
PendingSource = Callable[["HttpRequest", Selector], "list[Message]"]

#: Called with the final response: a source keeps what it claimed for this
#: request if the response carries it, and gives the rest back.
Settle = Callable[["HttpRequest", "HttpResponseBase"], None]

pending_sources: list[PendingSource] = []
settlers: list[Settle] = []


def add_pending_source(source: PendingSource, settle: Settle | None = None) -> None:
    """Register ``source`` (and its ``settle``) once; ``ready()`` may run again."""
    if source not in pending_sources:
        pending_sources.append(source)
    if settle is not None and settle not in settlers:
        settlers.append(settle)


def has_pending_sources() -> bool:
    """Whether an optional app (``toastkit.inbox``) delivers through here."""
    return bool(pending_sources)


def every_message(candidates: list[Message]) -> list[Message]:
    """The selector of a full page: it shows every message it is given."""
    return candidates


def claim_pending(
    request: HttpRequest, select: Selector = every_message
) -> list[Message]:
    """The waiting messages this response carries, claimed for it.

    The caller must deliver every message returned, in this response, after
    the request's own.
    """
    claimed: list[Message] = []
    for source in pending_sources:
        earlier = list(claimed)

        def after_earlier(
            candidates: list[Message], earlier: list[Message] = earlier
        ) -> list[Message]:
            # What one source claimed takes room before the next one's.
            chosen = {id(m) for m in select(earlier + candidates)}
            return [m for m in candidates if id(m) in chosen]

        claimed += source(request, after_earlier if earlier else select)
    return claimed


def settle(request: HttpRequest, response: HttpResponseBase) -> None:
    """Let each source check its claims against the response that leaves.

    A page claims while its template renders, before the response is final:
    a template that fails after ``{% toasts %}`` (a 500), or a page rendered
    and thrown away (an email body, then a redirect), would otherwise lose
    what it claimed. ``ToastMiddleware`` calls this last.
    """
    for settler in settlers:
        settler(request, response)
