from __future__ import annotations

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
