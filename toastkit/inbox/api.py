"""``notify()``: a toast for a user, from any code, delivered on their next response.

It imports the models when called: ``toastkit.inbox`` imports this module
while ``INSTALLED_APPS`` load.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol, Unpack

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.messages import constants
from django.core.exceptions import ValidationError
from django.db import IntegrityError, router, transaction
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.functional import Promise
from django.utils.safestring import SafeData

from toastkit.inbox import flags
from toastkit.inbox.live.announce import announce_on_commit
from toastkit.options import ToastOptions, options_json, validate_options

if TYPE_CHECKING:
    from toastkit.inbox.models import InboxMessage

#: A user, or its primary key.
UserOrPk = Model | int | str | uuid.UUID

#: What an ``IntegerField`` holds on every database.
LEVEL_RANGE = range(-(2**31), 2**31)


def notify(
    user: UserOrPk | Iterable[UserOrPk],
    message: str | Promise,
    level: int = constants.INFO,
    *,
    extra_tags: str | Promise = "",
    **options: Unpack[ToastOptions],
) -> list[InboxMessage]:
    """Store ``message`` for ``user``: a user, a pk (never a username), or an
    iterable of either; returns the stored ``InboxMessage``s (docs/inbox.md).

    Everything is checked before anything is written: ``TypeError`` for a
    wrong type, ``ValueError`` for a wrong value. A level below
    ``MESSAGE_LEVEL`` stores nothing, as with ``messages.add_message``.
    """
    text = _text("message", message)
    if not text.strip():
        raise ValueError("notify(): message is empty.")
    level = _level(level)
    tags = _text("extra_tags", "" if extra_tags is None else extra_tags)
    stored_options = options_json(validate_options(dict(options)))
    _check_storable(text, tags, stored_options)
    pks = _user_pks(user)
    if level < getattr(settings, "MESSAGE_LEVEL", constants.INFO) or not pks:
        return []
    from toastkit.inbox.models import InboxMessage

    using = router.db_for_write(InboxMessage)
    now = timezone.now()
    rows = [
        InboxMessage(
            user_id=pk,
            level=level,
            message=text,
            safe=isinstance(text, SafeData),
            extra_tags=tags,
            options=stored_options,
            created_at=now,
        )
        for pk in pks
    ]
    try:
        with transaction.atomic(using=using):
            _check_users_exist(user, pks, using)
            InboxMessage.objects.using(using).bulk_create(rows)
    except IntegrityError as exc:  # a user deleted since it was read
        raise ValueError(f"notify(): a user no longer exists ({exc}).") from exc
    if flags.flag_cache() is not None:
        transaction.on_commit(partial(flags.raise_flags, pks), using=using)
    announce_on_commit(pks, using)  # their live streams, in every process
    return rows


def _text(name: str, value: object) -> str:
    if isinstance(value, Promise):
        value = force_str(value)  # in the language active here and now
    if not isinstance(value, str):
        raise TypeError(f"notify(): {name} must be str, not {type(value).__name__}.")
    return value


def _check_storable(text: str, tags: str, options: dict[str, Any]) -> None:
    """Refuse on every database what some cannot store and nothing can show:
    NUL (PostgreSQL's text and jsonb refuse it) and a lone surrogate (not
    UTF-8: SQLite's driver raises ``UnicodeEncodeError``)."""
    for name, value in (("message", text), ("extra_tags", tags), ("options", options)):
        if not _storable(value):
            raise ValueError(
                f"notify(): {name} contains a NUL character (\\x00) or a lone surrogate."
            )


def _storable(value: object) -> bool:
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    if isinstance(value, list | tuple):
        return all(_storable(item) for item in value)
    if not isinstance(value, str):
        return True
    try:
        value.encode()
    except UnicodeEncodeError:
        return False
    return "\x00" not in value


def _level(level: object) -> int:
    if not isinstance(level, int) or isinstance(level, bool):
        raise TypeError(f"notify(): level must be an int, not {type(level).__name__}.")
    if level not in LEVEL_RANGE:
        raise ValueError(f"notify(): level {level} is out of range.")
    return int(level)


def _user_pks(users: object) -> list[Any]:
    """The pks of ``users`` (one or many), in order, each once."""
    user_model = get_user_model()
    if isinstance(users, QuerySet) and users.model is user_model:
        return list(users.values_list("pk", flat=True))
    items: Iterable[object]
    if isinstance(users, Model | str | int | uuid.UUID):
        items = [users]
    elif isinstance(users, Iterable) and not isinstance(users, bytes):
        items = users
    else:
        raise TypeError(
            f"notify(): user must be a user, a pk or an iterable of them, "
            f"not {type(users).__name__}."
        )
    return list(dict.fromkeys(_user_pk(item, user_model) for item in items))


def _user_pk(item: object, user_model: type[Model]) -> Any:
    if isinstance(item, Model):
        if not isinstance(item, user_model):
            raise TypeError(
                f"notify(): expected a {user_model.__name__}, "
                f"not a {type(item).__name__}."
            )
        if item.pk is None:
            raise ValueError("notify(): the user is not saved (its pk is None).")
        return item.pk
    if isinstance(item, bool) or not isinstance(item, str | int | uuid.UUID):
        raise TypeError(
            f"notify(): a user pk must be an int, str or UUID, "
            f"not {type(item).__name__}."
        )
    try:
        # The pk field's own conversion and validators ("5" is 5; an int out
        # of the column's range, or a UUID for an integer pk, is refused).
        return user_model._meta.pk.clean(item, None)
    except ValidationError as exc:
        hint = (
            " (a user or a pk: notify() never looks up a username; to send by"
            " username, pass User.objects.get_by_natural_key(username))"
            if isinstance(item, str)
            else ""
        )
        raise ValueError(f"notify(): {item!r} is not a valid user pk{hint}.") from exc


def _check_users_exist(users: object, pks: list[Any], using: str) -> None:
    """Raise ``ValueError`` for pks with no user (a user object or a queryset
    was read from the database already)."""
    if isinstance(users, Model | QuerySet):
        return
    # in_bulk() batches by the database's parameter limit: one "pk IN (...)"
    # past SQLite's fails (test_more_pks_than_the_databases_parameter_limit).
    found = get_user_model()._base_manager.using(using).only("pk").in_bulk(pks)
    missing = [pk for pk in pks if pk not in found]
    if missing:
        shown = ", ".join(repr(pk) for pk in missing[:5])
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        raise ValueError(f"notify(): no user with pk {shown}{more}.")


class _Shortcut(Protocol):
    def __call__(
        self,
        user: UserOrPk | Iterable[UserOrPk],
        message: str | Promise,
        *,
        extra_tags: str | Promise = "",
        **options: Unpack[ToastOptions],
    ) -> list[InboxMessage]: ...


def _shortcut(level: int, name: str) -> _Shortcut:
    def shortcut(
        user: UserOrPk | Iterable[UserOrPk],
        message: str | Promise,
        *,
        extra_tags: str | Promise = "",
        **options: Unpack[ToastOptions],
    ) -> list[InboxMessage]:
        return notify(user, message, level, extra_tags=extra_tags, **options)

    shortcut.__name__ = shortcut.__qualname__ = name
    shortcut.__doc__ = f"``notify()`` at the ``{name.upper()}`` level."
    return shortcut


debug = _shortcut(constants.DEBUG, "debug")
info = _shortcut(constants.INFO, "info")
success = _shortcut(constants.SUCCESS, "success")
warning = _shortcut(constants.WARNING, "warning")
error = _shortcut(constants.ERROR, "error")
