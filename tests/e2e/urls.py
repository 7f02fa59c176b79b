"""URLs of the browser tests' pages (under /e2e/)."""

from __future__ import annotations

from django.urls import path

from tests.e2e import action_views, pattern_views, views

urlpatterns = [
    path("htmx<int:htmx_version>/", views.page, name="e2e-page"),
    path("jinja<int:htmx_version>/", views.jinja_page, name="e2e-jinja-page"),
    path("add/", views.add, name="e2e-add"),
    path("redirect/", views.redirect, name="e2e-redirect"),
    path("fragment/", views.fragment, name="e2e-fragment"),
    path("respond/", views.respond, name="e2e-respond"),
    path("site/", views.site_page, name="e2e-site"),
    path("site/<str:name>.css", views.site_stylesheet, name="e2e-site-stylesheet"),
    path(
        "patterns<int:htmx_version>/",
        pattern_views.patterns,
        name="e2e-pattern-page",
    ),
    path("gated/", pattern_views.gated, name="e2e-gated"),
    path("rows/", pattern_views.rows, name="e2e-rows"),
    path("poll/", pattern_views.poll, name="e2e-poll"),
    path("explode/", pattern_views.explode, name="e2e-explode"),
    path(
        "actions<int:htmx_version>/",
        action_views.actions,
        name="e2e-actions",
    ),
    path("actions/delete/", action_views.delete, name="e2e-actions-delete"),
    path("actions/restore/", action_views.restore, name="e2e-actions-restore"),
    path("actions/look/", action_views.look, name="e2e-actions-look"),
    path("actions/compose/", action_views.compose, name="e2e-actions-compose"),
]
