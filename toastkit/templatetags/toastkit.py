"""``{% toasts %}``: the toast region, this request's toasts, the CSS and JS.

The region and the blueprint depend only on the language and the settings, so
they are rendered once and kept, per template (a reloaded template starts
afresh); each request renders only its own toasts. That keeps a page with
toasts within a few percent of one that writes the same HTML by hand
(bench/, docs/benchmarks.md).
"""

from __future__ import annotations

import json
import weakref
from typing import TYPE_CHECKING, Any

from django import template
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from toastkit.conf import POSITIONS, toastkit_settings
from toastkit.payload import message_payload
from toastkit.toast import messages_only

if TYPE_CHECKING:
    from django.template.base import Template

register = template.Library()

#: Stands in for this request's toasts when the frame around them is rendered.
SLOT_MARKER = "<!--toastkit:toasts-->"

#: Every key a toast component may read, so no lookup fails (failed lookups
#: are Django templates' slowest path).
OPTION_DEFAULTS: dict[str, Any] = {"title": "", "duration": None, "sticky": False}

#: Frames by template, then by (language, settings): (before, after, script src).
_frames: weakref.WeakKeyDictionary[
    Template, dict[tuple[Any, ...], tuple[str, str, str]]
]
_frames = weakref.WeakKeyDictionary()


def client_config(position: str | None = None) -> dict[str, Any]:
    """Settings the script reads from the region's data attributes."""
    durations = {str(level): ms for level, ms in toastkit_settings.DURATIONS.items()}
    return {
        "position": position or toastkit_settings.POSITION,
        "max_visible": toastkit_settings.MAX_VISIBLE,
        "durations": json.dumps(durations, separators=(",", ":")),
        "network_error": toastkit_settings.NETWORK_ERROR_MESSAGE,
    }


def render_frame(engine: template.Engine, config: dict[str, Any], toasts: str) -> str:
    """``toastkit/toasts.html`` (CSS, region, blueprint) around ``toasts``."""
    context = template.Context(
        {"config": config, "toasts": mark_safe(toasts)},
        autoescape=engine.autoescape,
    )
    return engine.get_template("toastkit/toasts.html").render(context)


def frame(
    engine: template.Engine, config: dict[str, Any]
) -> tuple[str, str, str] | None:
    """The region's HTML before and after the toasts, and the script's URL."""
    frame_template = engine.get_template("toastkit/toasts.html")
    key = (get_language(), *config.values())
    by_key = _frames.setdefault(frame_template, {})
    if key not in by_key:
        rendered = render_frame(engine, config, SLOT_MARKER)
        before, marker, after = rendered.partition(SLOT_MARKER)
        if not marker or SLOT_MARKER in after:
            return None  # an override that does not render the toasts once
        if len(by_key) > 64:
            by_key.clear()
        by_key[key] = (before, after, static("toastkit/toastkit.js"))
    return by_key[key]


@register.simple_tag(takes_context=True)
def toasts(context: template.Context, position: str | None = None) -> SafeString:
    """Render the messages of this request as toasts.

    ``{% toasts position="top-center" %}`` overrides ``TOASTKIT_POSITION`` for
    this page.

    Iterating the messages marks them used, exactly as a ``{% for message in
    messages %}`` loop does, so ``ToastMiddleware`` does not send them again in
    ``HX-Trigger``. Each toast gets the same data the script gets over htmx.
    """
    if position is not None and position not in POSITIONS:
        raise template.TemplateSyntaxError(
            f"{{% toasts %}}: position must be one of {', '.join(POSITIONS)}, "
            f"not {position!r}."
        )
    config = client_config(position)
    # A RequestContext knows its request without the "request" context processor.
    request = getattr(context, "request", None) or context.get("request")
    messages = messages_only(list(get_messages(request))) if request is not None else []
    engine = (
        context.template.engine if context.template else template.Engine.get_default()
    )
    toast_template = engine.get_template("toastkit/toast.html")
    toast_context = template.Context(autoescape=engine.autoescape)
    rendered = []
    for message in messages:
        with toast_context.push(
            message={**OPTION_DEFAULTS, **message_payload(message)}
        ):
            rendered.append(toast_template.render(toast_context))
    toasts_html = "".join(rendered)
    cached = frame(engine, config)
    if cached is None:
        body = render_frame(engine, config, toasts_html)
        script_src = static("toastkit/toastkit.js")
    else:
        before, after, script_src = cached
        body = before + toasts_html + after
    nonce = context.get("csp_nonce")
    script = format_html(
        '<script src="{}" defer{}></script>',
        script_src,
        format_html(' nonce="{}"', nonce) if nonce else "",
    )
    return mark_safe(body + script)
