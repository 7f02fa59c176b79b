"""Small views the unit tests drive through Django's test client."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.template import engines


def page(request: HttpRequest) -> HttpResponse:
    template = engines["django"].from_string(
        "{% load toastkit %}<main>page</main>{% toasts %}"
    )
    return HttpResponse(template.render({}, request))


def add(request: HttpRequest) -> HttpResponse:
    messages.info(request, request.GET.get("text", "Saved"))
    return HttpResponse("added")
