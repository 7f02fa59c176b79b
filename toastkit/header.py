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
import math
from dataclasses import dataclass, field
from email.errors import HeaderParseError
from email.header import decode_header
from typing import Any

from django.contrib.messages.storage.base import Message

from toastkit.actions import Action
from toastkit.toast import CsrfToken, message_payload

logger = logging.getLogger("toastkit")

EVENT_NAME = "toastkit:messages"


#: One encoder for every header: ``json.dumps`` with options makes one per call.
#: allow_nan=False: NaN and Infinity are not JSON, and JSON.parse throws on
#: the whole header. _parse_trigger never reads them; this is the backstop.
_dumps = json.JSONEncoder(
    ensure_ascii=True, separators=(",", ":"), allow_nan=False
).encode


#: Where htmx dispatches toastkit's event (see the module docstring).
EVENT_TARGET = "body"
#: The JSON around the messages: ``{...the view's events, "toastkit:messages":
#: {"messages": [`` messages ``], "target": "body"}}``.
OPENING = '"' + EVENT_NAME + '":{"messages":['
CLOSING = '],"target":' + _dumps(EVENT_TARGET) + "}}"
EMPTY_LENGTH = len(_dumps({EVENT_NAME: {"messages": [], "target": EVENT_TARGET}}))


def parse_trigger(value: str) -> dict[str, Any]:
    """Read an ``HX-Trigger`` value: a JSON object, or comma-separated names.

    Raises ``ValueError`` for anything else (for example a JSON array, or
    JSON nested deeper than the recursion limit). ``NaN``, ``Infinity``,
    ``-Infinity`` and numbers too large for a float, which Python's ``json``
    reads and writes and ``JSON.parse`` rejects, read as ``None``: the
    ``null`` that ``JSON.stringify`` makes of them.
    """
    return _parse_trigger(value)[0]


class _NonFinite:
    """``json.loads`` hooks reading non-finite numbers as ``None``, noting any."""

    def __init__(self) -> None:
        self.found = False

    def constant(self, token: str) -> None:
        """``NaN``, ``Infinity``, ``-Infinity``."""
        self.found = True

    def number(self, token: str) -> float | None:
        """A number with a fraction or exponent: ``1e400`` is ``inf`` as a float."""
        number = float(token)
        if math.isfinite(number):
            return number
        self.found = True
        return None


def _parse_trigger(value: str) -> tuple[dict[str, Any], bool]:
    """``parse_trigger``, and whether it read a non-finite number as ``None``."""
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
        non_finite = _NonFinite()
        try:
            parsed: dict[str, Any] = json.loads(
                value, parse_constant=non_finite.constant, parse_float=non_finite.number
            )
        except RecursionError:
            raise ValueError("nested too deeply") from None
        return parsed, non_finite.found
    if value.startswith(("[", '"')):
        raise ValueError("HX-Trigger must be a JSON object or event names")
    # htmx fires each name with an empty detail; {} keeps that meaning.
    return {name.strip(): {} for name in value.split(",") if name.strip()}, False


#: A warning to log if toastkit writes the header: its format and arguments.
_Warning = tuple[str, tuple[object, ...]]


@dataclass
class _Theirs:
    """The view's ``HX-Trigger``, ready to merge."""

    #: The view's events as JSON object members (``"a":1,"b":{}``), or "".
    events: str = ""
    #: The messages of the view's own ``toastkit:messages`` event, as JSON.
    earlier: list[str] = field(default_factory=list)
    #: What merging changes in the view's header, logged only if it is written.
    warnings: list[_Warning] = field(default_factory=list)


def _checked_actions(item: dict[str, Any], theirs: _Theirs) -> dict[str, Any]:
    """The view's own toast ``item`` without its actions if one is refused.

    They meet the rules of ``toastkit.Action`` (a URL on the project's own
    hosts, no reserved names), as toastkit's own do: the client is not the
    only guard.
    """
    if "actions" not in item:
        return item
    try:
        actions = item["actions"]
        if not isinstance(actions, list):
            raise TypeError("actions must be a list")
        for action in actions:
            Action.from_json(action)
    except (TypeError, ValueError) as exc:
        theirs.warnings.append(
            (
                "toastkit: dropping the actions of a toast of the view's %s "
                "event (%s).",
                (EVENT_NAME, exc),
            )
        )
        return {name: value for name, value in item.items() if name != "actions"}
    return item


