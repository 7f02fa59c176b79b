"""URLs of the live-delivery bench: the page, its static files, the stream."""

from __future__ import annotations

from benchapp import views
from django.contrib.staticfiles.views import serve
from django.urls import include, path, re_path

urlpatterns = [
    path("page/", views.page),
    path("toastkit/", include("toastkit.inbox.urls")),
    # Static files without DEBUG, for the browser rows.
    re_path(r"^static/(?P<path>.*)$", serve, {"insecure": True}),
]
