from __future__ import annotations

from django.urls import path

from playground import views

urlpatterns = [
    path("", views.playground, name="playground"),
    path("toast/", views.toast, name="playground-toast"),
]
