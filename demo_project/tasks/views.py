"""The task app: each view is a plain Django view using ``django.contrib.messages``.

toastkit decides how each message reaches the page: in ``HX-Trigger`` for htmx
requests (200, 204, 422 alike), or rendered by ``{% toasts %}`` on the next full
page after a redirect or an ``HX-Redirect``.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect, trigger_client_event

import toastkit
from tasks import jobs
from tasks.forms import TaskForm
from tasks.models import Export, Task


def task_list(request: HttpRequest) -> HttpResponse:
    context = {
        "form": TaskForm(),
        "quick_form": TaskForm(),
        "tasks": Task.objects.all(),
        "counts": Task.objects.counts(),
        "export_delay": settings.DEMO_EXPORT_DELAY,
    }
    return render(request, "tasks/task_list.html", context)


def task_items(request: HttpRequest) -> HttpResponse:
    """The list's rows, reloaded by htmx when a task is deleted."""
    return render(request, "tasks/_task_items.html", {"tasks": Task.objects.all()})


def task_counter(request: HttpRequest) -> HttpResponse:
    """The "3 open · 2 done" counter, reloaded on the ``tasks-changed`` event."""
    return render(
        request, "tasks/_task_counter.html", {"counts": Task.objects.counts()}
    )


@require_POST
def task_add(request: HttpRequest) -> HttpResponse:
    """htmx: the panel again, fresh (200) or with the form's errors (422)."""
    form = TaskForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The task was not added: check the form.")
        template = "tasks/_task_panel.html" if request.htmx else "tasks/task_list.html"
        context = {
            "form": form,
            "tasks": Task.objects.all(),
            "counts": Task.objects.counts(),
        }
        return render(request, template, context, status=422)
    task = form.save()
    messages.success(request, f"Added “{task}”.")
    if not request.htmx:
        return redirect("task-list")
    context = {"form": TaskForm(), "tasks": Task.objects.all(), "added": task}
    response = render(request, "tasks/_task_panel.html", context)
    return trigger_client_event(response, "tasks-changed")


@require_POST
def task_quick_add(request: HttpRequest) -> HttpResponse:
    """htmx, from the modal dialog: the dialog's form again, fresh or with errors.

    The toast shows above the open dialog; ``task-added`` reloads the list.
    """
    form = TaskForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The task was not added: check the form.")
        context = {"quick_form": form}
        return render(request, "tasks/_quick_add_form.html", context, status=422)
    task = form.save()
    messages.success(request, f"Added “{task}”.")
    response = render(request, "tasks/_quick_add_form.html", {"quick_form": TaskForm()})
    trigger_client_event(response, "task-added")
    return trigger_client_event(response, "tasks-changed")


@require_POST
def task_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx: the task's row, and our own ``HX-Trigger`` event beside the toast."""
    task = get_object_or_404(Task, pk=pk)
    task.done = not task.done
    task.save(update_fields=["done"])
    if task.done:
        messages.info(request, f"Completed “{task}”.")
    else:
        messages.info(request, f"Reopened “{task}”.")
    if not request.htmx:
        return redirect("task-list")
    response = render(request, "tasks/_task.html", {"task": task})
    return trigger_client_event(response, "tasks-changed")


@require_POST
def task_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx: 204 No Content; the events tell the list and the counter to reload.

    The toast has an Undo button: a ``toastkit.Action`` that posts the task
    back to ``task_restore`` (with htmx, or as a plain form without it).
    """
    task = get_object_or_404(Task, pk=pk)
    task.delete()
    undo = toastkit.Action(
        "Undo",
        reverse("task-restore"),
        values={
            "title": task.title,
            "done": int(task.done),
            "created": task.created.isoformat(),
        },
    )
    toastkit.success(request, f"Deleted “{task}”.", actions=[undo])
    if not request.htmx:
        return redirect("task-list")
    response = HttpResponse(status=204)
    trigger_client_event(response, "task-deleted")
    return trigger_client_event(response, "tasks-changed")


@require_POST
def task_restore(request: HttpRequest) -> HttpResponse:
    """Undo of a delete: the task again, as it was. htmx: 204 and the events."""
    form = TaskForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The task could not be restored.")
        return redirect("task-list") if not request.htmx else HttpResponse(status=422)
    task = form.save(commit=False)
    task.done = request.POST.get("done") == "1"
    task.save()
    created = parse_datetime(request.POST.get("created", ""))
    if created:  # back in its place in the list
        Task.objects.filter(pk=task.pk).update(created=created)
    messages.success(request, f"Restored “{task}”.")
    if not request.htmx:
        return redirect("task-list")
    response = HttpResponse(status=204)
    trigger_client_event(response, "task-added")
    return trigger_client_event(response, "tasks-changed")


@require_POST
def clear_completed(request: HttpRequest) -> HttpResponse:
    """htmx: ``HX-Redirect``; the toast waits for the page htmx loads next."""
    count, _ = Task.objects.filter(done=True).delete()
    if count:
        messages.success(
            request, f"Cleared {count} completed task{'s' * (count != 1)}."
        )
    else:
        messages.info(request, "No completed tasks to clear.")
    if not request.htmx:
        return redirect("task-list")
    return HttpResponseClientRedirect(reverse("task-list"))


def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A classic page, no htmx: POST, then redirect, then GET shows the toast."""
    task = get_object_or_404(Task, pk=pk)
    form = TaskForm(request.POST or None, instance=task)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, f"Saved “{task}”.")
            return redirect("task-list")
        messages.error(request, "Not saved: check the form.")
    return render(request, "tasks/task_edit.html", {"form": form, "task": task})


@require_POST
def start_export(request: HttpRequest) -> HttpResponse:
    """htmx: 204 and a toast at once; the job's own toast comes later, on its
    own, to the pages the user has open (tasks/jobs.py).

    The job's toast is addressed to the user, so the export needs a login.
    """
    if request.user.is_authenticated:
        filename = jobs.start_export(request.user)
        # The job's "Export ready" has the same key: it updates this toast.
        toastkit.info(
            request,
            f"Exporting… {filename} will be ready in a few seconds.",
            key=jobs.export_key(filename),
            sticky=True,
        )
    else:
        messages.warning(request, "Log in to start an export: its toast is yours.")
    if not request.htmx:
        return redirect("task-list")
    return HttpResponse(status=204)


@login_required
def download_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The "Export ready" toast's Download: the CSV, to the user it is for.

    The toast's ``get`` action is sent by htmx (``swap: "none"``), which
    cannot save a file: it gets ``HX-Redirect`` to this same URL, and the
    browser's own request downloads it. Without htmx the action's form asks
    for the file directly.
    """
    export = get_object_or_404(Export, pk=pk, user=request.user)
    if request.htmx:
        return HttpResponseClientRedirect(request.path)
    response = HttpResponse(export.content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response
