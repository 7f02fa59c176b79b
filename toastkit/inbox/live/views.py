"""The stream's view: ``text/event-stream`` of the session's user's inbox."""

from __future__ import annotations

from typing import Any

from django.core.handlers.asgi import ASGIRequest
from django.db import transaction
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.views.decorators.http import require_safe

from toastkit.inbox.live.events import parse_last_id
from toastkit.inbox.live.peer import hang_up_check
from toastkit.inbox.live.stream import Stream, async_events, sync_events
from toastkit.inbox.responses import claimable_user
from toastkit.origins import csrf_tokens_for, origin_of, request_origin


def from_another_origin(request: HttpRequest) -> bool:
    """Whether another origin sent the request: the stream's GET claims rows.
    Another site, and a sibling subdomain too (``same-site``: user content on
    ``files.example.com`` can point an ``<img>`` at ``www.example.com``'s
    stream, cookies included, with no ``Origin``)."""
    if request.headers.get("Sec-Fetch-Site") in ("cross-site", "same-site"):
        return True
    origin = request.headers.get("Origin")
    if origin is None and "Sec-Fetch-Site" not in request.headers:
        # A browser that sends neither (an old one): the page that asked.
        origin = request.headers.get("Referer")
    if origin is None:
        return False
    own = request_origin(request)
    return own is None or origin_of(origin) != own


def user_tag(user_pk: Any) -> str:
    """What the stream's URL says of its user (``?u=``), without their pk."""
    return salted_hmac(
        "toastkit.inbox.live.user", str(user_pk), algorithm="sha256"
    ).hexdigest()[:16]


def stream_url(user: Any) -> str:
    """The stream's URL for this user's pages (``{% toasts %}`` writes it).
    The tabs' shared names carry it (toastkit-live.js), and a stream whose
    session is now another user's answers 204: the tab of a user who logged
    out stops, and relays nothing to the next user's tabs."""
    return f"{reverse('toastkit_inbox:live')}?u={user_tag(user.pk)}"


@require_safe
@transaction.non_atomic_requests
def live(request: HttpRequest) -> HttpResponseBase:
    """Server-sent events: the user's inbox messages as they arrive (docs/live.md)."""
    if from_another_origin(request):
        return HttpResponse(status=403)
    session_key = getattr(getattr(request, "session", None), "session_key", None)
    user = claimable_user(request, as_get=True)
    tag = request.GET.get("u")
    if tag is not None and (user is None or tag != user_tag(user.pk)):
        user = None  # the page was another user's
    if request.method == "HEAD":
        # The client's question after its stream closed: would a GET stream?
        # (EventSource cannot tell a 204 from a 502.) No body, no claim.
        return HttpResponse(status=200 if user and session_key else 204)
    if user is None or session_key is None:
        return HttpResponse(status=204)  # the browser stops reconnecting
    last = parse_last_id(
        request.headers.get("Last-Event-ID") or request.GET.get("last")
    )
    is_wsgi = not isinstance(request, ASGIRequest)
    stream = Stream(
        user.pk,
        session_key,
        last=last,
        # Now: a new CSRF cookie goes out with the response's headers.
        csrf_token=csrf_tokens_for(request),
        hung_up=hang_up_check(request.META) if is_wsgi else (lambda: False),
    )
    response = StreamingHttpResponse(
        sync_events(stream) if is_wsgi else async_events(stream),
        content_type="text/event-stream",
    )
    # no-store as well: the events carry messages and CSRF tokens.
    response["Cache-Control"] = "no-cache, no-store"
    response["X-Accel-Buffering"] = "no"  # nginx: pass each event on at once
    # GZipMiddleware skips a response that has an encoding: gzip would hold
    # the events back until its buffer fills.
    response["Content-Encoding"] = "identity"
    return response
