from __future__ import annotations

from django.contrib.staticfiles.views import serve
from django.urls import path, re_path

from benchapp import views

urlpatterns = [
    path("htmx/", views.htmx_add),
    path("page/", views.page),
    path("htmx/user/", views.htmx_user),  # bench/inbox.py
    # Static files without DEBUG, for the browser bench.
    re_path(r"^static/(?P<path>.*)$", serve, {"insecure": True}),
]
