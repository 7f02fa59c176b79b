"""``{% toasts_at position %}``: ``{% toasts %}`` at a position chosen per visitor.

Only the demo needs this, for its position switch. Your project writes
``{% toasts %}`` and sets ``TOASTKIT_POSITION`` once in settings.
"""

from __future__ import annotations

from typing import Any

from django import template

from toastkit.templatetags.toastkit import toasts

register = template.Library()


@register.inclusion_tag("toastkit/toasts.html", takes_context=True)
def toasts_at(context: template.Context, position: str) -> dict[str, Any]:
    rendered = toasts(context)
    rendered["config"]["position"] = position
    return rendered
