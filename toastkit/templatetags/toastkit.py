"""``{% toasts %}``: the toast region, this request's toasts, the CSS and JS."""

from __future__ import annotations

import json
from typing import Any

from django import template
from django.contrib.messages import get_messages

from toastkit.conf import toastkit_settings
from toastkit.toast import ensure_id

register = template.Library()


def client_config() -> dict[str, Any]:
    """Settings the script reads from the region's data attributes."""
    durations = {str(level): ms for level, ms in toastkit_settings.DURATIONS.items()}
    return {
        "position": toastkit_settings.POSITION,
        "max_visible": toastkit_settings.MAX_VISIBLE,
        "durations": json.dumps(durations, separators=(",", ":")),
        "network_error": toastkit_settings.NETWORK_ERROR_MESSAGE,
    }


@register.inclusion_tag("toastkit/toasts.html", takes_context=True)
def toasts(context: template.Context) -> dict[str, Any]:
    """Render the messages of this request as toasts.

    Iterating the messages marks them used, exactly as a ``{% for message in
    messages %}`` loop does, so ``ToastMiddleware`` does not send them again in
    ``HX-Trigger``.
    """
    # A RequestContext knows its request without the "request" context processor.
    request = getattr(context, "request", None) or context.get("request")
    messages = list(get_messages(request)) if request is not None else []
    for message in messages:
        ensure_id(message)  # Django's own storages make no ids
    return {
        "messages": messages,
        "config": client_config(),
        "csp_nonce": context.get("csp_nonce"),
    }
