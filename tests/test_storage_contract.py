"""Django's public messages behaviour, for toastkit's storage and Django's own.

Modelled on Django's ``tests/messages_tests/base.py``: every test runs once per
storage class (see ``storage_class`` in conftest), so toastkit's storage is held
to exactly the standard Django's storages meet.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.messages import constants
from django.contrib.messages.storage.base import BaseStorage, Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import override_settings
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext_lazy

from tests.conftest import Visitor, noise

Store = Callable[[Callable[[BaseStorage], None]], BaseStorage]


def texts(storage: BaseStorage) -> list[str]:
    return [str(m) for m in storage]


def test_added_messages_are_read_on_the_next_request_in_order(store: Store) -> None:
    def use(s: BaseStorage) -> None:
        s.add(constants.INFO, "first")
        s.add(constants.ERROR, "second")
        s.add(constants.SUCCESS, "third")

    assert texts(store(use)) == ["first", "second", "third"]


def test_iterated_messages_are_not_stored_again(store: Store) -> None:
    def read(s: BaseStorage) -> None:
        list(s)

    store(lambda s: s.add(constants.INFO, "hello"))
    assert texts(store(read)) == []


def test_unread_messages_survive_a_request_that_does_not_read_them(
    store: Store,
) -> None:
    store(lambda s: s.add(constants.INFO, "kept"))
    untouched = store(lambda s: None)
    assert texts(untouched) == ["kept"]


def test_messages_added_after_reading_are_stored(store: Store) -> None:
    store(lambda s: s.add(constants.INFO, "old"))

    def read_then_add(s: BaseStorage) -> None:
        assert texts(s) == ["old"]
        s.add(constants.INFO, "new")

    assert texts(store(read_then_add)) == ["new"]


def test_stored_and_new_messages_keep_their_order_when_unread(store: Store) -> None:
    store(lambda s: s.add(constants.INFO, "old"))
    assert texts(store(lambda s: s.add(constants.INFO, "new"))) == ["old", "new"]


def test_len_counts_loaded_and_queued_messages(store: Store) -> None:
    store(lambda s: s.add(constants.INFO, "old"))

    def check(s: BaseStorage) -> None:
        s.add(constants.INFO, "new")
        assert len(s) == 2

    store(check)


def test_contains_finds_a_message_by_level_and_text(store: Store) -> None:
    def check(s: BaseStorage) -> None:
        s.add(constants.INFO, "here")
        assert Message(constants.INFO, "here") in s
        assert Message(constants.ERROR, "here") not in s

    store(check)


def test_empty_messages_are_ignored(store: Store) -> None:
    assert texts(store(lambda s: s.add(constants.INFO, ""))) == []


def test_messages_below_the_default_level_are_dropped(store: Store) -> None:
    def use(s: BaseStorage) -> None:
        s.add(constants.DEBUG, "debug")
        s.add(constants.INFO, "info")

    assert texts(store(use)) == ["info"]


@override_settings(MESSAGE_LEVEL=constants.WARNING)
def test_message_level_setting_sets_the_minimum(store: Store) -> None:
    def use(s: BaseStorage) -> None:
        s.add(constants.INFO, "info")
        s.add(constants.WARNING, "warning")

    assert texts(store(use)) == ["warning"]


def test_storage_level_can_be_lowered_per_request(store: Store) -> None:
    def use(s: BaseStorage) -> None:
        s.level = constants.DEBUG
        s.add(constants.DEBUG, "debug")

    assert texts(store(use)) == ["debug"]


def test_update_returns_no_unstored_messages_when_all_are_stored(
    visitor: Visitor, storage_class: type[BaseStorage]
) -> None:
    storage = storage_class(visitor.request())
    storage.add(constants.INFO, "fits")
    assert storage.update(HttpResponse()) == []


def test_level_tags_and_extra_tags_survive_the_round_trip(store: Store) -> None:
    def use(s: BaseStorage) -> None:
        s.add(constants.SUCCESS, "done", extra_tags="big shiny")

    (message,) = list(store(use))
    assert message.level == constants.SUCCESS
    assert message.level_tag == "success"
    assert message.extra_tags == "big shiny"
    assert message.tags == "big shiny success"


def test_a_message_without_extra_tags_is_tagged_with_its_level_alone(
    store: Store,
) -> None:
    (message,) = list(store(lambda s: s.add(constants.INFO, "x", extra_tags=None)))
    assert message.tags == "info"


@override_settings(MESSAGE_TAGS={constants.INFO: "note", 29: "custom"})
def test_message_tags_setting_changes_level_tags(store: Store) -> None:
    def use(s: BaseStorage) -> None:
        s.add(constants.INFO, "info")
        s.add(29, "custom level")

    assert [m.tags for m in store(use)] == ["note", "custom"]


def test_lazy_translations_are_stored_as_text(store: Store) -> None:
    def use(s: BaseStorage) -> None:
        # django-stubs types add() with str; Django takes lazy text.
        s.add(constants.INFO, gettext_lazy("lazy"), extra_tags=gettext_lazy("tag"))  # type: ignore[arg-type]

    (message,) = list(store(use))
    assert message.message == "lazy"
    assert message.extra_tags == "tag"


def test_safe_messages_stay_safe_and_plain_ones_stay_plain(store: Store) -> None:
    def use(s: BaseStorage) -> None:
        s.add(constants.INFO, mark_safe("<b>safe</b>"))
        s.add(constants.INFO, "<b>plain</b>")

    safe, plain = list(store(use))
    assert isinstance(safe.message, SafeData)
    assert not isinstance(plain.message, SafeData)
    assert safe.message == "<b>safe</b>"


def test_unicode_and_line_breaks_round_trip(store: Store) -> None:
    text = "Ünïcødé ✓ שלום 日本語 \r\n next line 🎉"
    assert texts(store(lambda s: s.add(constants.INFO, text))) == [text]


def test_many_long_messages_are_all_kept_except_by_cookie_only_storage(
    store: Store, storage_class: type[BaseStorage]
) -> None:
    # Over the 2 KB cookie: the fallback storages spill into the session.
    sent = [f"message {i} " + noise(i, 200) for i in range(30)]

    def use(s: BaseStorage) -> None:
        for text in sent:
            s.add(constants.INFO, text)

    received = texts(store(use))
    if storage_class is CookieStorage:
        # Django's cookie-only storage drops the oldest, as it documents.
        assert 0 < len(received) < len(sent)
        assert received == sent[-len(received) :]
    else:
        assert received == sent
