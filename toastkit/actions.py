"""``Action``: a button in a toast that sends a request, such as Undo.

With the script and htmx on the page, clicking sends the request with htmx
(``hx-swap="none"``), shows the messages its response adds and dismisses the
toast. Without them, the button submits a real ``<form>``, so the action
still works. See docs/reference.md, "Actions".
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, Literal, get_args
from urllib.parse import parse_qsl

from django.utils.encoding import force_str
from django.utils.functional import Promise

from toastkit.origins import is_allowed_url

logger = logging.getLogger("toastkit")

#: ``<form method>`` can only say these two; an action must work without
#: JavaScript as well.
Method = Literal["get", "post"]
METHODS: tuple[str, ...] = get_args(Method)

#: The form field that carries the toast's id to the action's view.
TOAST_ID_FIELD = "toastkit_id"
#: Django's form field for the CSRF token (fixed: Django has no setting for it).
CSRF_FIELD = "csrfmiddlewaretoken"
#: Names the server fills in: an action's own values may not use them.
RESERVED_FIELDS = frozenset({TOAST_ID_FIELD, CSRF_FIELD})
#: An action's JSON form: the keys ``as_json`` writes and ``from_json`` reads.
FIELDS = ("label", "url", "method", "values")


class Action:
    """A button in a toast that sends a request to ``url``, such as Undo.

    Its arguments and their rules are in docs/reference.md, "Actions". Wrong
    input raises ``TypeError`` or ``ValueError`` at once, in the view that
    made it; ``label`` and ``url`` may be lazy and are made text here.
    """

    __slots__ = ("label", "method", "url", "values")

    label: str
    url: str
    method: Method
    values: dict[str, str]

    def __init__(
        self,
        label: str | Promise,
        url: str | Promise,
        *,
        method: Method = "post",
        values: Mapping[str, str | int | Promise] | None = None,
    ) -> None:
        for name, given in (("label", label), ("url", url)):
            if not isinstance(given, (str, Promise)):
                raise TypeError(
                    f"Action {name} must be a string, not {type(given).__name__}."
                )
        self.label = force_str(label).strip()
        self.url = force_str(url).strip()
        if not self.label:
            raise ValueError("Action label must not be empty.")
        if not self.url:
            raise ValueError("Action url must not be empty.")
        if not is_allowed_url(self.url):
            raise ValueError(
                f"Action url {self.url!r} is not allowed: give a relative URL, "
                "such as reverse() returns, or an http(s) URL whose host is in "
                "ALLOWED_HOSTS ('*' does not count)."
            )
        if method not in METHODS:
            raise ValueError(
                f"Action method must be one of {', '.join(METHODS)}, not "
                f"{method!r}: a <form> without JavaScript can send no other."
            )
        self.method = method
        self.values = checked_values(values or {})
        for name, _value in self.query:
            # Each becomes a field: a browser sends no field without a name,
            # and two fields of one name reach the view as a list.
            if not name or name in RESERVED_FIELDS or name in self.values:
                raise ValueError(
                    f"Action url {self.url!r} has {name!r} in its query, which a "
                    "get action's form sends as a field: names there are "
                    "non-empty, not among the values, and other than "
                    f"{', '.join(sorted(RESERVED_FIELDS))}."
                )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Action):
            return NotImplemented
        return self.as_json() == other.as_json()

    __hash__ = None  # type: ignore[assignment]  # mutable values: like a dict

    def __repr__(self) -> str:
        values = f", values={self.values!r}" if self.values else ""
        return f"Action({self.label!r}, {self.url!r}, method={self.method!r}{values})"

    @property
    def query(self) -> list[tuple[str, str]]:
        """A ``get`` action's URL's query parameters, in order; ``[]`` for ``post``.

        A ``<form method="get">`` replaces its action's query with its fields,
        so these go in the form as fields (``post`` keeps the URL whole).
        """
        if self.method != "get":
            return []
        return parse_qsl(split_query(self.url)[1], keep_blank_values=True)

    def as_json(self) -> dict[str, Any]:
        """The stored and shipped form: a dict of ``FIELDS``."""
        return {
            "label": self.label,
            "url": self.url,
            "method": self.method,
            "values": dict(self.values),
        }

    @classmethod
    def from_json(cls, data: object) -> Action:
        """An ``Action`` from its JSON form; ``TypeError``/``ValueError`` if wrong."""
        if isinstance(data, Action):
            return data
        if not isinstance(data, Mapping):
            raise TypeError(f"An action must be an Action, not {type(data).__name__}.")
        if unknown := set(data) - set(FIELDS):
            # From a newer toastkit during a deploy: the action still works.
            logger.warning(
                "toastkit: ignoring unknown action fields %s.", sorted(unknown)
            )
        known: dict[str, Any] = {name: data[name] for name in FIELDS if name in data}
        return cls(**{"label": None, "url": None, **known})


def split_query(url: str) -> tuple[str, str]:
    """``url`` without its query (its fragment kept), and the query."""
    before_fragment, hash_, fragment = url.partition("#")
    path, _, query = before_fragment.partition("?")
    return path + hash_ + fragment, query


def form_url(url: str, method: str) -> str:
    """The ``action`` of an action's form: a ``get`` action's URL less its
    query, which goes in as fields (``Action.query``)."""
    return split_query(url)[0] if method == "get" else url


def checked_values(values: object) -> dict[str, str]:
    """An action's extra form fields as text; ``TypeError``/``ValueError`` if wrong."""
    if not isinstance(values, Mapping):
        raise TypeError(
            f"Action values must be a mapping, not {type(values).__name__}."
        )
    checked: dict[str, str] = {}
    for name, value in values.items():
        if not isinstance(name, str) or not name or name in RESERVED_FIELDS:
            raise ValueError(
                f"Action value name {name!r} is not allowed: names are non-empty "
                f"strings other than {', '.join(sorted(RESERVED_FIELDS))}."
            )
        # bool is an int: True would reach the view as "True", a surprise.
        if isinstance(value, bool) or not isinstance(value, (str, int, Promise)):
            raise TypeError(
                f"Action value {name!r} must be str or int, not {type(value).__name__}."
            )
        # Plain text: str() keeps a SafeString safe (the page would not
        # escape it), str.__str__ does not; a lazy string in today's language.
        checked[name] = str.__str__(force_str(value))
    return checked
