"""``Record``: something a view deletes and an Undo action restores.

No migrations: the test database is made with ``syncdb`` for this app.
"""

from __future__ import annotations

from django.db import models


class Record(models.Model):
    name = models.CharField(max_length=100, unique=True)

    def __str__(self) -> str:
        return self.name
