from __future__ import annotations

from django.urls import include, path

from tests import views

urlpatterns = [
    path("page/", views.page, name="page"),
    path("add/", views.add, name="add"),
    path("add/<str:kind>/", views.add_special, name="add-special"),
    path("e2e/", include("tests.e2e.urls")),
]
