"""toastkit's URLs: ``path("toastkit/", include("toastkit.inbox.urls"))``."""

from __future__ import annotations

from django.urls import path

from toastkit.inbox.live.views import live

app_name = "toastkit_inbox"

urlpatterns = [
    path("live/", live, name="live"),
]