def _read_theirs(existing: str) -> _Theirs:
    """Read the view's header; ``ValueError`` if it cannot be merged.

    Whatever toastkit writes is strict JSON: a view's non-finite numbers
    become ``null``, and of the view's own ``toastkit:messages`` event only
    the objects in its ``messages`` list are kept (the client shows nothing
    else), each change with a warning.
    """
    theirs = _Theirs()
    try:
        events, non_finite = _parse_trigger(existing)
        if non_finite:
            theirs.warnings.append(
                (
                    "toastkit: the response's HX-Trigger header has NaN or "
                    "Infinity, which JSON.parse rejects; they are sent as null.",
                    (),
                )
            )
        if EVENT_NAME in events:
            previous = events.pop(EVENT_NAME)
            items = previous.get("messages") if isinstance(previous, dict) else None
            if isinstance(items, list):
                others = [item for item in items if not isinstance(item, dict)]
                if others:
                    theirs.warnings.append(
                        (
                            "toastkit: dropping %d item(s) of the view's %s event "
                            "that are not objects, such as %s.",
                            # repr now, where a RecursionError is caught.
                            (len(others), EVENT_NAME, f"{others[0]!r:.40}"),
                        )
                    )
                objects = [item for item in items if isinstance(item, dict)]
                theirs.earlier = [_dumps(_checked_actions(i, theirs)) for i in objects]
            else:
                theirs.warnings.append(
                    (
                        "toastkit: replacing the view's %s event, whose detail is "
                        'not {"messages": [...]}.',
                        (EVENT_NAME,),
                    )
                )
        theirs.events = _dumps(events)[1:-1]
    except RecursionError:  # encoding what was read just under the limit
        raise ValueError("nested too deeply") from None
    return theirs


@dataclass
class Delivery:
    """What goes in the header now and what stays stored for later."""

    header: str | None
    shipped: list[Message] = field(default_factory=list)
    kept: list[Message] = field(default_factory=list)
    #: What to log if this header is the one written (``log_warnings``).
    warnings: list[_Warning] = field(default_factory=list)

    def log_warnings(self) -> None:
        for message_format, args in self.warnings:
            logger.warning(message_format, *args)


def build_trigger(
    existing: str | None,
    messages: list[Message],
    budget: int,
    csrf_token: CsrfToken | None = None,
    *,
    log: bool = True,
) -> Delivery:
    """Merge ``messages`` into the ``existing`` header within ``budget`` bytes.

    Messages ship in order until one does not fit; it and the rest are kept
    for the next response. A message too large to fit even on its own is
    kept (for the next full page, which has no such limit) without holding
    back the ones after it. ``csrf_token`` is ``message_payload``'s.
    ``log=False`` leaves the warnings in the result,
    for a caller that builds several and writes one (``log_warnings()``).
    """
    theirs = _read_theirs(existing) if existing else _Theirs()
    earlier = theirs.earlier
    # The header is assembled from each message's JSON, so every message is
    # encoded once. The view's events come first, toastkit's last.
    head = "{" + (theirs.events + "," if theirs.events else "") + OPENING
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
        encoded = _dumps(message_payload(message, csrf_token))
        cost = len(encoded) + (0 if first else 1)  # its JSON and a comma
        if not blocked and used + cost <= room:
            delivery.shipped.append(message)
            shipped.append(encoded)
            used += cost
            first = False
            continue
        if len(encoded) > room_alone:
            delivery.warnings.append(
                (
                    "toastkit: a %d-byte message is over TOASTKIT_HEADER_BUDGET "
                    "(%d); it stays stored and shows on the next full page.",
                    (len(encoded), budget),
                )
            )
        else:
            blocked = True  # keep the order: nothing after it ships now
        delivery.kept.append(message)
    if delivery.shipped:
        delivery.header = head + ",".join(earlier + shipped) + CLOSING
        delivery.warnings += theirs.warnings
    if log:
        delivery.log_warnings()
    return delivery
