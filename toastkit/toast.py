"""The message class toastkit stores, and each message as the client sees it."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from django.contrib.messages.storage.base import Message
from django.utils.encoding import force_str
from django.utils.safestring import SafeData

from toastkit.actions import CSRF_FIELD, Action
from toastkit.options import OPTION_TYPES, ToastOptions

#: Gives, for a ``post`` action's URL, the CSRF token its form carries, or
#: ``None`` (``toastkit.origins.csrf_token_for``: only to the request's origin).
CsrfToken = Callable[[str], "str | None"]


def new_id() -> str:
    """A short random id: 72 bits, 12 URL-safe characters."""
    return secrets.token_urlsafe(9)


def message_id(message: Message) -> str:
    """A ``Toast``'s id; a new one for a plain ``Message`` (Django's storages
    keep no id: the client only needs each one to differ)."""
    toast_id: str | None = getattr(message, "id", None)
    return toast_id or new_id()


class Toast(Message):
    """A message with a stable ``id`` (kept across the storage round trip) and
    ``options``, already checked (``toastkit.options``)."""

    def __init__(
        self,
        level: int,
        message: Any,
        extra_tags: str | None = None,
        *,
        id: str | None = None,
        options: ToastOptions | None = None,
    ) -> None:
        super().__init__(level, message, extra_tags=extra_tags)
        self.id = id or new_id()
        self.options: ToastOptions = options or ToastOptions()

    def __repr__(self) -> str:
        extra = f", extra_tags={self.extra_tags!r}" if self.extra_tags else ""
        options = f", options={self.options!r}" if self.options else ""
        return (
            f"Toast(level={self.level}, message={self.message!r}{extra}"
            f", id={self.id!r}{options})"
        )


def message_payload(
    message: Message, csrf_token: CsrfToken | None = None
) -> dict[str, Any]:
    """One message as the client sees it, in ``HX-Trigger`` and in the page,
    lazy translations made text (as Django's storages do when they store)."""
    extra_tags = force_str(message.extra_tags) if message.extra_tags else ""
    level_tag = force_str(message.level_tag)
    item: dict[str, Any] = {
        "id": message_id(message),
        "message": force_str(message.message),
        "level": message.level,
        "level_tag": level_tag,
        # Message.tags, without looking the level tag up twice.
        "tags": f"{extra_tags} {level_tag}"
        if extra_tags and level_tag
        else extra_tags or level_tag,
        "extra_tags": extra_tags,
        "safe": isinstance(message.message, SafeData),
    }
    options: dict[str, Any] = getattr(message, "options", None) or {}
    for name in OPTION_TYPES:  # in a fixed order, whatever the view's
        if name in options:
            item[name] = options[name]
    if "actions" in options:
        item["actions"] = [
            action_payload(action, csrf_token) for action in options["actions"]
        ]
    return item


def action_payload(action: Action, csrf_token: CsrfToken | None) -> dict[str, Any]:
    """One action as the client sees it: its JSON form, a ``get`` action's
    ``query`` pairs (``Action.query``) and a ``post`` action's CSRF token."""
    data = action.as_json()
    if query := action.query:
        data["query"] = [list(pair) for pair in query]
    token = csrf_token(action.url) if action.method == "post" and csrf_token else None
    if token is not None:
        data["values"][CSRF_FIELD] = token
    return data
