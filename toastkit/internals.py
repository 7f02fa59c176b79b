"""Every touch of a private name of ``django.contrib.messages``, in one place.

Checked against Django 5.2, 6.0 and 6.1, where these names and the copied
code are the same; ``tests/test_internals.py`` fails on any supported version
that loses one. The rest of toastkit uses public names only, and the two hooks
``BaseStorage`` documents for backends to override, ``_get()`` and
``_store()``. Everything here works for Django's storages and toastkit's.

django-stubs declares none of these names: the Protocols below type them
(each access goes through a ``cast`` to one), and ``PRIVATE_NAMES`` lists
them for the test.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, cast

from django.contrib.messages.storage import cookie as django_cookie
from django.contrib.messages.storage.base import BaseStorage
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import SimpleCookie

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


class _CookieInternals(Protocol):
    """The private parts of ``CookieStorage`` used here."""

    def _encode_parts(
        self, messages: list[str], encode_empty: bool = False
    ) -> str | None: ...

    def _update_cookie(
        self, encoded_data: str | None, response: HttpResponseBase
    ) -> None: ...


#: Each private name used here, by the Django class that defines it.
PRIVATE_NAMES: dict[type[BaseStorage], tuple[str, ...]] = {
    BaseStorage: ("_queued_messages", "_loaded_messages"),
    FallbackStorage: ("_used_storages",),
    CookieStorage: ("_encode_parts", "_update_cookie"),
}


class _Bisect(Protocol):
    """Undocumented helpers of cookie.py; django-stubs types their lists as
    ``list[int]``, and they take any list."""

    def __call__(self, a: list[str], fn: Callable[[list[str]], bool]) -> int: ...


bisect_keep_left = cast("_Bisect", django_cookie.bisect_keep_left)
bisect_keep_right = cast("_Bisect", django_cookie.bisect_keep_right)


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
    serialized_messages: list[str],
    response: HttpResponseBase,
    remove_oldest: bool = True,
) -> list[Message]:
    """``CookieStorage._store`` for messages already serialized, one string each.

    A copy of Django 6.1's ``CookieStorage._store`` (the same in 5.2 and 6.0),
    with ``serialized_messages`` in place of ``MessagePartSerializer`` (so
    toastkit's format is stored) and ``storage`` in place of ``self``.
    """
    cookie_storage = cast("_CookieInternals", storage)  # its private methods
    unstored_messages: list[Message] = []
    encoded_data = cookie_storage._encode_parts(serialized_messages)
    if storage.max_cookie_size:
        # data is going to be stored eventually by SimpleCookie, which
        # adds its own overhead, which we must account for.
        cookie = SimpleCookie()  # create outside the loop

        def is_too_large_for_cookie(data: str | None) -> bool:
            return bool(data) and (
                len(cookie.value_encode(data or "")[1]) > storage.max_cookie_size
            )

        def compute_msg(some_serialized_msg: list[str]) -> str | None:
            return cookie_storage._encode_parts(
                [*some_serialized_msg, storage.not_finished_json],
                encode_empty=True,
            )

        if is_too_large_for_cookie(encoded_data):
            if remove_oldest:
                idx = bisect_keep_right(
                    serialized_messages,
                    fn=lambda m: is_too_large_for_cookie(compute_msg(m)),
                )
                unstored_messages = messages[:idx]
                encoded_data = compute_msg(serialized_messages[idx:])
            else:
                idx = bisect_keep_left(
                    serialized_messages,
                    fn=lambda m: is_too_large_for_cookie(compute_msg(m)),
                )
                unstored_messages = messages[idx:]
                encoded_data = compute_msg(serialized_messages[:idx])

    cookie_storage._update_cookie(encoded_data, response)
    return unstored_messages
