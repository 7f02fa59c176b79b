from __future__ import annotations

from django.db import models


class Task(models.Model):
    title = models.CharField(max_length=200)
    done = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["done", "-created"]

    def __str__(self) -> str:
        return self.title
