"""``{{ toasts() }}``: the ``{% toasts %}`` tag for Django's Jinja2 backend.

Add it to the environment's globals, as django-htmx's ``django_htmx.jinja``
does for ``htmx_script``::

    from jinja2 import Environment
    from toastkit.jinja import toasts, toasts_css, toasts_timing

    def environment(**options):
        env = Environment(**options)
        env.globals["toasts"] = toasts
        env.globals["toasts_css"] = toasts_css
        env.globals["toasts_timing"] = toasts_timing
        return env

It renders the same components as the tag, through the project's Django
template engine (django-cotton's components need it), with the same
exactly-once rules. This is the one module of toastkit that imports jinja2,
which stays an optional dependency.
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
    """Render the messages of this request as toasts.

    ``{{ toasts(position="top-center") }}`` overrides ``TOASTKIT_POSITION``
    for this page; ``{{ toasts(css=False) }}`` leaves out the stylesheet link,
    for a page that loads it in its ``<head>`` with ``{{ toasts_css() }}``.
    The script gets the context's ``csp_nonce`` (Django's
    ``csp`` context processor), else the request's.

    Rendering the messages marks them used, so ``ToastMiddleware`` does not
    send them again in ``HX-Trigger``; on an htmx request (not a history
    restore) no message is rendered: they all travel in ``HX-Trigger``.
    """
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
