"""The Django 6 tasks example of docs/inbox.md (imported on Django 6 only)."""

from __future__ import annotations

from django.tasks import task

from toastkit import inbox


@task
def export(user_id: int, name: str) -> str:
    path = f"/exports/{name}.csv"  # the long work would happen here
    inbox.success(user_id, f"Your export {name}.csv is ready.", title="Export")
    return path
