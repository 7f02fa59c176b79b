"""The visitor's demo switches: htmx version, toast position, theme, direction.

They live in the session, so they hold across pages. A real project picks
these once: ``{% htmx_script version=2 %}`` and ``TOASTKIT_POSITION``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from toastkit.conf import POSITIONS

CHOICES: dict[str, tuple[str, ...]] = {
    "htmx": ("2", "4"),
    "position": POSITIONS,
    "theme": ("auto", "light", "dark"),
    "dir": ("ltr", "rtl"),
}


def defaults() -> dict[str, str]:
    return {
        "htmx": "2",
        "position": settings.TOASTKIT_POSITION,
        "theme": "auto",
        "dir": "ltr",
    }


def current(request: HttpRequest) -> dict[str, str]:
    return {**defaults(), **request.session.get("preferences", {})}


def preferences(request: HttpRequest) -> dict[str, Any]:
    """Context processor: ``prefs`` and the choices, for base.html and the playground."""
    prefs = current(request)
    return {"prefs": prefs, "pref_choices": CHOICES, "htmx_version": int(prefs["htmx"])}


@require_POST
def save_preferences(request: HttpRequest) -> HttpResponse:
    """A classic form post: save, add a message, redirect back (POST-redirect-GET)."""
    prefs = current(request)
    for name, allowed in CHOICES.items():
        value = request.POST.get(name)
        if value in allowed:
            prefs[name] = value
    request.session["preferences"] = prefs
    messages.info(
        request,
        f"Now on htmx {prefs['htmx']}, toasts {prefs['position']}, "
        f"{prefs['theme']} theme, {prefs['dir'].upper()}.",
    )
    back = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
        back = "/"
    return redirect(back)
