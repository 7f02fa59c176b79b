"""``toastkit.internals``: Django's private names toastkit relies on, and what
its storage operations do with Django's storages and toastkit's.

The unit tests run on every Django of the matrix (5.2, 6.0, 6.1): a Django
that renames one of these names fails here, naming it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import BaseStorage
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.messages.storage.session import SessionStorage

from tests.conftest import session_request
from toastkit.internals import PRIVATE_NAMES, keep_only, unread_messages
from toastkit.storage import (
    ToastCookieOnlyStorage,
    ToastCookieStorage,
    ToastSessionStorage,
    ToastStorage,
)

Store = Callable[[Callable[[BaseStorage], None]], BaseStorage]

EVERY_STORAGE = [
    FallbackStorage,
    CookieStorage,
    SessionStorage,
    ToastStorage,
    ToastCookieStorage,
    ToastCookieOnlyStorage,
    ToastSessionStorage,
]

#: Names without an underscore that Django does not document either, used
#: outside internals.py: the hooks toastkit overrides and the attributes its
#: storages read.
UNDOCUMENTED_NAMES: dict[type[BaseStorage], tuple[str, ...]] = {
    BaseStorage: ("_get", "_store"),
    FallbackStorage: ("storage_classes", "storages"),
    CookieStorage: ("signer", "cookie_name", "not_finished", "max_cookie_size"),
    SessionStorage: ("session_key", "serialize_messages", "deserialize_messages"),
}


def instance(storage_class: type[BaseStorage]) -> BaseStorage:
    return storage_class(session_request())


@pytest.mark.parametrize(
    ("owner", "name"),
    [
        (owner, name)
        for names in (PRIVATE_NAMES, UNDOCUMENTED_NAMES)
        for owner, owned in names.items()
        for name in owned
    ],
)
def test_every_storage_still_has_each_name_toastkit_uses(
    owner: type[BaseStorage], name: str
) -> None:
    storages = [instance(c) for c in EVERY_STORAGE if issubclass(c, owner)]
    assert storages
    missing = [type(s).__name__ for s in storages if not hasattr(s, name)]
    assert missing == [], f"{owner.__name__}.{name} is gone"


def texts(messages: Iterable[object]) -> list[str]:
    return [str(m) for m in messages]


def test_unread_messages_are_the_stored_ones_then_the_new_ones(store: Store) -> None:
    storage = store(lambda s: s.add(constants.INFO, "old"))
    storage.add(constants.INFO, "new")
    assert texts(unread_messages(storage)) == ["old", "new"]


def test_after_reading_only_messages_added_since_are_unread(store: Store) -> None:
    storage = store(lambda s: s.add(constants.INFO, "old"))
    list(storage)
    storage.add(constants.INFO, "new")
    assert texts(unread_messages(storage)) == ["new"]


def test_keep_only_stores_just_those_messages_in_order(store: Store) -> None:
    def use(storage: BaseStorage) -> None:
        for text in ("one", "two", "three"):
            storage.add(constants.INFO, text)
        _, two, three = unread_messages(storage)
        keep_only(storage, [two, three])
        assert unread_messages(storage) == [two, three]

    assert texts(list(store(use))) == ["two", "three"]


def test_keep_only_nothing_stores_nothing(store: Store) -> None:
    store(lambda s: s.add(constants.INFO, "old"))

    def use(storage: BaseStorage) -> None:
        storage.add(constants.INFO, "new")
        keep_only(storage, [])

    assert list(store(use)) == []
