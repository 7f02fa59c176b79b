"""The claim's edges, found by attacking it: each test failed before the fix
(a message lost, or shown to someone else).

- A page claims while its template renders; a template that fails after
  ``{% toasts %}``, or a page rendered and thrown away, gives its claim back
  when the final response does not carry it (``responses.settle``).
- A prefetch, a prerender or a preload claims nothing.
- A ``request.user`` swapped without a login (django-impersonate) claims
  nothing.
- An update whose read-back fails is rolled back with it.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import OperationalError, connection
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template import engines
from django.template.response import TemplateResponse
from django.test import Client, override_settings
from django.urls import include, path

from tests.conftest import HTMX
from tests.inbox.conftest import page_texts, pending
from tests.views import TOASTS_PAGE, render_string
from toastkit import inbox
from toastkit.inbox import delivery
from toastkit.inbox.models import InboxMessage


class Boom:
    def __str__(self) -> str:
        raise RuntimeError("the template fails after {% toasts %} (on purpose)")


FAILING_PAGE = TOASTS_PAGE + "{{ boom }}"


def fail_after_toasts(request: HttpRequest) -> HttpResponse:
    template = engines["django"].from_string(FAILING_PAGE)
    return HttpResponse(template.render({"boom": Boom()}, request))


def template_response_fails(request: HttpRequest) -> TemplateResponse:
    template = engines["django"].from_string(FAILING_PAGE)
    return TemplateResponse(request, template, {"boom": Boom()})


def render_then_redirect(request: HttpRequest) -> HttpResponse:
    render_string(request, TOASTS_PAGE)  # an email body, a PDF, a discarded draft
    return HttpResponseRedirect("/inbox/no-toasts/")


class Impersonate:
    """As django-impersonate does: swaps request.user, sends no auth signal."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        if (who := request.GET.get("as")) and request.user.is_authenticated:
            request.impersonator = request.user  # type: ignore[attr-defined]
            request.user = get_user_model().objects.get(username=who)
        return self.get_response(request)


urlpatterns = [
    path("fail-after-toasts/", fail_after_toasts),
    path("template-response-fails/", template_response_fails),
    path("render-then-redirect/", render_then_redirect),
    path("", include("tests.inbox.urls")),
]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


def next_page(client: Client) -> list[str]:
    return page_texts(client.get("/page/").content.decode())


@pytest.mark.parametrize("atomic_requests", [False, True])
@pytest.mark.parametrize("url", ["/fail-after-toasts/", "/template-response-fails/"])
def test_a_500_after_toasts_rendered_loses_no_message(
    alice: Client, user: User, url: str, atomic_requests: bool
) -> None:
    inbox.info(user, "Report ready")
    alice.raise_request_exception = False
    connection.settings_dict["ATOMIC_REQUESTS"] = atomic_requests
    try:
        assert alice.get(url).status_code == 500
    finally:
        connection.settings_dict["ATOMIC_REQUESTS"] = False
    assert next_page(alice) == ["Report ready"]


def test_a_page_rendered_and_discarded_loses_no_message(
    alice: Client, user: User
) -> None:
    inbox.info(user, "Report ready")
    response = alice.get("/render-then-redirect/", follow=True)
    assert page_texts(response.content.decode()) + next_page(alice) == ["Report ready"]


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Purpose": "prefetch"},  # speculation rules, <link rel=prefetch>
        {"Sec-Purpose": "prefetch;prerender"},  # Chrome's omnibox prerender
        {**HTMX, "HX-Preloaded": "true"},  # htmx-ext-preload 2 (headers never read)
        {"HX-Preloaded": "true"},  # its plain-XHR preload of a boosted link
    ],
)
def test_a_prefetch_claims_nothing(
    alice: Client, user: User, headers: dict[str, str]
) -> None:
    inbox.info(user, "Report ready")
    alice.get("/page/", headers=headers)
    assert pending(user) == ["Report ready"]


@override_settings(
    MIDDLEWARE=[
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        f"{__name__}.Impersonate",
        "django_htmx.middleware.HtmxMiddleware",
        "toastkit.middleware.ToastMiddleware",
    ]
)
def test_a_user_swapped_without_signals_claims_nothing(
    client_of: Any, user: User, other_user: User
) -> None:
    staff = client_of(other_user)
    inbox.info(user, "Your payslip is ready")
    seen = page_texts(staff.get("/page/?as=alice").content.decode())
    assert seen == []  # observed: bob sees alice's message; alice never will
    assert pending(user) == ["Your payslip is ready"]


@pytest.mark.django_db(
    transaction=True
)  # autocommit, as a view without ATOMIC_REQUESTS
def test_a_failed_read_back_leaves_the_claimed_rows_pending(
    alice: Client, user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox.info(user, "m0")
    inbox.info(user, "m1")
    real_rows = delivery.pending_rows

    def racing_rows(*args: Any) -> Any:
        rows = real_rows(*args)
        # An overlapping request claims m0 between this one's SELECT and UPDATE.
        InboxMessage.objects.filter(pk=rows[0].pk).update(
            delivered_at=rows[0].created_at, claim="other"
        )
        return rows

    def read_back_fails(*args: Any, **kwargs: Any) -> Any:
        raise OperationalError("database is locked")

    monkeypatch.setattr(delivery, "pending_rows", racing_rows)
    monkeypatch.setattr(QuerySet, "values_list", read_back_fails)
    shown = page_texts(alice.get("/page/").content.decode())
    monkeypatch.undo()
    assert "m1" in shown + pending(user)
