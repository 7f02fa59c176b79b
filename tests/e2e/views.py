"""Views for the browser tests, every one served under a strict CSP.

The page reads the messages to add from its query string (server-rendered
toasts); ``add`` does the same from POST data (toasts over htmx).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_exempt
from django_htmx.http import (
    HttpResponseClientRedirect,
    HttpResponseClientRefresh,
    trigger_client_event,
)

from toastkit import add_toast

#: The policy the issue asks toastkit to work under, plus default-src.
POLICY = (
    "default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'"
)

View = Callable[..., HttpResponse]


def strict_csp(view: View) -> View:
    """Serve ``view`` with the strict policy; templates get ``csp_nonce``."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        request.csp_nonce = secrets.token_urlsafe(16)  # type: ignore[attr-defined]
        response = view(request, *args, **kwargs)
        response["Content-Security-Policy"] = POLICY.format(
            nonce=request.csp_nonce  # type: ignore[attr-defined]
        )
        return response

    return wrapped


def add_messages(
    request: HttpRequest, data: QueryDict, **extra_options: object
) -> None:
    """Add the messages ``data`` asks for.

    ``text`` (with ``level``, ``title``, ``duration``, ``sticky``, ``key``,
    ``safe``, ``tags``, and ``extra_options``) added ``times`` times;
    ``levels=10,20`` adds one per level.
    """
    messages.set_level(request, messages.DEBUG)
    for level in filter(None, data.get("levels", "").split(",")):
        add_toast(request, int(level), f"Level {level} message")
    text = data.get("text")
    if not text:
        return
    options: dict[str, object] = dict(extra_options)
    if data.get("title"):
        options["title"] = data["title"]
    if data.get("key"):
        options["key"] = data["key"]
    if data.get("duration"):
        options["duration"] = int(data["duration"])
    if data.get("sticky"):
        options["sticky"] = True
    message = mark_safe(text) if data.get("safe") else text
    for _ in range(int(data.get("times") or 1)):
        add_toast(
            request,
            int(data.get("level") or 20),
            message,
            data.get("tags", ""),
            **options,  # type: ignore[arg-type]
        )


def context(request: HttpRequest, htmx_version: int) -> dict[str, object]:
    return {
        "htmx_version": htmx_version,
        "dir": request.GET.get("dir", "ltr"),
        "csp_nonce": request.csp_nonce,  # type: ignore[attr-defined]
    }


@strict_csp
def page(request: HttpRequest, htmx_version: int) -> HttpResponse:
    add_messages(request, request.GET)
    return render(request, "e2e/page.html", context(request, htmx_version))


@strict_csp
def jinja_page(request: HttpRequest, htmx_version: int) -> HttpResponse:
    """tests/jinja2/e2e/page.html, rendered by the Jinja2 engine.

    No ``csp_nonce`` in its context: ``toasts()`` takes the request's.
    """
    add_messages(request, request.GET)
    return render(
        request, "e2e/page.html", {"htmx_version": htmx_version}, using="jinja2"
    )


@strict_csp
@csrf_exempt
def add(request: HttpRequest) -> HttpResponse:
    add_messages(request, request.POST)
    return HttpResponse("<p>done</p>")


@strict_csp
@csrf_exempt
def redirect(request: HttpRequest) -> HttpResponse:
    """Post/redirect/get: add the message, then send the browser on."""
    add_messages(request, request.POST)
    return HttpResponseRedirect(request.GET["next"])


@strict_csp
def fragment(request: HttpRequest) -> HttpResponse:
    return HttpResponse("<p>fragment</p>")


@strict_csp
@csrf_exempt
def respond(request: HttpRequest) -> HttpResponse:
    """Add messages, then answer as the composer asks: ``status`` (204, 4xx,
    5xx), or ``kind``: ``client-redirect`` (HX-Redirect to ``next``),
    ``refresh`` (HX-Refresh), ``trigger`` (the view's own HX-Trigger event).
    """
    add_messages(request, request.POST)
    kind = request.POST.get("kind", "")
    if kind == "client-redirect":
        return HttpResponseClientRedirect(request.POST["next"])
    if kind == "refresh":
        return HttpResponseClientRefresh()
    status = int(request.POST.get("status") or 200)
    response = HttpResponse("" if status == 204 else f"<p>{status}</p>", status=status)
    if kind == "trigger":
        trigger_client_event(response, "tasks-changed", {"open": 3})
    return response


#: Stylesheets of the "site" page (``site_page``), as a site would write them.
SITE_STYLESHEETS = {
    # docs/client.md's example, with a plain selector, in the <head>.
    "restyle": ".toastkit { --toastkit-width: 26rem; --toastkit-radius: 0;"
    " --toastkit-success: #0a7d32; }",
    # A site on cascade layers: toastkit's layer first, so the site's wins.
    "layered": "@layer toastkit, site;"
    " @layer site { .toastkit { --toastkit-radius: 0; } }",
    "dark": ":root { color-scheme: dark; }",
    "light": ":root { color-scheme: light; }",
    # A theme toggle: the attribute on <html> sets the scheme.
    "toggle": ':root { color-scheme: light; } :root[data-theme="dark"]'
    " { color-scheme: dark; }",
}


def site_stylesheet(request: HttpRequest, name: str) -> HttpResponse:
    return HttpResponse(SITE_STYLESHEETS[name], content_type="text/css")


@strict_csp
def site_page(request: HttpRequest) -> HttpResponse:
    """A site's page: ``sheet`` (SITE_STYLESHEETS) in the <head>, ``meta``
    as ``<meta name="color-scheme">``, ``theme`` as ``data-theme`` on <html>,
    ``head_css`` for toastkit's stylesheet in the <head> (``{% toasts_css %}``
    and ``{% toasts css=False %}``)."""
    add_messages(request, request.GET)
    return render(
        request,
        "e2e/site.html",
        {
            "sheets": request.GET.getlist("sheet"),
            "meta": request.GET.get("meta", ""),
            "theme": request.GET.get("theme", ""),
            "head_css": bool(request.GET.get("head_css")),
            "csp_nonce": request.csp_nonce,  # type: ignore[attr-defined]
        },
    )
