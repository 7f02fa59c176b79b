from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tasks.models import Task


def task_list(request: HttpRequest) -> HttpResponse:
    return render(request, "tasks/task_list.html", {"tasks": Task.objects.all()})


@require_POST
def task_add(request: HttpRequest) -> HttpResponse:
    title = request.POST.get("title", "").strip()
    if not title:
        messages.error(request, "A task needs a title.")
        if request.htmx:
            return HttpResponse(status=422)
        return redirect("task-list")
    task = Task.objects.create(title=title)
    messages.success(request, f"Added “{task.title}”.")
    if request.htmx:
        return render(request, "tasks/_task.html", {"task": task})
    return redirect("task-list")
