"""The ``HX-Trigger`` header: read the view's, merge the messages in, keep to the budget.

The header value is pure ASCII JSON (``ensure_ascii``): Django MIME-encodes
non-Latin-1 header values, which would break ``JSON.parse`` in htmx. The
detail of the event is always an object, ``{"messages": [...], "target":
"body"}``: htmx 2 wraps other values as ``{value: ...}`` and htmx 4 passes
arrays through.

``"target": "body"`` makes htmx dispatch the event on ``<body>`` instead of
the element that made the request (a documented htmx feature, in htmx 2 and
4 alike). Without it, htmx 2 dispatches on that element even when a swap
removed it while the request was in flight, and the event never reaches the
script. htmx 2 lets one event's ``target`` retarget the events *after* it in
the same header, so toastkit's event comes last: the view's own events stay
on their element.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from email.errors import HeaderParseError
from email.header import decode_header
from typing import Any

from django.contrib.messages.storage.base import Message

from toastkit.toast import message_payload

logger = logging.getLogger("toastkit")

EVENT_NAME = "toastkit:messages"


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=True, separators=(",", ":"))


#: Where htmx dispatches toastkit's event (see the module docstring).
EVENT_TARGET = "body"
#: The JSON around the messages: ``{...the view's events, "toastkit:messages":
#: {"messages": [`` messages ``], "target": "body"}}``.
OPENING = '"' + EVENT_NAME + '":{"messages":['
CLOSING = '],"target":' + _dumps(EVENT_TARGET) + "}}"
EMPTY_LENGTH = len(_dumps({EVENT_NAME: {"messages": [], "target": EVENT_TARGET}}))


def parse_trigger(value: str) -> dict[str, Any]:
    """Read an ``HX-Trigger`` value: a JSON object, or comma-separated names.

    Raises ``ValueError`` for anything else (for example a JSON array).
    """
    value = value.strip()
    if value.startswith("=?"):
        # Django MIME-encodes non-Latin-1 header values the view set; undo it
        # (toastkit writes the merged header back as pure ASCII JSON).
        try:
            decoded = "".join(
                part.decode(charset or "ascii") if isinstance(part, bytes) else part
                for part, charset in decode_header(value)
            )
        except (LookupError, UnicodeDecodeError, HeaderParseError) as exc:
            raise ValueError(f"undecodable MIME-encoded header: {exc}") from exc
        if decoded == value or not decoded.strip():
            raise ValueError("undecodable MIME-encoded header")
        value = decoded.strip()
    if value.startswith("{"):
        # An object, or a ValueError (JSONDecodeError): nothing else starts with "{".
        parsed: dict[str, Any] = json.loads(value)
        return parsed
    if value.startswith(("[", '"')):
        raise ValueError("HX-Trigger must be a JSON object or event names")
    # htmx fires each name with an empty detail; {} keeps that meaning.
    return {name.strip(): {} for name in value.split(",") if name.strip()}


@dataclass
class Delivery:
    """What goes in the header now and what stays stored for later."""

    header: str | None
    shipped: list[Message] = field(default_factory=list)
    kept: list[Message] = field(default_factory=list)


def build_trigger(
    existing: str | None,
    messages: list[Message],
    budget: int,
    csrf_token: Callable[[], str] | None = None,
    origin: str | None = None,
) -> Delivery:
    """Merge ``messages`` into the ``existing`` header within ``budget`` bytes.

    Messages ship in order until one does not fit; it and the rest are kept
    for the next response. A message too large to fit even on its own is
    kept (for the next full page, which has no such limit) without holding
    back the ones after it. ``csrf_token`` and ``origin`` (the request's) are
    ``message_payload``'s.
    """
    theirs: dict[str, Any] = parse_trigger(existing) if existing else {}
    previous = theirs.pop(EVENT_NAME, None)
    earlier: list[str] = []
    if isinstance(previous, dict) and isinstance(previous.get("messages"), list):
        earlier = [_dumps(item) for item in previous["messages"]]
    # The header is assembled from each message's JSON, so every message is
    # encoded once. The view's events come first, toastkit's last.
    head = "{" + (_dumps(theirs)[1:-1] + "," if theirs else "") + OPENING
    fixed = len(head) + len(CLOSING)
    room = budget - fixed - len(",".join(earlier))
    # Room on a response with no trigger of the view's: past it, never in a header.
    room_alone = budget - EMPTY_LENGTH
    used = 0
    first = not earlier
    delivery = Delivery(header=None)
    blocked = False
    shipped: list[str] = []
    for message in messages:
        encoded = _dumps(message_payload(message, csrf_token, origin=origin))
        cost = len(encoded) + (0 if first else 1)  # its JSON and a comma
        if not blocked and used + cost <= room:
            delivery.shipped.append(message)
            shipped.append(encoded)
            used += cost
            first = False
            continue
        if len(encoded) > room_alone:
            logger.warning(
                "toastkit: a %d-byte message is over TOASTKIT_HEADER_BUDGET (%d); "
                "it stays stored and shows on the next full page.",
                len(encoded),
                budget,
            )
        else:
            blocked = True  # keep the order: nothing after it ships now
        delivery.kept.append(message)
    if delivery.shipped:
        delivery.header = head + ",".join(earlier + shipped) + CLOSING
    return delivery
