from __future__ import annotations

from django.urls import include, path

from demo.preferences import save_preferences

urlpatterns = [
    path("", include("tasks.urls")),
    path("playground/", include("playground.urls")),
    path("preferences/", save_preferences, name="preferences"),
]
