"""``ToastStorage``: Django's cookie-then-session storage, storing ``Toast``s
(an ``id`` and options each); bad stored data is logged and ignored."""

from __future__ import annotations

import binascii
import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.contrib.messages.storage.base import BaseStorage, Message
from django.contrib.messages.storage.cookie import (
    CookieStorage,
    MessagePartGatherSerializer,
)
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.messages.storage.session import SessionStorage
from django.core import signing

from toastkit.internals import queue_message, store_in_cookie, write_part
from toastkit.options import ToastOptions
from toastkit.serialization import (
    MalformedMessages,
    dumps_messages,
    loads_messages,
)
from toastkit.toast import Toast

if TYPE_CHECKING:
    from django.http import HttpRequest
    from django.http.response import HttpResponseBase

logger = logging.getLogger("toastkit")

#: How many unreadable cookie values each process remembers having warned of.
WARNED_COOKIES_LIMIT = 1024
_warned_cookies: OrderedDict[bytes, None] = OrderedDict()
_warned_lock = threading.Lock()


def first_sighting(value: str) -> bool:
    """Whether this process sees the unreadable cookie ``value`` for the first time.

    It stays until a response uses messages (``ToastStorage.update``): warn
    once, then log at ``DEBUG``. A bounded LRU of digests, for a
    ``SECRET_KEY`` rotation that makes every visitor's cookie unreadable.
    """
    digest = hashlib.blake2b(
        value.encode("utf-8", "surrogatepass"), digest_size=16
    ).digest()
    with _warned_lock:
        if digest in _warned_cookies:
            _warned_cookies.move_to_end(digest)
            return False
        _warned_cookies[digest] = None
        if len(_warned_cookies) > WARNED_COOKIES_LIMIT:
            _warned_cookies.popitem(last=False)
        return True


def forget_warned_cookies() -> None:
    """Warn again for every unreadable cookie (for tests)."""
    with _warned_lock:
        _warned_cookies.clear()


class _RawMessages(MessagePartGatherSerializer):
    """Unsigns the cookie to its raw JSON, which ``loads_messages`` reads."""

    def loads(self, data: bytes) -> bytes:
        return data


class ToastCookieStorage(CookieStorage):
    """Signed, compressed cookie of ``Toast``s (same cookie and salt as Django's)."""

    #: Made by ``CookieStorage.__init__`` (django-stubs does not declare it).
    signer: signing.TimestampSigner
    #: The request's cookie could not be read (``ToastStorage.update`` deletes
    #: it once messages are used or added).
    unreadable = False

    def _get(self, *args: Any, **kwargs: Any) -> tuple[list[Any] | None, bool]:
        """The stored messages, and whether the cookie held them all.

        Django's ``_get``, reading with toastkit's reader.
        """
        messages = self._read_cookie()
        if messages and messages[-1] == self.not_finished:
            return messages[:-1], False  # the rest are in the session
        return messages, True

    def _read_cookie(self) -> list[Any] | None:
        data = self.request.COOKIES.get(self.cookie_name)
        if not data:
            return None
        try:
            raw = self.signer.unsign_object(data, serializer=_RawMessages)
            return loads_messages(raw, allow_sentinel=self.not_finished)
        except (signing.BadSignature, binascii.Error, MalformedMessages) as exc:
            logger.log(
                logging.WARNING if first_sighting(data) else logging.DEBUG,
                "toastkit: ignoring an unreadable %r cookie (%s).",
                self.cookie_name,
                exc,
            )
        self.unreadable = True
        return None

    def _store(
        self,
        messages: list[Message],
        response: HttpResponseBase,
        remove_oldest: bool = True,
        *args: Any,
        **kwargs: Any,
    ) -> list[Message]:
        return store_in_cookie(self, messages, response, remove_oldest)


class ToastCookieOnlyStorage(ToastCookieStorage):
    """The cookie with no session behind it: it keeps the newest messages.

    ``FallbackStorage`` asks each storage to keep the oldest and pass the
    rest on; with nothing to pass them to, the newest matter more (they are
    about what just happened), as with Django's ``CookieStorage`` alone.
    """

    def _store(
        self,
        messages: list[Message],
        response: HttpResponseBase,
        remove_oldest: bool = True,
        *args: Any,
        **kwargs: Any,
    ) -> list[Message]:
        return super()._store(messages, response, remove_oldest=True)


class ToastSessionStorage(SessionStorage):
    """Session storage of ``Toast``s that logs and ignores garbage."""

    def serialize_messages(self, messages: Sequence[Any]) -> str:
        return dumps_messages(messages)

    def deserialize_messages(self, data: Any) -> list[Any] | None:
        if data is None:
            return None
        try:
            if isinstance(data, str):
                return loads_messages(data)
            raise MalformedMessages(
                f"expected a JSON string, got {type(data).__name__}"
            )
        except MalformedMessages as exc:
            logger.warning(
                "toastkit: ignoring unreadable messages in the session (%s).", exc
            )
            # Flush the garbage on this response.
            self.request.session.pop(self.session_key, None)
            return []


class ToastStorage(FallbackStorage):
    """Cookie first, session for what does not fit; each message a ``Toast``.

    Without session middleware it works from the cookie alone (and the
    ``toastkit.W002`` check says so at startup).
    """

    storage_classes: tuple[type[BaseStorage], ...] = (
        ToastCookieStorage,
        ToastSessionStorage,
    )

    def __init__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        if not hasattr(request, "session"):
            self.storage_classes = (ToastCookieOnlyStorage,)
        super().__init__(request, *args, **kwargs)

    def update(self, response: HttpResponseBase) -> list[Message] | None:
        """Store as Django does; an unreadable cookie goes when messages were used.

        Only a response that writes the cookie anyway in Django (it iterated
        or added messages): one that never touched them, answering last,
        would delete the newer cookie an overlapping response had just set.
        """
        cookie = self.storages[0]
        if (
            isinstance(cookie, ToastCookieStorage)
            and cookie.unreadable
            and (self.used or self.added_new)
        ):
            write_part(self, cookie)
        return super().update(response)

    def add(
        self,
        level: int,
        message: Any,
        extra_tags: str | None = "",
        *,
        options: ToastOptions | None = None,
    ) -> None:
        """Queue a ``Toast``; same rules as Django's ``add`` (level, empty text)."""
        if not message:
            return
        level = int(level)
        if level < self.level:
            return
        self.added_new = True
        queue_message(self, Toast(level, message, extra_tags, options=options))
