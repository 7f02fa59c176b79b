"""``manage.py toastkit_inbox_purge``: delete old inbox messages; re-flag the rest.

Run daily: a flushed or evicting cache then delays pending messages until
the next run at most.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import router
from django.utils import timezone

from toastkit.conf import toastkit_settings
from toastkit.inbox import flags
from toastkit.inbox.models import InboxMessage


class Command(BaseCommand):
    help = (
        "Delete inbox messages older than TOASTKIT_INBOX_KEEP_DAYS (delivered "
        "or not), and flag users who have pending ones in the cache."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days", type=int, help="keep this many days instead of the setting"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"]
        if days is None:
            days = toastkit_settings.INBOX_KEEP_DAYS
        if days < 1:
            raise CommandError("--days must be at least 1.")
        try:
            cutoff = timezone.now() - timedelta(days=days)
        except OverflowError:
            raise CommandError(f"--days {days} reaches before year 1.") from None
        using = router.db_for_write(InboxMessage)
        messages = InboxMessage.objects.using(using)
        deleted, _ = messages.filter(created_at__lt=cutoff).delete()
        self.stdout.write(
            f"Deleted {deleted} inbox message(s) older than {days} day(s)."
        )
        if flags.flag_cache() is None:
            return
        pending_users = list(
            messages.filter(delivered_at__isnull=True)
            .values_list("user_id", flat=True)
            .distinct()
            .order_by()
        )
        flags.raise_flags(pending_users)
        self.stdout.write(
            f"Flagged {len(pending_users)} user(s) with pending messages."
        )
