"""Per-toast options: their schema, checked once where they come in: a view's
by ``validate_options``, which raises; those read back from a storage or the
inbox by ``stored_options``, which drops a bad one with a warning and keeps
the message."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, TypedDict, cast

from toastkit.actions import Action

logger = logging.getLogger("toastkit")


class ToastOptions(TypedDict, total=False):
    """Per-toast options, each optional (docs/reference.md, "Python API")."""

    title: str
    duration: int
    sticky: bool
    key: str
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


def validate_options(options: dict[str, Any]) -> ToastOptions:
    """Check option names and types; raise ``TypeError``/``ValueError`` if wrong.
    ``actions`` may be in their JSON form; they come back as ``Action``s."""
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
    """Options read back from a storage or the inbox, one by one: one this
    version does not know or refuses (from another version during a deploy,
    or tampered) is dropped with a warning; the others are kept."""
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
