from __future__ import annotations

from django.contrib.staticfiles.views import serve
from django.urls import path, re_path

from benchapp import views

urlpatterns = [
    path("htmx/", views.htmx_add, name="htmx-add"),
    path("page/", views.page, name="page"),
    path("browser/", views.browser_page, name="browser-page"),
    path("health/", views.health, name="health"),
    # Static files without DEBUG, for the browser bench only.
    re_path(r"^static/(?P<path>.*)$", serve, {"insecure": True}),
]
