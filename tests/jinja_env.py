"""The Jinja2 environment of the tests' Jinja2 engine (tests/settings.py).

What a project on Jinja2 writes: ``toasts`` beside django-htmx's
``htmx_script``, and what its pages need (``static``, ``url``).
"""

from __future__ import annotations

from typing import Any

from django.templatetags.static import static
from django.urls import reverse
from django_htmx.jinja import htmx_script
from jinja2 import Environment

from toastkit.jinja import toasts


def environment(**options: Any) -> Environment:
    env = Environment(**options)
    env.globals.update(
        {"htmx_script": htmx_script, "static": static, "toasts": toasts, "url": reverse}
    )
    return env
