"""Which requests claim inbox messages, and which responses keep what they claimed.

``pending_for_request`` is the pending source ``toastkit.hooks`` calls where a
response shows messages; ``settle`` gives back what the final response does
not carry. Together: a message is marked delivered only by the response that
carries it to its addressee.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.signals import user_logged_in, user_logged_out

from toastkit.htmx import is_prefetch
from toastkit.inbox import flags
from toastkit.inbox.delivery import Claim, claim, release
from toastkit.rendering import in_event_loop

if TYPE_CHECKING:
    from django.contrib.messages.storage.base import Message
    from django.http import HttpRequest
    from django.http.response import HttpResponseBase

    from toastkit.toast import Toast

logger = logging.getLogger("toastkit")

#: Set on a request during which a user logged in or out (``login()``,
#: ``logout()``, an impersonation package's login as another user).
HANDS_CHANGED = "_toastkit_inbox_hands_changed"
#: The claims a request made, by user pk: ``settle`` checks them.
CLAIMS = "_toastkit_inbox_claims"


def note_hands_changed(sender: Any, request: HttpRequest | None, **kwargs: Any) -> None:
    """``user_logged_in`` and ``user_logged_out``: this request claims nothing,
    since its response may be read by someone else (the browser's next user,
    a staff member who logged in as this user)."""
    if request is not None:
        setattr(request, HANDS_CHANGED, True)


def connect_signals() -> None:
    user_logged_in.connect(note_hands_changed, dispatch_uid="toastkit.inbox.in")
    user_logged_out.connect(note_hands_changed, dispatch_uid="toastkit.inbox.out")


def user_swapped(request: HttpRequest, user: Any) -> bool:
    """Whether ``request.user`` is not the user its session logged in: an
    impersonation middleware set it (no login, so no signal)."""
    if getattr(request, "impersonator", None) is not None:  # django-impersonate
        return True
    session_user = getattr(request, "session", {}).get(SESSION_KEY)
    return session_user is not None and str(session_user) != str(
        user._meta.pk.value_to_string(user)
    )


def claimable_user(request: HttpRequest, *, as_get: bool = False) -> Any | None:
    """The user whose inbox this request's response may carry, or ``None``
    (docs/inbox.md, "Delivery"). ``as_get``: the answer a GET would have (a
    HEAD's body never carries anything)."""
    if in_event_loop():  # an async view's {% toasts %}: no database there
        return None
    is_head = request.method == "HEAD" and not as_get
    if is_head or getattr(request, HANDS_CHANGED, False):
        return None
    if is_prefetch(request):
        return None
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user_swapped(request, user):
        return None
    return user


def pending_for_request(
    request: HttpRequest, select: Callable[[list[Message]], list[Message]]
) -> list[Message]:
    """Claim what ``select`` picks of the user's oldest pending messages, and
    note the claim on the request for ``settle``."""
    user = claimable_user(request)
    if user is None or not flags.is_flagged(user.pk):
        return []

    def select_toasts(candidates: list[Toast]) -> list[Toast]:
        offered: list[Message] = list(candidates)
        chosen = {id(message) for message in select(offered)}
        return [toast for toast in candidates if id(toast) in chosen]

    taken = claim(user, select=select_toasts)
    if taken.rows:
        claims: list[tuple[Any, Claim]] = request.__dict__.setdefault(CLAIMS, [])
        claims.append((user.pk, taken))
    return list(taken.toasts)


def carries(response: HttpResponseBase, toast_id: str) -> bool:
    """Whether ``response`` carries the toast, in ``HX-Trigger`` or its body.
    A body not readable here (streamed, compressed) counts as carrying it:
    giving back a toast the page shows would show it twice."""
    if toast_id in response.get("HX-Trigger", ""):
        return True
    if getattr(response, "streaming", False) or response.has_header("Content-Encoding"):
        return True
    content: bytes = getattr(response, "content", b"")
    return toast_id.encode() in content


def settle(request: HttpRequest, response: HttpResponseBase) -> None:
    """Give back each claimed message the final response does not carry (a
    template that failed after ``{% toasts %}``, a rendering thrown away)."""
    for user_pk, taken in request.__dict__.pop(CLAIMS, ()):
        lost = [row for row in taken.rows if not carries(response, row[1].id)]
        if lost:
            release(user_pk, Claim(taken.token, lost))
