"""``{% toasts_at position %}``: ``{% toasts %}`` at a position chosen per visitor.

Only the demo needs this, for its position switch. Your project writes
``{% toasts %}`` and sets ``TOASTKIT_POSITION`` once in settings. toastkit has
no per-render position, so this renders ``{% toasts %}`` as it is and sets the
region's ``data-position`` attribute, the one place the position is read.
"""

from __future__ import annotations

import re

from django import template
from django.utils.safestring import SafeString, mark_safe

from toastkit.conf import POSITIONS

register = template.Library()

TOASTS = "{% load toastkit %}{% toasts %}"
POSITION_ATTRIBUTE = re.compile(r'data-position="[^"]*"')


@register.simple_tag(takes_context=True)
def toasts_at(context: template.Context, position: str) -> SafeString:
    engine = (
        context.template.engine if context.template else template.Engine.get_default()
    )
    html = engine.from_string(TOASTS).render(context)
    if position not in POSITIONS:  # a closed set: safe to write into the attribute
        return mark_safe(html)
    return mark_safe(
        POSITION_ATTRIBUTE.sub(f'data-position="{position}"', html, count=1)
    )
