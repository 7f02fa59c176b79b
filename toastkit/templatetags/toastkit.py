"""``{% toasts %}``, ``{% toasts_css %}``, ``{% toasts_timing %}``: thin tags
around ``toastkit.rendering``, which ``toastkit.jinja`` shares."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from toastkit.rendering import (
    engine_of,
    render_css,
    render_region,
    render_timing,
    unknown_position,
)

register = template.Library()


@register.simple_tag(takes_context=True)
def toasts(
    context: template.Context, position: str | None = None, css: bool = True
) -> SafeString:
    """Render the messages of this request as toasts.

    ``{% toasts position="top-center" %}`` overrides ``TOASTKIT_POSITION`` for
    this page. ``{% toasts css=False %}`` leaves out the stylesheet link, for
    a page that loads it in its ``<head>`` with ``{% toasts_css %}``.

    Rendering the messages marks them used, exactly as a ``{% for message in
    messages %}`` loop does, so ``ToastMiddleware`` does not send them again
    in ``HX-Trigger``.
    """
    if problem := unknown_position(position):
        raise template.TemplateSyntaxError(f"{{% toasts %}}: {problem}")
    # A RequestContext knows its request without the "request" context processor.
    request = getattr(context, "request", None) or context.get("request")
    return render_region(
        engine_of(context), request, position, context.get("csp_nonce"), css
    )


@register.simple_tag
def toasts_css() -> SafeString:
    """toastkit's stylesheet link, for a page's ``<head>``.

    The same link ``{% toasts %}`` writes (the readable file under ``DEBUG``,
    else the minified one); pair it with ``{% toasts css=False %}``.
    """
    return render_css()


@register.simple_tag(takes_context=True)
def toasts_timing(context: template.Context) -> SafeString:
    """A control that lets the user choose how long toasts stay.

    Put it on a settings page: "after a few seconds" (the project's
    durations), "ten times as long", or "only when I close them". The choice
    is kept in the browser's localStorage (WCAG 2.2.1, Timing Adjustable).
    """
    return render_timing(engine_of(context))
