"""Views and URLs of the action tests (tests/test_actions.py, tests/inbox/test_actions.py).

A URLconf of its own, used with ``override_settings(ROOT_URLCONF=URLCONF)``:
``/actions/...`` beside everything tests/urls.py serves (``/add/``,
``/page/``). ``/actions/restore/`` is what an Undo button posts to; it is
CSRF-protected whatever the middleware, so the token in a toast's form is
checked by Django itself.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST

import toastkit
from toastkit.actions import CSRF_FIELD, Method

URLCONF = "tests.action_views"
RESTORE_URL = "/actions/restore/"
ECHO_URL = "/actions/echo/"

#: The middleware of tests/settings.py (or the inbox's) with Django's CSRF
#: middleware where ``startproject`` puts it: after the session, before the
#: messages. Its response phase runs after toastkit's, so a token toastkit
#: asks for at delivery gets its cookie.
CSRF_MIDDLEWARE = "django.middleware.csrf.CsrfViewMiddleware"


def with_csrf_middleware(middleware: list[str]) -> list[str]:
    session = middleware.index("django.contrib.sessions.middleware.SessionMiddleware")
    return [*middleware[: session + 1], CSRF_MIDDLEWARE, *middleware[session + 1 :]]


def delete(request: HttpRequest) -> HttpResponse:
    """Adds "Deleted" with an Undo action (``?method=get``, ``?actions=0``)."""
    method: Method = "get" if request.GET.get("method") == "get" else "post"
    actions = [toastkit.Action("Undo", RESTORE_URL, method=method, values={"task": 7})]
    if request.GET.get("actions") == "0":
        actions = []
    toastkit.success(
        request,
        "Deleted “Buy milk”.",
        actions=actions,
        key=request.GET.get("key", "task-7"),
    )
    return HttpResponse("deleted")


@require_POST
@csrf_protect
def restore(request: HttpRequest) -> JsonResponse:
    """The Undo: adds "Restored" and answers with the fields it got (no token)."""
    toastkit.success(request, "Restored “Buy milk”.")
    return JsonResponse(
        {name: value for name, value in request.POST.items() if name != CSRF_FIELD}
    )


def echo(request: HttpRequest) -> JsonResponse:
    """A ``get`` action's view: answers with the query it got, as pairs in order."""
    query = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
    return JsonResponse({"query": query})


urlpatterns = [
    path("actions/delete/", delete),
    path("actions/restore/", restore),
    path("actions/echo/", echo),
    path("", include("tests.urls")),
]
