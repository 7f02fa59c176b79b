"""Views only the inbox tests need (the rest come from tests/views.py)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from tests.views import TOASTS_PAGE, render_string


async def async_page(request: HttpRequest) -> HttpResponse:
    """An async view rendering {% toasts %} itself, in the event loop."""
    return render_string(request, TOASTS_PAGE)


urlpatterns = [path("async-page/", async_page)]
