"""What ``{% toasts %}`` and ``toastkit.jinja`` render: the toast region with
this request's toasts, the CSS and the JS.

The HTML around the toasts (the CSS link, the region, the blueprint) depends
only on the language, the settings and the static files' URLs, so it is
rendered once per template and kept (``FRAMES``); each request renders only
its own toasts. On the bench's full page: ~860 µs a request with the kept
frame, ~1,280 µs rendering it each time.
"""

from __future__ import annotations

import asyncio
import json
import weakref
from functools import partial
from typing import TYPE_CHECKING, Any

from django import template
from django.apps import apps
from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import NoReverseMatch
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from toastkit.actions import form_url
from toastkit.conf import POSITIONS, toastkit_settings
from toastkit.hooks import claim_pending
from toastkit.htmx import htmx_details, htmx_reads_headers, is_prefetch
from toastkit.origins import csrf_token_for
from toastkit.toast import message_payload

if TYPE_CHECKING:
    from django.contrib.messages.storage.base import Message
    from django.http import HttpRequest
    from django.template.base import Template

#: The HTML before and after the toasts, and the script's URL.
Frame = tuple[str, str, str]
FRAME_TEMPLATE = "toastkit/toasts.html"
#: Stands in for this request's toasts when the frame around them is rendered.
SLOT_MARKER = "<!--toastkit:toasts-->"
#: Frames kept per template before it starts afresh.
MAX_FRAMES = 64
#: Frames by template (a reloaded template starts afresh), then by what else
#: their HTML depends on (``frame_key``).
FRAMES: weakref.WeakKeyDictionary[Template, dict[tuple[object, ...], Frame]] = (
    weakref.WeakKeyDictionary()
)

#: Every key a toast component may read, so no lookup fails (failed lookups
#: are Django templates' slowest path).
OPTION_DEFAULTS: dict[str, Any] = {
    "title": "",
    "duration": None,
    "sticky": False,
    "key": "",
    "actions": (),
}


def client_config(position: str | None = None, live: str = "") -> dict[str, Any]:
    """Settings the script reads from the region's data attributes; ``live``,
    the stream's URL when live delivery is on (``live_url``)."""
    durations = {str(level): ms for level, ms in toastkit_settings.DURATIONS.items()}
    return {
        "position": position or toastkit_settings.POSITION,
        "max_visible": toastkit_settings.MAX_VISIBLE,
        "durations": json.dumps(durations, separators=(",", ":")),
        "network_error": toastkit_settings.NETWORK_ERROR_MESSAGE,
        "countdown": toastkit_settings.COUNTDOWN,
        "live": live,
    }


