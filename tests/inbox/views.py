"""Views only the inbox tests need (the rest come from tests/views.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path
from django.utils.html import format_html
from django_htmx.http import HttpResponseClientRedirect

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


def log_out_then(request: HttpRequest, kind: str) -> HttpResponse:
    """Log out, then answer with ``kind``: ``client-redirect`` (htmx's logout
    link, ``HX-Redirect``) or ``page`` (a "you are logged out" page that
    renders {% toasts %})."""
    logout(request)
    if kind == "client-redirect":
        return HttpResponseClientRedirect("/inbox/no-toasts/")
    return render_string(request, TOASTS_PAGE)


def log_in_as(request: HttpRequest, username: str) -> HttpResponse:
    """Log in as ``username`` and render a page with {% toasts %} at once, as
    an impersonation package's "log in as this user" view may."""
    user = get_user_model()._default_manager.get_by_natural_key(username)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return render_string(request, TOASTS_PAGE)


def no_toasts(request: HttpRequest) -> HttpResponse:
    """A page whose layout has no {% toasts %} (a login page, say)."""
    return HttpResponse("<main>no toasts here</main>")


def admin_messages(request: HttpRequest) -> HttpResponse:
    """The admin's kind of message at success, warning and error, each with
    a link (``format_html``, as the admin writes them); then the admin's index."""
    for add, text in (
        (messages.success, "The group “{}” was added successfully."),
        (messages.warning, "The group “{}” was changed; check its permissions."),
        (messages.error, "The group “{}” could not be deleted."),
    ):
        link = format_html('<a href="{}">{}</a>', "/admin/auth/group/", "Editors")
        add(request, format_html(text, link))
    return HttpResponseRedirect("/admin/")


urlpatterns = [
    path("admin-messages/", admin_messages),
    path("async-page/", async_page),
    path("render-then-fail/", render_then_fail),
    path("log-out/<str:kind>/", log_out_then),
    path("log-in-as/<str:username>/", log_in_as),
    path("no-toasts/", no_toasts),
]
