from __future__ import annotations

from django.conf import settings
from django.db import models


class TaskQuerySet(models.QuerySet["Task"]):
    def counts(self) -> dict[str, int]:
        done = self.filter(done=True).count()
        return {"open": self.count() - done, "done": done}


class Task(models.Model):
    title = models.CharField(max_length=200)
    done = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["done", "-created"]

    def __str__(self) -> str:
        return self.title


class Export(models.Model):
    """A finished export: the CSV the job made, kept for its user to download.

    In the database, not on disk: any process can read it, and the demo
    needs no media folder.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    filename = models.CharField(max_length=100)
    content = models.TextField()
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.filename
