from __future__ import annotations

from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from demo.accounts import DemoLoginView, DemoLogoutView
from demo.preferences import save_preferences

urlpatterns = [
    path("", include("tasks.urls")),
    path("playground/", include("playground.urls")),
    path("preferences/", save_preferences, name="preferences"),
    path("login/", DemoLoginView.as_view(), name="login"),
    path("logout/", DemoLogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    # toastkit.inbox's live stream: {% toasts %} sees it is included and
    # switches live delivery on for logged-in users (docs/live.md).
    path("toastkit/", include("toastkit.inbox.urls")),
    # For pages with no <link rel="icon">: the admin's.
    path("favicon.ico", RedirectView.as_view(url=static("demo/favicon.svg"))),
]
