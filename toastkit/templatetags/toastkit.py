"""``{% toasts %}``, ``{% toasts_css %}``, ``{% toasts_timing %}``: thin tags
around ``toastkit.rendering``, which ``toastkit.jinja`` shares."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from toastkit.rendering import (
    render_css,
    render_region,
    render_timing,
    unknown_position,
)

register = template.Library()


def engine_of(context: template.Context) -> template.Engine:
    """The engine rendering ``context``'s template: its loaders find overrides."""
    return (
        context.template.engine if context.template else template.Engine.get_default()
    )


@register.simple_tag(takes_context=True)
def toasts(
    context: template.Context, position: str | None = None, css: bool = True
) -> SafeString:
    """Render the messages of this request as toasts, marking them used as a
    ``{% for message in messages %}`` loop does (docs/reference.md).

    ``position`` overrides ``TOASTKIT_POSITION`` for this page; ``css=False``
    leaves out the stylesheet link, for a page with ``{% toasts_css %}`` in
    its ``<head>``.
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
    """toastkit's stylesheet link, for a page's ``<head>``: the one
    ``{% toasts %}`` writes; pair it with ``{% toasts css=False %}``."""
    return render_css()


@register.simple_tag(takes_context=True)
def toasts_timing(context: template.Context) -> SafeString:
    """A control that lets the user choose how long toasts stay, kept in the
    browser's localStorage (WCAG 2.2.1, Timing Adjustable)."""
    return render_timing(engine_of(context))
