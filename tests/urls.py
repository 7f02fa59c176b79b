from __future__ import annotations

from django.urls import path

from tests import views
from tests.e2e import views as e2e_views

urlpatterns = [
    path("page/", views.page, name="page"),
    path("add/", views.add, name="add"),
    path("e2e/htmx<int:htmx_version>/", e2e_views.page, name="e2e-page"),
    path("e2e/add/", e2e_views.add, name="e2e-add"),
]
