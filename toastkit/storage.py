"""``ToastStorage``: Django's cookie-then-session storage, storing ``Toast``s.

It is a drop-in ``MESSAGE_STORAGE``: everything ``django.contrib.messages``
documents holds unchanged. On top, each message carries a stable ``id`` and
optional presentation options, and bad stored data is logged and ignored
instead of raising.
"""

from __future__ import annotations

import binascii
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.contrib.messages.storage.base import BaseStorage, Message
from django.contrib.messages.storage.cookie import (
    CookieStorage,
    bisect_keep_left,
    bisect_keep_right,
)
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.messages.storage.session import SessionStorage
from django.core import signing
from django.http import SimpleCookie
from django.utils.functional import cached_property

from toastkit.serialization import (
    MalformedMessages,
    dumps_message,
    dumps_messages,
    loads_messages,
)
from toastkit.toast import Toast, ToastOptions, messages_only

if TYPE_CHECKING:
    from django.http import HttpRequest
    from django.http.response import HttpResponseBase

logger = logging.getLogger("toastkit")


class _GatherSerializer:
    """Joins already-serialized messages; keeps the cookie's size exact."""

    def dumps(self, parts: list[str]) -> bytes:
        return ("[" + ",".join(parts) + "]").encode("latin-1")

    def loads(self, data: bytes) -> Any:
        return data


class ToastCookieStorage(CookieStorage):
    """Signed, compressed cookie of ``Toast``s (same cookie and salt as Django's)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # CookieStorage makes its signer here; toastkit makes it on first use
        # (most htmx requests never sign nor read a cookie).
        BaseStorage.__init__(self, *args, **kwargs)

    @cached_property
    def signer(self) -> signing.Signer:
        return signing.get_cookie_signer(salt=self.key_salt)

    def _decode(self, data: str | None) -> list[Any] | None:
        if not data:
            return None
        try:
            raw = self.signer.unsign_object(data, serializer=_GatherSerializer)
            return loads_messages(raw, allow_sentinel=self.not_finished)
        except (signing.BadSignature, binascii.Error, MalformedMessages) as exc:
            logger.warning(
                "toastkit: ignoring an unreadable %r cookie (%s).",
                self.cookie_name,
                exc,
            )
        self.used = True
        return None

    def _encode_parts(self, parts: list[str], encode_empty: bool = False) -> str | None:
        if parts or encode_empty:
            signed: str = self.signer.sign_object(
                parts, serializer=_GatherSerializer, compress=True
            )
            return signed
        return None

    def _store(
        self,
        messages: list[Message],
        response: HttpResponseBase,
        remove_oldest: bool = True,
        *args: Any,
        **kwargs: Any,
    ) -> list[Message]:
        # Django's algorithm, with toastkit's serializer in place of Django's.
        messages = messages_only(messages)
        unstored: list[Message] = []
        parts = [dumps_message(m) for m in messages]
        encoded = self._encode_parts(parts)
        cookie = SimpleCookie()

        def too_large(data: str | None) -> bool:
            return (
                bool(data)
                and len(cookie.value_encode(data or "")[1]) > self.max_cookie_size
            )

        def with_sentinel(some: list[str]) -> str | None:
            return self._encode_parts(
                [*some, self.not_finished_json], encode_empty=True
            )

        # django-stubs types the bisect helpers' lists as list[int]; they are generic.
        if self.max_cookie_size and too_large(encoded):
            if remove_oldest:
                idx = bisect_keep_right(parts, fn=lambda m: too_large(with_sentinel(m)))  # type: ignore[arg-type]
                unstored, encoded = messages[:idx], with_sentinel(parts[idx:])
            else:
                idx = bisect_keep_left(parts, fn=lambda m: too_large(with_sentinel(m)))  # type: ignore[arg-type]
                unstored, encoded = messages[idx:], with_sentinel(parts[:idx])
        self._update_cookie(encoded, response)  # type: ignore[attr-defined]
        return unstored


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
            self.storage_classes = (ToastCookieStorage,)
        super().__init__(request, *args, **kwargs)

    def _store(
        self,
        messages: list[Message],
        response: HttpResponseBase,
        *args: Any,
        **kwargs: Any,
    ) -> list[Message]:
        if len(self.storages) == 1:
            # Cookie only: drop the oldest when it overflows, as Django's
            # CookieStorage does (the newest is about what just happened).
            unstored: list[Message] = self.storages[0]._store(messages, response)
            return unstored
        return super()._store(messages, response, *args, **kwargs)  # type: ignore[misc,no-any-return]

    def add(  # type: ignore[override]  # adds a keyword-only argument
        self,
        level: int,
        message: Any,
        extra_tags: str = "",
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
        toast = Toast(level, message, extra_tags, options=options)
        self._queued_messages.append(toast)  # type: ignore[attr-defined]
