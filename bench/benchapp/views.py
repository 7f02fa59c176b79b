"""The measured views: the same code in every variant.

``?n=`` messages (default 1) are added with ``fail_silently=True``, so the
``none`` variant, which has no messages framework, runs the same code.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

TASKS = [
    {"id": n, "title": f"Task number {n}", "done": n % 3 == 0} for n in range(1, 11)
]


def add_messages(request: HttpRequest) -> None:
    for n in range(int(request.GET.get("n", "1"))):
        text = f"Saved “Task number {n + 1}”."
        messages.add_message(request, messages.SUCCESS, text, fail_silently=True)


def htmx_add(request: HttpRequest) -> HttpResponse:
    """An htmx partial: the row of the task just saved; the message is a toast."""
    add_messages(request)
    return render(request, "bench/_task.html", {"task": TASKS[0]})


def page(request: HttpRequest) -> HttpResponse:
    """A full page that renders this request's messages (after a plain POST, say)."""
    add_messages(request)
    return render(request, settings.PAGE_TEMPLATE, {"tasks": TASKS})


def htmx_user(request: HttpRequest) -> HttpResponse:
    """bench/inbox.py: an htmx partial for a logged-in user, with no message.

    It reads ``request.user``, as a view for logged-in users does, so the
    user's query is in every variant, with the inbox or without.
    """
    context = {"task": TASKS[0], "owner": request.user.get_username()}
    return render(request, "bench/_task.html", context)
