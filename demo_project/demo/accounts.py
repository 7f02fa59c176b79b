"""The demo's two accounts, and Django's login and logout views with a toast each.

The accounts are made by the migration ``demo/migrations/0001_demo_accounts.py``,
so ``manage.py migrate`` (``./scripts/demo.sh``) does all the set-up. Only
ada may open the admin.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import LoginView, LogoutView
from django.contrib.messages.views import SuccessMessageMixin
from django.http import HttpRequest, HttpResponse

#: username, password, what the login page says of the account.
DEMO_ACCOUNTS = [
    ("ada", "ada-demo", "superuser: also opens the admin"),
    ("grace", "grace-demo", "a user with no admin access"),
]
SUPERUSERS = {"ada"}


class DemoLoginView(SuccessMessageMixin, LoginView):
    """Django's ``LoginView``; the accounts are listed on the page."""

    template_name = "demo/login.html"
    extra_context = {"accounts": DEMO_ACCOUNTS}
    success_message = "Signed in as %(username)s."

    def form_invalid(self, form: Any) -> HttpResponse:
        messages.error(self.request, "Not signed in: check the username and password.")
        return super().form_invalid(form)


class DemoLogoutView(LogoutView):
    """Django's ``LogoutView`` (POST only); the toast is stored for the next page."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.info(request, "Signed out.")
        return response
