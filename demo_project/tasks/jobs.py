"""The demo's background job: an export that tells its user when it is done.

``start_export`` answers at once; ``export_tasks`` runs afterwards in another
thread, with no request and no response to put a message in. It reaches the
user through ``toastkit.inbox``: ``success(user, ...)`` stores the toast, and
toastkit shows it on the user's next response that shows messages (their next
click or page), once, to that user only.

Why a thread: Django 6's tasks framework (``django.tasks``) ships two
backends, and neither runs in the background. ``ImmediateBackend`` runs the
task inside ``enqueue()``, in the request, so the view would wait for the
export; ``DummyBackend`` never runs it. Django 5.2 has no tasks framework. So
the demo starts a thread on every version. With a worker (a ``django.tasks``
backend that has one, Celery, RQ...), ``export_tasks`` is the task's body as
it is::

    @task
    def export_tasks(user_pk: int, filename: str) -> None: ...

    export_tasks.enqueue(request.user.pk, filename)
"""

from __future__ import annotations

import secrets
import threading
import time
from typing import Any

from django.conf import settings
from django.db import connections

from tasks.models import Task
from toastkit import inbox


def start_export(user: Any) -> str:
    """Start exporting the tasks for ``user``; returns the export's file name."""
    filename = f"tasks-{secrets.token_hex(3)}.csv"
    job = threading.Thread(
        target=export_tasks, args=(user.pk, filename), name="export", daemon=True
    )
    job.start()
    return filename


def export_key(filename: str) -> str:
    """The key of the export's toasts: "Exporting…" becomes "Export ready"."""
    return f"export-{filename}"


def export_tasks(user_pk: int, filename: str) -> None:
    """The job: work for a while (a sleep, in the demo), then tell the user.

    It takes the user's pk, not the user: what a task queue would pass.
    """
    try:
        time.sleep(settings.DEMO_EXPORT_DELAY)
        count = Task.objects.count()
        inbox.success(
            user_pk,
            f"Export ready: {filename}, {count} task{'s' * (count != 1)}.",
            title="Background job done",
            # The key of the view's "Exporting…" toast: this one takes its place.
            key=export_key(filename),
        )
    finally:
        connections.close_all()  # this thread's connections; a worker does this for you
