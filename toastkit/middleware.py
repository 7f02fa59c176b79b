"""``ToastMiddleware``: Django's ``MessageMiddleware`` plus delivery over htmx."""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.messages.storage.base import BaseStorage
from django.utils.cache import patch_cache_control

from toastkit.conf import toastkit_settings
from toastkit.header import Delivery, build_trigger
from toastkit.hooks import claim_pending, has_pending_sources, settle
from toastkit.htmx import htmx_reads_headers
from toastkit.internals import keep_only, unread_messages
from toastkit.origins import csrf_token_for

if TYPE_CHECKING:
    from django.contrib.messages.storage.base import Message
    from django.http import HttpRequest, HttpResponse
    from django.http.response import HttpResponseBase

logger = logging.getLogger("toastkit")

#: Response headers after which htmx replaces the page: a toast shown now is
#: lost. Lower case, as ``header_names`` gives them.
PAGE_REPLACING_HEADERS = frozenset({"hx-redirect", "hx-location"})


def header_names(response: HttpResponseBase) -> set[str]:
    """The response's header names, in lower case.

    One pass over the few headers a response has here: each lookup of a
    header it lacks (``has_header``, ``get``) raises and catches a
    ``KeyError`` inside Django.
    """
    return {name.lower() for name in response.headers}


def will_show_headers(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Whether htmx will act on this response's ``HX-Trigger`` on this page."""
    if not htmx_reads_headers(request):
        return False
    if 300 <= response.status_code < 400:
        # The browser follows redirects itself; the followed request ships them.
        return False
    names = header_names(response)
    if names & PAGE_REPLACING_HEADERS:
        return False
    return "hx-refresh" not in names or response["HX-Refresh"].lower() != "true"


def deliver(
    request: HttpRequest,
    storage: BaseStorage,
    own: list[Message],
    response: HttpResponseBase,
) -> None:
    """Put ``own`` (the unread messages) in ``HX-Trigger``; keep the rest stored.

    If all of them fit, the pending messages (``toastkit.inbox``) that fit
    after them are claimed and shipped too; the others stay pending.
    """
    trigger = partial(
        build_trigger,
        response.get("HX-Trigger"),
        budget=toastkit_settings.HEADER_BUDGET,
        csrf_token=partial(csrf_token_for, request),
        log=False,  # only the header written logs (delivery.log_warnings below)
    )
    try:
        delivery = trigger(own)
    except ValueError as exc:
        if own:
            logger.warning(
                "toastkit: the response's HX-Trigger header is neither a JSON object "
                "nor event names (%s); messages stay stored for the next response.",
                exc,
            )
        return  # and pending messages stay pending

    def fitting(candidates: list[Message]) -> list[Message]:
        """Of ``candidates``, those the header has room for after ``own``."""
        trial = trigger(own + candidates)
        shipped = {id(message) for message in trial.shipped}
        return [message for message in candidates if id(message) in shipped]

    claimed: list[Message] = []
    if (
        not delivery.kept
        and has_pending_sources()
        and (claimed := claim_pending(request, fitting))
    ):
        # All of them fit: each had at least this much room in fitting().
        delivery = trigger(own + claimed)
    delivery.log_warnings()
    ship(response, delivery)
    # After a claim every own message ships (all fitted, and they go first);
    # a claimed message is never stored (toastkit/hooks.py).
    keep_only(storage, [] if claimed else delivery.kept)


def ship(response: HttpResponseBase, delivery: Delivery) -> None:
    """Set the header of ``delivery``, if any, on a response no cache keeps."""
    if delivery.header is None:
        return
    response["HX-Trigger"] = delivery.header
    # One-shot content: a cached copy or a 304 (ConditionalGetMiddleware's
    # ETag ignores headers) would drop these messages or replay old ones.
    if response.has_header("Cache-Control"):
        patch_cache_control(response, no_store=True)
    else:
        response.headers["Cache-Control"] = "no-store"


class ToastMiddleware(MessageMiddleware):
    """Use in place of ``django.contrib.messages.middleware.MessageMiddleware``.

    A subclass of it, so whatever looks for Django's (the admin's
    ``admin.E409`` check) finds it. ``MiddlewareMixin`` makes one class serve
    sync and async, and runs ``process_response`` where sync code is safe: the
    storage may read the session from the database.
    """

    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)  # sets the storage get_messages() returns
        # Kept to tell in process_response whether another messages
        # middleware replaced it (toastkit.E001; production runs no checks).
        request._toastkit_storage = get_messages(request)  # type: ignore[attr-defined]

    # Typed as django-stubs types MessageMiddleware's; streaming responses
    # come here too, and nothing below needs more than HttpResponseBase.
    def process_response(
        self, request: HttpRequest, response: HttpResponse
    ) -> HttpResponse:
        """Deliver what htmx will show, then store the rest as Django does.

        Last, whatever happened, what this request claimed of the pending
        messages (``toastkit.inbox``) is checked against this response.
        """
        try:
            return self.deliver_and_store(request, response)
        finally:
            if has_pending_sources():
                settle(request, response)

    def deliver_and_store(
        self, request: HttpRequest, response: HttpResponse
    ) -> HttpResponse:
        storage = get_messages(request)
        if not isinstance(storage, BaseStorage):
            return response  # process_request never ran: as tolerant as Django's
        if storage is not getattr(request, "_toastkit_storage", storage):
            # Another messages middleware (toastkit.E001) replaced ours and has
            # stored its messages already: sending them too shows them twice.
            logger.warning(
                "toastkit: request._messages was replaced by another middleware; "
                "remove django.contrib.messages' MessageMiddleware (toastkit.E001)."
            )
            return response
        # Messages first: most responses have none (and no inbox source is
        # installed), and then whether htmx reads this response does not
        # matter; asking builds request.headers (bench/, docs/benchmarks.md).
        own = unread_messages(storage)
        if (own or has_pending_sources()) and will_show_headers(request, response):
            deliver(request, storage, own, response)
        unstored = storage.update(response)
        if unstored:
            if settings.DEBUG:
                # Django's MessageMiddleware raises the same.
                raise ValueError("Not all temporary messages could be stored.")
            logger.warning(
                "toastkit: %d message(s) could not be stored and are lost.",
                len(unstored),
            )
        return response
