"""``manage.py notify USER "text" [--level success] [--title ...]``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.messages import constants
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Model

from toastkit.inbox.api import notify

LEVELS = {name.lower(): level for name, level in constants.DEFAULT_LEVELS.items()}


def parse_level(value: str) -> int:
    if value.lower() in LEVELS:
        return LEVELS[value.lower()]
    try:
        return int(value)
    except ValueError:
        raise CommandError(
            f"Unknown level {value!r}: use {', '.join(LEVELS)} or a number."
        ) from None


def find_user(value: str) -> Model:
    """The user whose username is ``value``, else whose pk is ``value``."""
    user_model = get_user_model()
    users = user_model._default_manager
    user = users.filter(**{user_model.USERNAME_FIELD: value}).first()
    if user is None:
        try:
            user = users.filter(pk=value).first()
        except (ValueError, ValidationError):
            user = None  # not a valid pk for this model either
    if user is None:
        raise CommandError(f"No user with the username or pk {value!r}.")
    return user


class Command(BaseCommand):
    help = (
        "Send a toast to a user (by username, else pk); it shows on their next "
        "page or htmx response."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("user", help="username, or pk")
        parser.add_argument("message")
        parser.add_argument(
            "--level",
            default="info",
            help="debug, info (default), success, warning, error, or a number",
        )
        parser.add_argument("--title")
        parser.add_argument("--duration", type=int, help="milliseconds on screen")
        parser.add_argument("--sticky", action="store_true", help="until dismissed")
        parser.add_argument(
            "--key", help="updates the toast on screen with the same key"
        )
        parser.add_argument("--extra-tags", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        user = find_user(options["user"])
        level = parse_level(options["level"])
        toast_options: dict[str, Any] = {
            name: options[name]
            for name in ("title", "duration", "key")
            if options[name] is not None
        }
        if options["sticky"]:
            toast_options["sticky"] = True
        try:
            sent = notify(
                user,
                options["message"],
                level,
                extra_tags=options["extra_tags"],
                **toast_options,
            )
        except (TypeError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        if not sent:
            self.stdout.write(
                self.style.WARNING(
                    f"Nothing stored: level {level} is below MESSAGE_LEVEL."
                )
            )
            return
        self.stdout.write(self.style.SUCCESS(f"Sent to {user} (pk {user.pk})."))
