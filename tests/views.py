"""Views the unit tests drive through Django's test client.

``/add/?text=a&text=b&level=25&extra_tags=x&kind=redirect`` adds each text as
a message, then answers with the response named by ``kind``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from django.contrib import messages
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import redirect
from django.template import engines
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from django_htmx.http import (
    HttpResponseClientRedirect,
    HttpResponseClientRefresh,
    HttpResponseLocation,
)

import toastkit

TOASTS_PAGE = "{% load toastkit %}<main>page</main>{% toasts %}"

#: The same page for the Jinja2 engine (tests/jinja_env.py).
JINJA_TOASTS_PAGE = "<main>page</main>{{ toasts() }}"


def render_string(request: HttpRequest, source: str) -> HttpResponse:
    return HttpResponse(engines["django"].from_string(source).render({}, request))


def page(request: HttpRequest) -> HttpResponse:
    return render_string(request, TOASTS_PAGE)


def jinja_page(request: HttpRequest) -> HttpResponse:
    page = engines["jinja2"].from_string(JINJA_TOASTS_PAGE)
    return HttpResponse(page.render({}, request))


def stream() -> Iterator[bytes]:
    yield b"streamed"


def with_trigger(request: HttpRequest) -> HttpResponse:
    response = HttpResponse("own trigger")
    response["HX-Trigger"] = request.GET["trigger"]
    return response


def refresh_false(request: HttpRequest) -> HttpResponse:
    response = HttpResponse()
    response["HX-Refresh"] = "false"
    return response


RESPONSES: dict[str, Callable[[HttpRequest], HttpResponseBase]] = {
    "ok": lambda r: HttpResponse("added"),
    "no-content": lambda r: HttpResponse(status=204),
    "unprocessable": lambda r: HttpResponse("invalid", status=422),
    "server-error": lambda r: HttpResponse("oops", status=500),
    "redirect": lambda r: redirect("/page/"),
    "not-modified": lambda r: HttpResponse(status=304),
    "client-redirect": lambda r: HttpResponseClientRedirect("/page/"),
    "location": lambda r: HttpResponseLocation("/page/"),
    "refresh": lambda r: HttpResponseClientRefresh(),
    "refresh-false": refresh_false,
    "json": lambda r: JsonResponse({"ok": True}),
    "stream": lambda r: StreamingHttpResponse(stream()),
    "trigger": with_trigger,
    "partial-with-toasts": lambda r: render_string(
        r, "<p>row</p>{% load toastkit %}{% toasts %}"
    ),
    "partial-reading-messages": lambda r: render_string(
        r, "{% for m in messages %}<p>{{ m }}</p>{% endfor %}"
    ),
}


def show(request: HttpRequest) -> HttpResponse:
    """Django's way: loop over ``messages`` from the context processor."""
    return render_string(
        request,
        "{% for m in messages %}<p class='{{ m.tags }}'>{{ m }}"
        "{% if m.level == DEFAULT_MESSAGE_LEVELS.ERROR %} (error){% endif %}</p>"
        "{% endfor %}",
    )


def show_later(request: HttpRequest) -> TemplateResponse:
    """A TemplateResponse renders after the view returns, before the middleware."""
    return TemplateResponse(
        request,
        engines["django"].from_string(
            "{% for m in messages %}<p>{{ m }}</p>{% endfor %}"
        ),
    )


def add(request: HttpRequest) -> HttpResponseBase:
    level = int(request.GET.get("level", messages.INFO))
    extra_tags = request.GET.get("extra_tags", "")
    for text in request.GET.getlist("text", ["Saved"]):
        messages.add_message(request, level, text, extra_tags)
    return RESPONSES[request.GET.get("kind", "ok")](request)


def add_special(request: HttpRequest, kind: str) -> HttpResponse:
    if kind == "lazy":
        messages.info(request, gettext_lazy("Lazy hello"), gettext_lazy("lazy-tag"))
    elif kind == "safe":
        messages.info(request, mark_safe("<b>bold</b>"))
    elif kind == "options":
        toastkit.success(request, "Titled", title="Tasks", duration=1500, sticky=True)
    return HttpResponse("special")
