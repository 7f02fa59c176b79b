"""Views only the inbox tests need (the rest come from tests/views.py)."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import path

from tests.views import TOASTS_PAGE, render_string


async def async_page(request: HttpRequest) -> HttpResponse:
    """An async view rendering {% toasts %} itself, in the event loop."""
    return render_string(request, TOASTS_PAGE)


def render_then_fail(request: HttpRequest) -> HttpResponse:
    """Render {% toasts %} inside a transaction that is then rolled back
    (a view under ATOMIC_REQUESTS that fails after rendering)."""
    with transaction.atomic():
        render_string(request, TOASTS_PAGE)
        raise RuntimeError("the view failed after rendering (on purpose)")


urlpatterns = [
    path("async-page/", async_page),
    path("render-then-fail/", render_then_fail),
]
