"""URLs of the browser tests' pages (under /e2e/)."""

from __future__ import annotations

from django.urls import path

from tests.e2e import views

urlpatterns = [
    path("htmx<int:htmx_version>/", views.page, name="e2e-page"),
    path("add/", views.add, name="e2e-add"),
    path("redirect/", views.redirect, name="e2e-redirect"),
    path("fragment/", views.fragment, name="e2e-fragment"),
    path("respond/", views.respond, name="e2e-respond"),
]
