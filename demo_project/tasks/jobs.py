"""The demo's background job: an export that tells its user when it is done.

``start_export`` answers at once; ``export_tasks`` runs afterwards in another
thread, with no request and no response to put a message in. It stores the
CSV, then reaches the user through ``toastkit.inbox``: ``success(user, ...)``
stores the toast, and since the demo includes ``toastkit.inbox``'s URLs, the
pages the user has open show it within a second, with nothing clicked (the
``poll`` doorbell, under ``runserver``: docs/live.md). Without a stream (no
JavaScript, no ``EventSource``) it shows on the user's next response that
shows messages. Either way once, to that user only.

Why a thread: Django 6's tasks framework (``django.tasks``) ships two
backends, and neither runs in the background. ``ImmediateBackend`` runs the
task inside ``enqueue()``, in the request, so the view would wait for the
export; ``DummyBackend`` never runs it. Django 5.2 has no tasks framework.
A project with no task queue and a job of a few seconds starts a thread:
it costs nothing to start, while a subprocess (``manage.py export_tasks``)
pays a new interpreter and ``django.setup()`` per export (0.8 s and 50 MB
here, measured with ``manage.py check``) to survive a restart that a job
this short rarely meets. The toast does not care: ``notify()`` writes to the database, and
the stream finds it there whichever process wrote it. With a worker (a
``django.tasks`` backend that has one, Celery, RQ...), ``export_tasks`` is
the task's body as it is::

    @task
    def export_tasks(user_pk: int, filename: str) -> None: ...

    export_tasks.enqueue(request.user.pk, filename)
"""

from __future__ import annotations

import csv
import io
import secrets
import threading
import time
from typing import Any

from django.conf import settings
from django.db import connections
from django.urls import reverse

import toastkit
from tasks.models import Export, Task
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


def tasks_csv() -> tuple[str, int]:
    """The tasks as CSV, and how many there are."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["title", "done", "created"])
    rows = Task.objects.values_list("title", "done", "created")
    for title, done, created in rows:
        writer.writerow([title, "yes" if done else "no", created.isoformat()])
    return out.getvalue(), len(rows)


def export_tasks(user_pk: int, filename: str) -> None:
    """The job: work for a while (a sleep, in the demo), store the CSV, then
    tell the user, with a Download button.

    It takes the user's pk, not the user: what a task queue would pass.
    """
    try:
        time.sleep(settings.DEMO_EXPORT_DELAY)
        content, count = tasks_csv()
        export = Export.objects.create(
            user_id=user_pk, filename=filename, content=content
        )
        download = toastkit.Action(
            "Download",
            reverse("task-export-download", args=[export.pk]),
            method="get",
        )
        inbox.success(
            user_pk,
            f"Export ready: {filename}, {count} task{'s' * (count != 1)}.",
            title="Background job done",
            # The key of the view's "Exporting…" toast: this one takes its place.
            key=export_key(filename),
            # It may arrive while the user looks elsewhere: it waits for them.
            sticky=True,
            actions=[download],
        )
    finally:
        connections.close_all()  # this thread's connections; a worker does this for you
