"""The message class toastkit stores: a Django ``Message`` with an id and options."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Sequence
from typing import Any, TypedDict, cast

from django.contrib.messages.storage.base import Message
from django.utils.encoding import force_str
from django.utils.safestring import SafeData

from toastkit.actions import CSRF_FIELD, Action
from toastkit.origins import is_same_origin

logger = logging.getLogger("toastkit")


class ToastOptions(TypedDict, total=False):
    """Per-toast options; every key is optional."""

    title: str
    #: Milliseconds before the toast dismisses itself (overrides the level's).
    duration: int
    #: Stays until the user dismisses it.
    sticky: bool
    #: A toast on screen with the same key is updated instead of adding one.
    key: str
    #: Buttons that send requests (Undo); a toast with actions stays until
    #: dismissed unless it has an explicit ``duration``.
    actions: Sequence[Action]


OPTION_TYPES: dict[str, type] = {
    "title": str,
    "duration": int,
    "sticky": bool,
    "key": str,
    "actions": list,
}
#: More buttons than this would crowd a toast.
MAX_ACTIONS = 3
#: Keys are compared in the browser and sent in headers: keep them short.
MAX_KEY_LENGTH = 100


def new_id() -> str:
    """A short random id: 72 bits, 12 URL-safe characters."""
    return secrets.token_urlsafe(9)


def message_id(message: Message) -> str:
    """A ``Toast``'s id; a new one for a plain Django ``Message``.

    Django's own storages keep no id, so theirs cannot outlive the request
    anyway; the client only needs each one to differ.
    """
    toast_id: str | None = getattr(message, "id", None)
    return toast_id or new_id()


def messages_only(items: Sequence[object]) -> list[Message]:
    """The ``Message``s among ``items``; anything else is dropped with a warning.

    Only code that writes into a storage's internals (Django's own tests put
    plain strings there) can put anything else in; toastkit can neither store
    nor show it, and the messages beside it are kept.
    """
    messages = [item for item in items if isinstance(item, Message)]
    if len(messages) < len(items):
        logger.warning(
            "toastkit: dropping %d stored item(s) that are not messages, such as %r.",
            len(items) - len(messages),
            next(item for item in items if not isinstance(item, Message)),
        )
    return messages


def validate_options(options: dict[str, Any]) -> ToastOptions:
    """Check option names and types; raise ``TypeError``/``ValueError`` if wrong.

    ``actions`` may be ``Action``s or their JSON form (stored data); they come
    back as a list of ``Action``s.
    """
    if "actions" in options:
        options = {**options, "actions": checked_actions(options["actions"])}
    for name, value in options.items():
        expected = OPTION_TYPES.get(name)
        if expected is None:
            raise TypeError(
                f"Unknown toast option {name!r}; expected one of {sorted(OPTION_TYPES)}."
            )
        # bool is an int subclass: refuse True as a duration and 1 as sticky.
        if type(value) is not expected:
            raise TypeError(
                f"Toast option {name!r} must be {expected.__name__}, "
                f"not {type(value).__name__}."
            )
    if options.get("duration", 1) < 0:
        raise ValueError("Toast option 'duration' must be 0 or more milliseconds.")
    if "key" in options and not 0 < len(options["key"]) <= MAX_KEY_LENGTH:
        raise ValueError(
            f"Toast option 'key' must be 1 to {MAX_KEY_LENGTH} characters."
        )
    return cast("ToastOptions", options)


def stored_options(options: dict[str, Any]) -> ToastOptions:
    """Options read back from a storage or the inbox, one by one.

    An option this version does not know, or whose value it refuses (data
    from an older or newer toastkit during a deploy, or tampered), is dropped
    with a warning; the other options and the message itself are kept.
    """
    kept: dict[str, Any] = {}
    for name, value in options.items():
        try:
            kept.update(validate_options({name: value}))
        except (TypeError, ValueError) as exc:
            logger.warning(
                "toastkit: ignoring the stored toast option %r (%s)", name, exc
            )
    return cast("ToastOptions", kept)


def checked_actions(actions: object) -> list[Action]:
    """``actions`` as a list of ``Action``s; ``TypeError``/``ValueError`` if wrong."""
    if isinstance(actions, (str, bytes, Action)) or not isinstance(
        actions, (list, tuple)
    ):
        raise TypeError(
            "Toast option 'actions' must be a list of toastkit.Action, "
            f"not {type(actions).__name__}."
        )
    if len(actions) > MAX_ACTIONS:
        raise ValueError(f"A toast takes at most {MAX_ACTIONS} actions.")
    return [Action.from_json(action) for action in actions]


def options_json(options: ToastOptions) -> dict[str, Any]:
    """``options`` as JSON-ready data: actions in their JSON form."""
    data: dict[str, Any] = dict(options)
    if "actions" in options:
        data["actions"] = [action.as_json() for action in options["actions"]]
    return data


class Toast(Message):
    """A message with a stable ``id`` (kept across the storage round trip)."""

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
        self.options: ToastOptions = (
            validate_options(dict(options)) if options else ToastOptions()
        )

    def __repr__(self) -> str:
        extra = f", extra_tags={self.extra_tags!r}" if self.extra_tags else ""
        options = f", options={self.options!r}" if self.options else ""
        return (
            f"Toast(level={self.level}, message={self.message!r}{extra}"
            f", id={self.id!r}{options})"
        )


def message_payload(
    message: Message,
    csrf_token: Callable[[], str] | None = None,
    *,
    origin: str | None = None,
) -> dict[str, Any]:
    """One message as the client sees it, in ``HX-Trigger`` and in the page.

    Lazy translations are forced to text here, as Django's storages do when
    they store them. ``csrf_token`` gives the token that each ``post``
    action's form carries; it is asked for only when there is one, and
    only for a URL that is relative or on ``origin`` (the request's, from
    ``toastkit.origins.request_origin``): never for another site.
    """
    extra_tags = force_str(message.extra_tags) if message.extra_tags else ""
    level_tag = force_str(message.level_tag)
    item: dict[str, Any] = {
        # With Django's own storages the id is made now, at delivery.
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
    options: dict[str, Any] = dict(getattr(message, "options", None) or {})
    for name in OPTION_TYPES:
        if name == "actions" and name in options:
            item[name] = [
                action_payload(action, csrf_token, origin) for action in options[name]
            ]
        elif name in options:
            item[name] = options[name]
    return item


def action_payload(
    action: Action, csrf_token: Callable[[], str] | None, origin: str | None
) -> dict[str, Any]:
    """One action as the client sees it: its JSON form, and what its form sends.

    ``query``: a ``get`` action's URL's own parameters as ``[name, value]``
    pairs (only when it has some), which its form sends as fields, since a
    ``<form method="get">`` drops the query of its ``action``.
    """
    data = action.as_json()
    if query := action.query:
        data["query"] = [list(pair) for pair in query]
    if (
        action.method == "post"
        and csrf_token is not None
        and is_same_origin(action.url, origin)
    ):
        data["values"][CSRF_FIELD] = csrf_token()
    return data
