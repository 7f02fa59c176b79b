from __future__ import annotations

from django.urls import include, path

from tests import views

urlpatterns = [
    path("page/", views.page, name="page"),
    path("jinja-page/", views.jinja_page, name="jinja-page"),
    path("add/", views.add, name="add"),
    path("show/", views.show, name="show"),
    path("show-later/", views.show_later, name="show-later"),
    path("add/<str:kind>/", views.add_special, name="add-special"),
    path("e2e/", include("tests.e2e.urls")),
]
