from __future__ import annotations

from django.urls import path

from tasks import views

urlpatterns = [
    path("", views.task_list, name="task-list"),
    path("tasks/add/", views.task_add, name="task-add"),
]
