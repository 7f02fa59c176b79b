from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from tests.inbox import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("inbox/", include(views.urlpatterns)),
    path("", include("tests.urls")),
]