def in_event_loop() -> bool:
    """Whether this thread runs an event loop (an async view's template):
    no database work there (``SynchronousOnlyOperation``)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def live_url(request: HttpRequest | None) -> str:
    """The live stream's URL (docs/live.md) when live delivery is on for this
    page: ``toastkit.inbox`` installed, its URLs included and a logged-in
    user (an anonymous stream answers 204); else ``""``."""
    if request is None or not apps.is_installed("toastkit.inbox") or in_event_loop():
        return ""  # an async view's {% toasts %}: request.user may need the database
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    from toastkit.inbox.live.views import stream_url  # the inbox is installed

    try:
        return stream_url(user)
    except NoReverseMatch:  # the inbox's URLs are not included: no live delivery
        return ""


def asset_url(extension: str, name: str = "toastkit") -> str:
    """toastkit's CSS or JS (or ``name``'s, ``toastkit-live``): readable under
    ``DEBUG``, else minified (as django-htmx serves htmx)."""
    suffix = "" if settings.DEBUG else ".min"
    return static(f"toastkit/{name}{suffix}.{extension}")


def render_frame(
    engine: template.Engine, config: dict[str, Any], toasts: str, css: bool
) -> str:
    """``toastkit/toasts.html`` (CSS link, region, blueprint) around ``toasts``."""
    context = template.Context(
        {
            "config": config,
            "toasts": mark_safe(toasts),
            "css_url": asset_url("css") if css else "",
        },
        autoescape=True,  # toastkit's markup, whatever the project's engine says
    )
    return engine.get_template(FRAME_TEMPLATE).render(context)


def kept_frame(
    engine: template.Engine, config: dict[str, Any], css: bool
) -> Frame | None:
    """The frame for ``config`` now, rendered once and kept; ``None`` for an
    override that does not render the toasts exactly once."""
    frames = FRAMES.setdefault(engine.get_template(FRAME_TEMPLATE), {})
    # STATIC_URL and DEBUG make the asset URLs.
    key = (get_language(), settings.STATIC_URL, settings.DEBUG, css, *config.values())
    # One lookup, then the local: another thread may clear the dict between two.
    frame = frames.get(key)
    if frame is None:
        rendered = render_frame(engine, config, SLOT_MARKER, css)
        before, marker, after = rendered.partition(SLOT_MARKER)
        if not marker or SLOT_MARKER in after:
            return None
        if len(frames) >= MAX_FRAMES:
            frames.clear()
        frame = frames[key] = (before, after, asset_url("js"))
    return frame


def messages_for_the_page(request: HttpRequest | None) -> list[Message]:
    """This request's messages to render in the page, marking them used, then
    on a full page ``toastkit.inbox``'s, claimed now (docs/reference.md,
    "Delivery": which requests leave them for ``HX-Trigger`` or later)."""
    if request is None or htmx_reads_headers(request):
        return []
    if request.method == "HEAD" or is_prefetch(request):
        return []  # a body nobody may see: they stay for the next response
    messages = list(get_messages(request))
    if not htmx_details(request):  # a full page; history restores leave them
        messages += claim_pending(request)
    return messages


def render_toasts(
    engine: template.Engine, messages: list[Message], request: HttpRequest | None
) -> str:
    """Each message through the toast component, with the data the script gets."""
    if not messages:
        return ""
    # Asked for only when a message has a post action.
    csrf_token = partial(csrf_token_for, request) if request is not None else None
    # The component itself, not a template wrapping <c-toastkit.toast>: the
    # same markup with one component lookup fewer per toast.
    toast_template = engine.get_template("cotton/toastkit/toast.html")
    # Message text is untrusted unless it is mark_safe, whatever the engine says.
    toast_context = template.Context(autoescape=True)
    rendered = []
    for message in messages:
        payload = message_payload(message, csrf_token)
        for action in payload.get("actions", ()):
            # The form's fields as pairs: {% for n, v in values.items %} would
            # find a value named "items" before dict.items.
            action["fields"] = [
                *map(tuple, action.get("query", ())),
                *action["values"].items(),
            ]
            action["form_url"] = form_url(action["url"], action["method"])
        with toast_context.push(message={**OPTION_DEFAULTS, **payload}):
            rendered.append(toast_template.render(toast_context))
    return "".join(rendered)


def unknown_position(position: str | None) -> str | None:
    """What is wrong with ``position``; ``None`` when it is one of ``POSITIONS``."""
    if position is None or position in POSITIONS:
        return None
    return f"position must be one of {', '.join(POSITIONS)}, not {position!r}."


def render_region(
    engine: template.Engine,
    request: HttpRequest | None,
    position: str | None = None,
    nonce: object = None,
    css: bool = True,
) -> SafeString:
    """The CSS link (unless ``css=False``), the region with ``request``'s
    toasts, and the script (``position`` already checked)."""
    live = live_url(request)
    config, css = client_config(position, live), bool(css)
    toasts_html = render_toasts(engine, messages_for_the_page(request), request)
    frame = kept_frame(engine, config, css)
    if frame is None:
        body = render_frame(engine, config, toasts_html, css)
        script_src = asset_url("js")
    else:
        before, after, script_src = frame
        body = before + toasts_html + after
    # Not deferred: a classic script at the end of the body runs while the page
    # is parsed, before any deferred script. htmx 4 starts when its deferred
    # script runs, so an hx-trigger="load" request could otherwise be answered
    # before toastkit listens, and its toasts would be lost.
    nonce_attribute = format_html(' nonce="{}"', nonce) if nonce else ""
    script = format_html('<script src="{}"{}></script>', script_src, nonce_attribute)
    if live:
        # Right after toastkit.js: it finds the region two elements back.
        script += format_html(
            '<script src="{}"{}></script>',
            asset_url("js", "toastkit-live"),
            nonce_attribute,
        )
    return mark_safe(body + script)


def render_css() -> SafeString:
    """toastkit's stylesheet link, as ``{% toasts %}`` writes it."""
    return format_html('<link rel="stylesheet" href="{}">', asset_url("css"))


def render_timing(engine: template.Engine) -> SafeString:
    """The control for how long toasts stay: ``toastkit/timing.html``."""
    html = engine.get_template("toastkit/timing.html").render(
        template.Context(autoescape=True)
    )
    return mark_safe(html)
