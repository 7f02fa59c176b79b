"""Every touch of a private name or undocumented behaviour of
``django.contrib.messages``, in one place.

Checked against Django 5.2, 6.0 and 6.1; ``tests/test_internals.py`` fails on
any supported version that loses a name, the storage tests on one whose
behaviour changes. The rest of toastkit uses public names only, and the two
hooks ``BaseStorage`` documents for backends to override, ``_get()`` and
``_store()``. django-stubs declares none of these names: the Protocols below
type them, and ``PRIVATE_NAMES`` lists them for the test.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, cast

from django.contrib.messages.storage.base import BaseStorage
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.fallback import FallbackStorage

from toastkit.serialization import message_to_list

if TYPE_CHECKING:
    from django.contrib.messages.storage.base import Message
    from django.http.response import HttpResponseBase


class _StorageInternals(Protocol):
    """The private parts of ``BaseStorage`` used here (django-stubs omits them)."""

    #: Messages added during this request, not yet iterated.
    _queued_messages: list[Message]

    @property
    def _loaded_messages(self) -> list[Message]:
        """Messages read from the store (read on first use)."""


class _FallbackInternals(Protocol):
    """The private part of ``FallbackStorage`` used here."""

    #: The parts that held messages: ``_store`` writes them even when empty.
    _used_storages: set[BaseStorage]


class _CookieStore(Protocol):
    """``CookieStorage._store``, which django-stubs does not declare."""

    def __call__(
        self,
        storage: CookieStorage,
        messages: list[Any],
        response: HttpResponseBase,
        remove_oldest: bool,
    ) -> list[Any]: ...


#: Each private name used here, by the Django class that defines it.
PRIVATE_NAMES: dict[type[BaseStorage], tuple[str, ...]] = {
    BaseStorage: ("_queued_messages", "_loaded_messages"),
    FallbackStorage: ("_used_storages",),
}


def _private(storage: BaseStorage) -> _StorageInternals:
    return cast("_StorageInternals", storage)


def unread_messages(storage: BaseStorage) -> list[Message]:
    """Messages not yet iterated (iterating is how Django marks them used).

    Stored ones first, then this request's: the lists ``BaseStorage.update()``
    stores.
    """
    if storage.used:
        return list(_private(storage)._queued_messages)
    return _private(storage)._loaded_messages + _private(storage)._queued_messages


def keep_only(storage: BaseStorage, messages: list[Message]) -> None:
    """Count every message as used except ``messages``, stored again in order."""
    list(storage)  # marks everything used, as a template loop does
    _private(storage)._queued_messages = list(messages)


def write_part(storage: FallbackStorage, part: BaseStorage) -> None:
    """Have ``storage.update()`` write ``part`` on this response, even empty.

    ``FallbackStorage`` writes only the parts that held messages; an empty
    write is how a cookie part deletes its cookie.
    """
    cast("_FallbackInternals", storage)._used_storages.add(part)


def queue_message(storage: BaseStorage, message: Message) -> None:
    """Queue ``message`` as ``BaseStorage.add()`` does after its checks."""
    _private(storage)._queued_messages.append(message)


def store_in_cookie(
    storage: CookieStorage,
    messages: list[Message],
    response: HttpResponseBase,
    remove_oldest: bool = True,
) -> list[Message]:
    """Django's ``CookieStorage._store``, storing toastkit's format: it is given
    each message as the list ``message_to_list`` makes, which its serializer
    writes as it is (its encoder converts only ``Message``s).

    Returns the messages that did not fit: the oldest with ``remove_oldest``
    (what ``FallbackStorage`` asks), else the newest, as Django's does.
    """
    django_store = cast("_CookieStore", vars(CookieStorage)["_store"])
    unstored = django_store(
        storage, [message_to_list(m) for m in messages], response, remove_oldest
    )
    if remove_oldest:
        return messages[: len(unstored)]
    return messages[len(messages) - len(unstored) :]
