"""``{{ toasts() }}``, ``{{ toasts_css() }}``, ``{{ toasts_timing() }}``: the
tags for Django's Jinja2 backend, to add to the environment's globals
(docs/reference.md). They render through the project's Django template engine
(django-cotton's components need it). The one module that imports jinja2.
"""

from __future__ import annotations

from django.template import Engine
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from toastkit.rendering import (
    render_css,
    render_region,
    render_timing,
    unknown_position,
)

__all__ = ["toasts", "toasts_css", "toasts_timing"]


@pass_context
def toasts(context: Context, position: str | None = None, css: bool = True) -> Markup:
    """``{% toasts %}``: the script gets the context's ``csp_nonce`` (Django's
    ``csp`` context processor), else the request's."""
    if problem := unknown_position(position):
        raise ValueError(f"toasts(): {problem}")
    request = context.get("request")
    nonce = context.get("csp_nonce") or getattr(request, "csp_nonce", None)
    return Markup(render_region(Engine.get_default(), request, position, nonce, css))


def toasts_css() -> Markup:
    """The ``{% toasts_css %}`` link: toastkit's stylesheet, for the ``<head>``."""
    return Markup(render_css())


def toasts_timing() -> Markup:
    """The ``{% toasts_timing %}`` control: how long toasts stay, the user's choice."""
    return Markup(render_timing(Engine.get_default()))
