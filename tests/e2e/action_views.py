"""Views of tests/e2e/test_actions.py: records deleted with an Undo toast.

``actions`` is the page: the records, each with a Delete form; a composer
that sends a toast (with a key, an action, a duration) over htmx; the
``{% toasts_timing %}`` control. Its query string adds server-rendered
toasts the same way.

``delete`` deletes a record and adds a success toast with an Undo action;
``restore``, the Undo, brings it back, adds "Restored …" and logs the form
it got in ``RECEIVED``. Both answer htmx with 204 and a plain browser with
a redirect to the page (post/redirect/get).

The test settings have no ``CsrfViewMiddleware``: ``csrf_protect`` checks
the token of every post here and sets the cookie the page's tokens match.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_protect
from django_htmx.http import trigger_client_event

import toastkit
from tests.e2e.views import add_messages, context, strict_csp
from tests.records.models import Record

#: The forms ``restore`` received, oldest first, with ``htmx``: whether htmx
#: sent it. Cleared by the tests.
RECEIVED: list[dict[str, Any]] = []


def undo(name: str) -> toastkit.Action:
    """The Undo of deleting ``name``: a post to ``restore`` with the name."""
    return toastkit.Action(
        "Undo", reverse("e2e-actions-restore"), method="post", values={"name": name}
    )


def look_at(name: str) -> toastkit.Action:
    """A ``get`` action to ``look`` whose URL has a query of its own (page=2)."""
    return toastkit.Action(
        "Look",
        f"{reverse('e2e-actions-look')}?page=2",
        method="get",
        values={"name": name},
    )


def add_from(request: HttpRequest, data: QueryDict) -> None:
    """Add the toast ``data`` asks for, as ``add_messages`` does, and with
    ``undo`` (a record's name) an Undo action that restores it, with ``look``
    a Look action (``look_at``)."""
    actions = [undo(name)] if (name := data.get("undo")) else []
    if name := data.get("look"):
        actions.append(look_at(name))
    add_messages(request, data, **({"actions": actions} if actions else {}))


def back_to_the_page(request: HttpRequest) -> HttpResponse:
    """htmx: nothing to swap (the toasts ride in HX-Trigger); else PRG."""
    if request.htmx:  # type: ignore[attr-defined]
        return HttpResponse(status=204)
    return HttpResponseRedirect(
        request.POST.get("next") or reverse("e2e-actions", args=[2])
    )


@strict_csp
@csrf_protect
def actions(request: HttpRequest, htmx_version: int) -> HttpResponse:
    add_from(request, request.GET)
    return render(
        request,
        "e2e/actions.html",
        {
            **context(request, htmx_version),
            "records": Record.objects.order_by("name"),
            "boost": request.GET.get("boost") == "1",
            "content": request.GET.get("content", ""),
        },
    )


@strict_csp
@csrf_protect
def delete(request: HttpRequest) -> HttpResponse:
    name = request.POST["name"]
    Record.objects.filter(name=name).delete()
    toastkit.success(request, f"Deleted “{name}”.", actions=[undo(name)])
    return back_to_the_page(request)


@strict_csp
@csrf_protect
def restore(request: HttpRequest) -> HttpResponse:
    RECEIVED.append({**request.POST.dict(), "htmx": bool(request.htmx)})  # type: ignore[attr-defined]
    name = request.POST["name"]
    Record.objects.get_or_create(name=name)
    toastkit.success(request, f"Restored “{name}”.")
    return back_to_the_page(request)


@strict_csp
def look(request: HttpRequest) -> HttpResponse:
    """A ``get`` action: logs its query in ``RECEIVED`` (a name sent twice
    with the list of its values) and says so."""
    query: dict[str, Any] = {
        n: vs[0] if len(vs) == 1 else vs for n, vs in request.GET.lists()
    }
    RECEIVED.append({**query, "htmx": bool(request.htmx)})  # type: ignore[attr-defined]
    toastkit.info(request, f"Looked at “{request.GET['name']}”.")
    return back_to_the_page(request)


@strict_csp
@csrf_protect
def compose(request: HttpRequest) -> HttpResponse:
    """The composer's toast, over htmx. With ``bad_items``, the view's own
    ``toastkit:messages`` event first, holding items that are no message."""
    add_from(request, request.POST)
    response = HttpResponse(status=204)
    if request.POST.get("bad_items"):
        items: list[object] = [None, 5, "text", [], {"message": "The view's own"}]
        trigger_client_event(response, "toastkit:messages", {"messages": items})
    return response
