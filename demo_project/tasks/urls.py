from __future__ import annotations

from django.urls import path

from tasks import views

urlpatterns = [
    path("", views.task_list, name="task-list"),
    path("tasks/items/", views.task_items, name="task-items"),
    path("tasks/counter/", views.task_counter, name="task-counter"),
    path("tasks/add/", views.task_add, name="task-add"),
    path("tasks/quick-add/", views.task_quick_add, name="task-quick-add"),
    path("tasks/export/", views.start_export, name="task-export"),
    path("tasks/exports/<int:pk>/", views.download_export, name="task-export-download"),
    path("tasks/restore/", views.task_restore, name="task-restore"),
    path("tasks/clear-completed/", views.clear_completed, name="task-clear-completed"),
    path("tasks/<int:pk>/toggle/", views.task_toggle, name="task-toggle"),
    path("tasks/<int:pk>/delete/", views.task_delete, name="task-delete"),
    path("tasks/<int:pk>/edit/", views.task_edit, name="task-edit"),
]
