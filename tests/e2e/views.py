"""Views for the browser tests: one page per htmx version, and endpoints."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt


def page(request: HttpRequest, htmx_version: int) -> HttpResponse:
    return render(request, "e2e/page.html", {"htmx_version": htmx_version})


@csrf_exempt
def add(request: HttpRequest) -> HttpResponse:
    level = int(request.POST.get("level", "20"))
    messages.add_message(request, level, request.POST.get("text", "Hello"))
    return HttpResponse("<p>done</p>")
