"""``InboxMessage``: a toast addressed to a user, stored until it is delivered."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy

from toastkit.toast import new_id


class InboxMessage(models.Model):
    """One message for one user; ``delivered_at`` is set by the claim that ships it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        # The "pending" index below starts with user: it serves the foreign
        # key's lookups (CASCADE deletes) too, so no second index.
        db_index=False,
    )
    level = models.IntegerField()
    message = models.TextField()
    #: The message was a ``SafeString`` (``mark_safe``): the client shows it as HTML.
    safe = models.BooleanField(default=False)
    extra_tags = models.TextField(blank=True, default="")
    #: toastkit's per-toast options (``title``, ``duration``, ``sticky``).
    options = models.JSONField(blank=True, default=dict)
    #: The id the client dedupes on, from notify() to the browser.
    toast_id = models.CharField(max_length=16, unique=True, default=new_id)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    #: The claim that delivered it: a request reads back the rows it claimed.
    claim = models.CharField(max_length=16, blank=True, default="")

    class Meta:
        verbose_name = gettext_lazy("inbox message")
        ordering = ("-created_at", "-pk")
        indexes = (
            # WHERE user_id = ? AND delivered_at IS NULL ORDER BY created_at:
            # one index range, already in order, on SQLite, PostgreSQL, MySQL
            # and MariaDB alike (a partial index would be smaller, but MySQL
            # has none and Django warns, models.W037, where it is missing).
            models.Index(
                fields=("user", "delivered_at", "created_at"),
                name="toastkit_inbox_pending",
            ),
        )

    def __str__(self) -> str:
        return self.message[:60]

    @property
    def is_pending(self) -> bool:
        return self.delivered_at is None
