"""``notify()``: a toast for a user, from any code, delivered on their next response.

The models are imported on first call: this module is imported (through
``toastkit.inbox``) while ``INSTALLED_APPS`` load.
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
    """Store ``message`` for ``user`` (or each of several users, in one insert).

    ``user`` is a user, a pk, or an iterable (a list, a queryset) of either;
    never a username (``manage.py notify`` takes one; a text pk such as
    ``"42"`` is a pk here).
    Works with no request: tasks, commands, signal handlers, the shell. In
    a transaction, the message exists only if the transaction commits.

    Everything is checked before anything is written: a wrong type raises
    ``TypeError``; an empty message, a level out of range, an unsaved user or
    a pk with no user raises ``ValueError``. As with ``messages.add_message``,
    a level below ``MESSAGE_LEVEL`` stores nothing. Returns the stored
    ``InboxMessage``s.
    """
    text, safe = _text(message)
    level = _level(level)
    tags = _extra_tags(extra_tags)
    stored_options = options_json(validate_options(dict(options)))
    _check_no_nul(text, tags, stored_options)
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
            safe=safe,
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
    return rows


def _text(message: object) -> tuple[str, bool]:
    if isinstance(message, Promise):
        message = force_str(message)  # in the language active here and now
    if not isinstance(message, str):
        raise TypeError(f"notify(): message must be str, not {type(message).__name__}.")
    if not message.strip():
        raise ValueError("notify(): message is empty.")
    return str(message), isinstance(message, SafeData)


def _check_no_nul(text: str, tags: str, options: dict[str, Any]) -> None:
    """Refuse NUL characters on every database, not only where they fail.

    PostgreSQL's text and jsonb cannot hold them: the insert would raise a
    ``DataError`` there and succeed on SQLite. Nothing shows a NUL anyway.
    """
    for name, value in (("message", text), ("extra_tags", tags), ("options", options)):
        if _has_nul(value):
            raise ValueError(f"notify(): {name} contains a NUL character (\\x00).")


def _has_nul(value: object) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_has_nul(item) for item in value)
    return False


def _level(level: object) -> int:
    if not isinstance(level, int) or isinstance(level, bool):
        raise TypeError(f"notify(): level must be an int, not {type(level).__name__}.")
    if level not in LEVEL_RANGE:
        raise ValueError(f"notify(): level {level} is out of range.")
    return int(level)


def _extra_tags(extra_tags: object) -> str:
    if extra_tags is None:
        return ""
    if isinstance(extra_tags, Promise):
        extra_tags = force_str(extra_tags)
    if not isinstance(extra_tags, str):
        raise TypeError(
            f"notify(): extra_tags must be str, not {type(extra_tags).__name__}."
        )
    return str(extra_tags)


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
    pks: dict[Any, None] = {}
    for item in items:
        pks[_user_pk(item, user_model)] = None
    return list(pks)


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
    """Raise ``ValueError`` for pks with no user.

    A user object or a queryset of users was read from the database already;
    pks are looked up, 500 to a query (below every database's parameter limit).
    """
    if isinstance(users, Model | QuerySet):
        return
    user_model = get_user_model()
    found: set[Any] = set()
    for start in range(0, len(pks), 500):
        found.update(
            user_model._base_manager.using(using)
            .filter(pk__in=pks[start : start + 500])
            .values_list("pk", flat=True)
        )
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
