from __future__ import annotations

from django.urls import include, path

urlpatterns = [
    path("toastkit/", include("toastkit.inbox.urls")),
    path("", include("tests.inbox.urls")),
]
