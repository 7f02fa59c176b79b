"""Compact JSON for stored toasts, and a strict reader for what comes back.

A stored toast is ``["__tk", safe, level, message, extra_tags, id, options?]``.
The reader also accepts Django's own ``["__json_message", safe, level,
message, extra_tags?]`` so messages queued before a project switched to
toastkit's storage are not lost.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import Any

from django.contrib.messages.storage.base import Message
from django.utils.safestring import SafeData, mark_safe

from toastkit.options import options_json, stored_options
from toastkit.toast import Toast, message_id

logger = logging.getLogger("toastkit")

TOAST_KEY = "__tk"
DJANGO_KEY = "__json_message"


class MalformedMessages(ValueError):
    """Stored data that is not a list of messages."""


def message_to_list(message: Message) -> list[Any]:
    safe = 1 if isinstance(message.message, SafeData) else 0
    item: list[Any] = [
        TOAST_KEY,
        safe,
        message.level,
        str(message.message),
        None if message.extra_tags is None else str(message.extra_tags),
        message_id(message),
    ]
    options = getattr(message, "options", None)
    if options:
        item.append(options_json(options))
    return item


def dumps_message(message: Message) -> str:
    return json.dumps(message_to_list(message), separators=(",", ":"))


def dumps_messages(messages: Sequence[Message]) -> str:
    return "[" + ",".join(dumps_message(m) for m in messages) + "]"


def list_to_toast(item: Any) -> Toast:
    """Turn one stored item back into a ``Toast``; raise ``MalformedMessages``."""
    if not isinstance(item, list) or len(item) < 4:
        raise MalformedMessages(f"not a stored message: {item!r:.80}")
    key, safe, level, text, *rest = item
    if key not in (TOAST_KEY, DJANGO_KEY):
        raise MalformedMessages(f"unknown message marker {key!r:.40}")
    if type(level) is not int or not isinstance(text, str) or safe not in (0, 1):
        raise MalformedMessages(f"bad message fields: {item!r:.80}")
    extra_tags = rest[0] if rest else None
    if extra_tags is not None and not isinstance(extra_tags, str):
        raise MalformedMessages("extra_tags must be a string")
    message = mark_safe(text) if safe else text
    if key == DJANGO_KEY:
        return Toast(level, message, extra_tags)
    toast_id = rest[1] if len(rest) > 1 else None
    options = rest[2] if len(rest) > 2 else {}
    if not isinstance(toast_id, str) or not toast_id or not isinstance(options, dict):
        raise MalformedMessages("bad toast id or options")
    # Options from a newer or older toastkit (a deploy) never cost the message.
    return Toast(
        level, message, extra_tags, id=toast_id, options=stored_options(options)
    )


def loads_messages(
    data: str | bytes, *, allow_sentinel: str | None = None
) -> list[Any]:
    """Parse a stored JSON list; ``allow_sentinel`` may end it (cookie storage).

    ``[[[…]]]`` nested past the recursion limit fits a signed cookie once
    compressed; its ``RecursionError`` (in ``json.loads``, or in the ``repr``
    of an error message) is ``MalformedMessages`` too, never a 500.
    """
    try:
        return _loads_messages(data, allow_sentinel)
    except RecursionError:
        raise MalformedMessages("nested too deeply") from None


def _loads_messages(data: str | bytes, allow_sentinel: str | None) -> list[Any]:
    try:
        items = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise MalformedMessages(f"not JSON: {exc}") from exc
    if not isinstance(items, list):
        raise MalformedMessages("stored messages must be a list")
    result: list[Any] = []
    for index, item in enumerate(items):
        if (
            allow_sentinel is not None
            and item == allow_sentinel
            and index == len(items) - 1
        ):
            result.append(item)
        else:
            result.append(list_to_toast(item))
    return result
