"""Actions (Undo), keyed toasts, the countdown and the timing control (issue 14).

From the Python side: ``toastkit.Action`` and the ``actions``/``key``
options, their stored form, the ``HX-Trigger`` payload with the CSRF token
Django accepts, the full page's forms, and ``{% toasts_timing %}``.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from functools import partial
from typing import Any
from unittest import mock
from urllib.parse import urlencode

import pytest
from django.conf import settings as django_settings
from django.contrib.messages import constants
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from hypothesis import given, settings
from hypothesis import strategies as st

import toastkit
from tests.action_views import (
    ECHO_URL,
    RESTORE_URL,
    URLCONF,
    with_csrf_middleware,
)
from tests.conftest import (
    HTMX,
    Visitor,
    messages_request,
    noise,
    respond,
    shipped,
    storage_of,
    texts,
    toasts_of,
)
from tests.helpers import PAGE, Element, action_forms, cookie_of, only, read, toasts_in
from toastkit import Action
from toastkit.actions import CSRF_FIELD, RESERVED_FIELDS, TOAST_ID_FIELD
from toastkit.header import build_trigger
from toastkit.middleware import ToastMiddleware
from toastkit.options import ToastOptions
from toastkit.origins import csrf_token_for, is_same_origin, origin_of, request_origin
from toastkit.serialization import dumps_message
from toastkit.storage import ToastCookieStorage, ToastStorage
from toastkit.toast import Toast, message_payload

TIMING = "{% load toastkit %}{% toasts_timing %}"
UNDO = Action("Undo", "/tasks/7/restore/", values={"task": 7})


def render_page(request: HttpRequest) -> str:
    return engines["django"].from_string(PAGE).render({}, request)


def page_with(*actions: Action, **options: Any) -> tuple[str, HttpRequest]:
    """A full page with one toast with ``actions``, and the request it was for."""
    request = messages_request()
    toastkit.success(request, "Deleted “Buy milk”.", actions=list(actions), **options)
    return render_page(request), request


def one_toast(html: str) -> str:
    (toast,) = toasts_in(html)
    return toast


# Action


def test_an_action_posts_with_no_values_by_default() -> None:
    action = Action("Undo", "/u/")
    assert (action.label, action.url, action.method, action.values) == (
        "Undo",
        "/u/",
        "post",
        {},
    )


def test_a_get_action_is_allowed() -> None:
    assert Action("Open", "/o/", method="get").method == "get"


@override_settings(ROOT_URLCONF="tests.urls")
def test_a_lazy_label_and_url_become_text() -> None:
    action = Action(gettext_lazy("Undo"), reverse_lazy("page"))
    assert (action.label, action.url) == ("Undo", "/page/")
    assert type(action.label) is str
    assert type(action.url) is str


def test_a_lazy_label_is_made_text_in_the_language_active_when_made() -> None:
    with translation.override("de"):
        action = Action(gettext_lazy("Dismiss"), "/u/")
    assert action.label == "Schließen"


def test_label_and_url_are_stripped() -> None:
    action = Action("  Undo\n", " /u/ ")
    assert (action.label, action.url) == ("Undo", "/u/")


@pytest.mark.parametrize("label", ["", "   ", "\n\t"])
def test_an_empty_label_is_a_value_error(label: str) -> None:
    with pytest.raises(ValueError, match=r"^Action label must not be empty\.$"):
        Action(label, "/u/")


@pytest.mark.parametrize("url", ["", "   "])
def test_an_empty_url_is_a_value_error(url: str) -> None:
    with pytest.raises(ValueError, match=r"^Action url must not be empty\.$"):
        Action("Undo", url)


@pytest.mark.parametrize("method", ["put", "delete", "POST", "GET", ""])
def test_a_method_a_form_cannot_send_is_a_value_error_naming_the_choices(
    method: Any,
) -> None:
    message = (
        f"Action method must be one of get, post, not {method!r}: "
        "a <form> without JavaScript can send no other."
    )
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        Action("Undo", "/u/", method=method)


def test_int_values_are_sent_as_text() -> None:
    action = Action("Undo", "/u/", values={"task": 7, "note": "x"})
    assert action.values == {"task": "7", "note": "x"}


def test_the_values_are_a_copy_of_the_mapping_given() -> None:
    given = {"task": "7"}
    action = Action("Undo", "/u/", values=given)
    given["task"] = "8"
    assert action.values == {"task": "7"}


def test_a_safe_string_value_is_taken_as_its_text() -> None:
    action = Action("Undo", "/u/", values={"note": mark_safe("a &amp; b")})
    assert action.values == {"note": "a &amp; b"}


def test_a_safe_string_value_renders_as_plain_text_on_the_page() -> None:
    markup = '"><b>bold</b>'
    html, _ = page_with(Action("Undo", "/u/", values={"note": mark_safe(markup)}))
    (form,) = action_forms(one_toast(html))
    assert [e.tag for e in form.children] == ["input", "input", "input", "button"]
    assert dict(form.fields())["note"] == markup


def test_a_lazy_value_is_made_text_in_the_language_active_when_made() -> None:
    with translation.override("de"):
        action = Action("Undo", "/u/", values={"label": gettext_lazy("Dismiss")})
    assert action.values == {"label": "Schließen"}
    assert type(action.values["label"]) is str


def test_a_lazy_value_renders_as_plain_text_on_the_page() -> None:
    markup = '"><b>bold</b>'
    html, _ = page_with(Action("Undo", "/u/", values={"note": gettext_lazy(markup)}))
    (form,) = action_forms(one_toast(html))
    assert [e.tag for e in form.children] == ["input", "input", "input", "button"]
    assert dict(form.fields())["note"] == markup


@pytest.mark.parametrize(
    ("values", "error", "text"),
    [
        (
            [("task", "7")],
            TypeError,
            "Action values must be a mapping, not list.",
        ),
        ("task=7", TypeError, "Action values must be a mapping, not str."),
        (
            {"undo": True},
            TypeError,
            "Action value 'undo' must be str or int, not bool.",
        ),
        (
            {"task": 7.5},
            TypeError,
            "Action value 'task' must be str or int, not float.",
        ),
        (
            {"task": None},
            TypeError,
            "Action value 'task' must be str or int, not NoneType.",
        ),
        (
            {"toastkit_id": "x"},
            ValueError,
            "Action value name 'toastkit_id' is not allowed: names are non-empty "
            "strings other than csrfmiddlewaretoken, toastkit_id.",
        ),
        (
            {"csrfmiddlewaretoken": "x"},
            ValueError,
            "Action value name 'csrfmiddlewaretoken' is not allowed: names are "
            "non-empty strings other than csrfmiddlewaretoken, toastkit_id.",
        ),
        (
            {"": "x"},
            ValueError,
            "Action value name '' is not allowed: names are non-empty "
            "strings other than csrfmiddlewaretoken, toastkit_id.",
        ),
        (
            {7: "x"},
            ValueError,
            "Action value name 7 is not allowed: names are non-empty "
            "strings other than csrfmiddlewaretoken, toastkit_id.",
        ),
    ],
    ids=[
        "pairs",
        "query-string",
        "bool",
        "float",
        "none",
        "toast-id-field",
        "csrf-field",
        "empty-name",
        "int-name",
    ],
)
def test_wrong_values_are_a_clear_error(
    values: Any, error: type[Exception], text: str
) -> None:
    with pytest.raises(error, match=f"^{re.escape(text)}$"):
        Action("Undo", "/u/", values=values)


@pytest.mark.parametrize(
    ("label", "url", "text"),
    [
        (None, "/u/", "Action label must be a string, not NoneType."),
        ("Undo", None, "Action url must be a string, not NoneType."),
        (5, "/u/", "Action label must be a string, not int."),
        ("Undo", b"/u/", "Action url must be a string, not bytes."),
    ],
    ids=["none-label", "none-url", "int-label", "bytes-url"],
)
def test_a_label_or_url_that_is_not_text_is_a_type_error(
    label: Any, url: Any, text: str
) -> None:
    # Not force_str()'s "None": a button labelled None posting to ./None.
    with pytest.raises(TypeError, match=f"^{re.escape(text)}$"):
        Action(label, url)


# The url: relative, or http(s) on one of the project's own hosts (issue 18)

#: Hosts of the tests below: one name, and a domain with its subdomains.
OWN_HOSTS = ["tasks.example", ".example.org"]


def refusal(url: str) -> str:
    """The whole error for ``url`` (stripped, as ``Action`` keeps it), as a pattern."""
    return (
        "^"
        + re.escape(
            f"Action url {url.strip()!r} is not allowed: give a relative URL, such as "
            "reverse() returns, or an http(s) URL whose host is in ALLOWED_HOSTS "
            "('*' does not count)."
        )
        + "$"
    )


@pytest.mark.parametrize(
    "url",
    [
        "/tasks/3/restore/",
        "restore/",
        "../restore/",
        "?page=2",
        "#top",
        "/tasks/?next=javascript:alert(1)",
        "./js:alert(1)",
    ],
)
def test_a_relative_url_is_allowed(url: str) -> None:
    assert Action("Undo", url).url == url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "\x00javascript:alert(1)",
        "\x1fjavascript:alert(1)",
        "javascript://tasks.example/%0aalert(1)",
        "js:alert(1)",
        "JS:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "restore:3/",
    ],
)
@override_settings(ALLOWED_HOSTS=OWN_HOSTS)
def test_a_url_with_a_scheme_other_than_http_or_https_is_a_value_error(
    url: str,
) -> None:
    with pytest.raises(ValueError, match=refusal(url)):
        Action("Undo", url)


#: What a browser ignores in a URL: ASCII tab and newlines anywhere, C0
#: controls and spaces around it (WHATWG URL).
IGNORED_INSIDE = st.sampled_from(["", "\t", "\n", "\r"])
IGNORED_AROUND = st.text(st.sampled_from([chr(c) for c in range(0x21)]), max_size=3)


@st.composite
def script_urls(draw: st.DrawFn) -> str:
    """``javascript:``, ``js:``, ``vbscript:`` or ``data:`` as a browser might
    still read it: any case, tabs and newlines between the letters."""
    scheme = draw(st.sampled_from(["javascript:", "js:", "vbscript:", "data:"]))
    letters = [
        draw(st.sampled_from([c.lower(), c.upper()])) + draw(IGNORED_INSIDE)
        for c in scheme
    ]
    return draw(IGNORED_AROUND) + "".join(letters) + "alert(1)"


@settings(max_examples=200, deadline=None)
@given(url=script_urls())
def test_any_case_or_whitespace_variant_of_a_script_url_is_a_value_error(
    url: str,
) -> None:
    with pytest.raises(ValueError, match=r"^Action url .* is not allowed: "):
        Action("Undo", url)


@pytest.mark.parametrize(
    "url",
    [
        "//evil.example/",
        "//tasks.example/",
        "/\\evil.example/",
        "\\\\evil.example/",
        "/\t/evil.example/",
        "///evil.example/",
        "https:evil.example",
        "https:/evil.example/",
        "https:\\\\evil.example/",
    ],
)
@override_settings(ALLOWED_HOSTS=OWN_HOSTS)
def test_a_url_with_a_host_but_no_scheme_or_slashes_is_a_value_error(
    url: str,
) -> None:
    with pytest.raises(ValueError, match=refusal(url)):
        Action("Undo", url)


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example/",
        "http://evil.example/tasks/",
        "https://tasks.example.evil.example/",
        "https://evil-example.org/",
        "https://tasks.example@evil.example/",
        "https://user:pw@tasks.example/",
        "https://tasks.example\\@evil.example/",
        "ftp://tasks.example/",
        "https://tasks.example:99999/",
        "https://[::1/",
    ],
)
@override_settings(ALLOWED_HOSTS=OWN_HOSTS)
def test_an_absolute_url_not_on_an_own_host_is_a_value_error(url: str) -> None:
    with pytest.raises(ValueError, match=refusal(url)):
        Action("Undo", url)


@pytest.mark.parametrize(
    "url",
    [
        "https://tasks.example/tasks/3/restore/",
        "http://tasks.example:8000/tasks/3/restore/",
        "https://TASKS.example/x",
        "https://example.org/x",
        "https://www.example.org/x?page=2",
    ],
)
@override_settings(ALLOWED_HOSTS=OWN_HOSTS)
def test_an_http_or_https_url_on_an_own_host_is_allowed(url: str) -> None:
    assert Action("Undo", url).url == url


@override_settings(ALLOWED_HOSTS=["*"])
def test_a_wildcard_in_allowed_hosts_makes_no_host_an_own_host() -> None:
    with pytest.raises(ValueError, match=refusal("https://evil.example/")):
        Action("Undo", "https://evil.example/")


@pytest.mark.parametrize(
    "url", ["http://localhost:8000/x", "http://api.localhost/x", "http://[::1]/x"]
)
@override_settings(DEBUG=True, ALLOWED_HOSTS=[])
def test_with_debug_and_no_allowed_hosts_the_local_hosts_are_own_as_in_django(
    url: str,
) -> None:
    assert Action("Undo", url).url == url


@override_settings(DEBUG=False, ALLOWED_HOSTS=[])
def test_without_debug_no_allowed_hosts_means_no_own_host() -> None:
    with pytest.raises(ValueError, match=refusal("http://localhost/x")):
        Action("Undo", "http://localhost/x")


def test_own_hosts_are_read_from_the_settings_when_the_action_is_made() -> None:
    url = "https://tasks.example/x"
    with override_settings(ALLOWED_HOSTS=OWN_HOSTS):
        Action("Undo", url)
    with pytest.raises(ValueError, match=refusal(url)):
        Action("Undo", url)


@override_settings(ROOT_URLCONF="tests.urls")
def test_a_lazy_url_is_checked_as_text() -> None:
    assert Action("Undo", reverse_lazy("page")).url == "/page/"


def test_actions_with_the_same_fields_are_equal() -> None:
    assert Action("Undo", "/u/", values={"a": 1}) == Action(
        "Undo", "/u/", method="post", values={"a": "1"}
    )


@pytest.mark.parametrize(
    "other",
    [
        Action("Redo", "/u/"),
        Action("Undo", "/v/"),
        Action("Undo", "/u/", method="get"),
        Action("Undo", "/u/", values={"a": "1"}),
    ],
    ids=["label", "url", "method", "values"],
)
def test_actions_differing_in_any_field_are_not_equal(other: Action) -> None:
    assert Action("Undo", "/u/") != other


def test_an_action_is_not_equal_to_its_json_form() -> None:
    action = Action("Undo", "/u/")
    assert action != action.as_json()
    assert action.__eq__(action.as_json()) is NotImplemented


def test_an_action_is_unhashable_like_the_dict_it_holds() -> None:
    with pytest.raises(TypeError, match="unhashable"):
        hash(Action("Undo", "/u/"))


@pytest.mark.parametrize(
    ("action", "text"),
    [
        (Action("Undo", "/u/"), "Action('Undo', '/u/', method='post')"),
        (
            Action("Open", "/o/", method="get", values={"page": 2}),
            "Action('Open', '/o/', method='get', values={'page': '2'})",
        ),
    ],
    ids=["plain", "values"],
)
def test_repr_reads_as_the_call_that_makes_it(action: Action, text: str) -> None:
    assert repr(action) == text
    assert eval(text, {"Action": Action}) == action


def test_the_json_form_has_label_url_method_and_values() -> None:
    assert UNDO.as_json() == {
        "label": "Undo",
        "url": "/tasks/7/restore/",
        "method": "post",
        "values": {"task": "7"},
    }


def test_the_json_form_is_a_copy() -> None:
    UNDO.as_json()["values"]["task"] = "8"
    assert UNDO.values == {"task": "7"}


def test_from_json_reads_the_json_form_back() -> None:
    assert Action.from_json(UNDO.as_json()) == UNDO


def test_from_json_defaults_method_and_values() -> None:
    assert Action.from_json({"label": "Undo", "url": "/u/"}) == Action("Undo", "/u/")


def test_from_json_passes_an_action_through() -> None:
    assert Action.from_json(UNDO) is UNDO


def test_from_json_ignores_an_unknown_field_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # From a newer toastkit during a deploy: the action still works.
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        action = Action.from_json({**UNDO.as_json(), "icon": "undo", "tone": "x"})
    assert action == UNDO
    assert caplog.messages == [
        "toastkit: ignoring unknown action fields ['icon', 'tone']."
    ]


# toastkit.success(..., actions=[...], key=...)


def test_actions_and_key_are_kept_on_the_toast() -> None:
    request = messages_request()
    toastkit.success(request, "Deleted", actions=[UNDO], key="task-7")
    (toast,) = toasts_of(storage_of(request))
    assert toast.options == {"actions": [UNDO], "key": "task-7"}


def test_actions_given_as_a_tuple_are_kept_as_a_list() -> None:
    request = messages_request()
    toastkit.success(request, "Deleted", actions=(UNDO, Action("Open", "/o/")))
    (toast,) = toasts_of(storage_of(request))
    assert toast.options == {"actions": [UNDO, Action("Open", "/o/")]}


def test_three_actions_are_allowed() -> None:
    request = messages_request()
    toastkit.success(request, "Deleted", actions=[UNDO] * 3)
    (toast,) = toasts_of(storage_of(request))
    assert toast.options["actions"] == [UNDO] * 3


def test_a_key_of_100_characters_is_allowed() -> None:
    request = messages_request()
    toastkit.info(request, "Exporting", key="k" * 100)
    (toast,) = toasts_of(storage_of(request))
    assert toast.options == {"key": "k" * 100}


@pytest.mark.parametrize(
    ("options", "error", "text"),
    [
        ({"actions": [UNDO] * 4}, ValueError, "A toast takes at most 3 actions."),
        (
            {"actions": UNDO},
            TypeError,
            "Toast option 'actions' must be a list of toastkit.Action, not Action.",
        ),
        (
            {"actions": "Undo"},
            TypeError,
            "Toast option 'actions' must be a list of toastkit.Action, not str.",
        ),
        (
            {"actions": {"label": "Undo", "url": "/u/"}},
            TypeError,
            "Toast option 'actions' must be a list of toastkit.Action, not dict.",
        ),
        (
            {"actions": None},
            TypeError,
            "Toast option 'actions' must be a list of toastkit.Action, not NoneType.",
        ),
        (
            {"actions": iter([UNDO])},
            TypeError,
            "Toast option 'actions' must be a list of toastkit.Action, "
            "not list_iterator.",
        ),
        ({"actions": ["Undo"]}, TypeError, "An action must be an Action, not str."),
        (
            {"key": ""},
            ValueError,
            "Toast option 'key' must be 1 to 100 characters.",
        ),
        (
            {"key": "k" * 101},
            ValueError,
            "Toast option 'key' must be 1 to 100 characters.",
        ),
        ({"key": 42}, TypeError, "Toast option 'key' must be str, not int."),
        ({"key": None}, TypeError, "Toast option 'key' must be str, not NoneType."),
        (
            {"key": gettext_lazy("export")},
            TypeError,
            "Toast option 'key' must be str, not __proxy__.",
        ),
    ],
    ids=[
        "four-actions",
        "one-action",
        "string",
        "dict",
        "none",
        "iterator",
        "string-in-list",
        "empty-key",
        "long-key",
        "int-key",
        "none-key",
        "lazy-key",
    ],
)
def test_wrong_actions_or_key_raise_a_clear_error_and_store_nothing(
    options: dict[str, Any], error: type[Exception], text: str
) -> None:
    request = messages_request()
    with pytest.raises(error, match=f"^{re.escape(text)}$"):
        toastkit.success(request, "Deleted", **options)
    assert list(storage_of(request)) == []


@override_settings(
    MESSAGE_STORAGE="django.contrib.messages.storage.cookie.CookieStorage"
)
def test_actions_and_key_with_another_storage_are_dropped_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    request = messages_request()
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        toastkit.success(request, "kept", actions=[UNDO], key="k")
    assert [m.message for m in storage_of(request)] == ["kept"]
    assert caplog.messages == [
        "toastkit: MESSAGE_STORAGE is not toastkit.storage.ToastStorage, so the "
        "toast options ['actions', 'key'] are dropped; the message itself is kept."
    ]


# The stored form and the storage round trip


def test_actions_and_key_are_stored_as_compact_json() -> None:
    toast = Toast(
        constants.SUCCESS, "hi", id="abc", options={"actions": [UNDO], "key": "k"}
    )
    assert dumps_message(toast) == (
        '["__tk",0,25,"hi",null,"abc",{"actions":[{"label":"Undo",'
        '"url":"/tasks/7/restore/","method":"post","values":{"task":"7"}}],'
        '"key":"k"}]'
    )


def store_and_read(
    visitor: Visitor, options: ToastOptions, *, fillers: int = 0
) -> Toast:
    """Store ``fillers`` big messages, then one with ``options``; read it back."""
    storage = ToastStorage(visitor.request())
    for i in range(fillers):
        storage.add(constants.INFO, noise(i, 300))
    storage.add(constants.SUCCESS, "Deleted", options=options)
    response = HttpResponse()
    storage.update(response)
    visitor.keep(response)
    *_, toast = toasts_of(ToastStorage(visitor.request()))
    return toast


def test_actions_come_back_from_the_cookie_as_actions(visitor: Visitor) -> None:
    toast = store_and_read(visitor, {"actions": [UNDO], "key": "task-7"})
    assert "_messages" not in visitor.session  # it all fitted in the cookie
    assert toast.options == {"actions": [UNDO], "key": "task-7"}
    assert all(isinstance(a, Action) for a in toast.options["actions"])


def test_actions_come_back_from_the_session_as_actions(visitor: Visitor) -> None:
    toast = store_and_read(visitor, {"actions": [UNDO], "key": "task-7"}, fillers=10)
    assert "task-7" in visitor.session["_messages"]  # it overflowed to the session
    assert toast.options == {"actions": [UNDO], "key": "task-7"}
    assert all(isinstance(a, Action) for a in toast.options["actions"])


#: Any text a label or value may hold; a key.
TEXT = st.text(min_size=1, max_size=30).filter(lambda s: bool(s.strip()))
#: Relative URLs with any text in their path (queries: "A get action's query").
URLS = st.text(
    st.characters(exclude_categories=("Cc", "Cs"), exclude_characters="?"),
    max_size=30,
).map(lambda path: f"/a/{path}")
VALUES = st.dictionaries(
    st.text(min_size=1, max_size=12).filter(lambda name: name not in RESERVED_FIELDS),
    st.one_of(st.text(max_size=30), st.integers()),
    max_size=3,
)
ACTIONS = st.lists(
    st.builds(
        Action, TEXT, URLS, method=st.sampled_from(["get", "post"]), values=VALUES
    ),
    max_size=3,
)
KEYS = st.text(min_size=1, max_size=100)


@settings(max_examples=50, deadline=None)
@given(actions=ACTIONS, key=KEYS)
def test_any_actions_and_key_survive_the_cookie_round_trip(
    actions: list[Action], key: str
) -> None:
    visitor = Visitor()
    # The cookie holds whatever the example makes: the round trip is the point.
    with mock.patch.object(ToastCookieStorage, "max_cookie_size", 1_000_000):
        toast = store_and_read(visitor, {"actions": actions, "key": key})
    assert "_messages" not in visitor.session
    assert toast.options == {"actions": actions, "key": key}


@settings(max_examples=50, deadline=None)
@given(actions=ACTIONS, key=KEYS)
def test_any_actions_and_key_survive_the_session_round_trip(
    actions: list[Action], key: str
) -> None:
    visitor = Visitor()
    toast = store_and_read(visitor, {"actions": actions, "key": key}, fillers=10)
    assert toast.id in visitor.session["_messages"]
    assert toast.options == {"actions": actions, "key": key}


# Stored data with bad actions (tampered, or from another toastkit version).
# The reader (toastkit.toast.stored_options) reads each option on its own: one
# it does not know, or whose value it refuses, is dropped with a warning
# naming it and saying why; the message and its other options are kept. Only
# data that is not a message at all makes the stored list unreadable
# (tests/test_toast_storage.py).


def undo_json(**changes: object) -> dict[str, object]:
    return {**UNDO.as_json(), **changes}


BAD_STORED_OPTIONS = [
    (
        {"actions": "Undo"},
        "Toast option 'actions' must be a list of toastkit.Action, not str.",
    ),
    ({"actions": [5]}, "An action must be an Action, not int."),
    (
        {"actions": [{"label": "Undo"}]},
        "Action url must be a string, not NoneType.",
    ),
    (
        {"actions": [undo_json(label=["Undo"])]},
        "Action label must be a string, not list.",
    ),
    ({"actions": [undo_json(label=" ")]}, "Action label must not be empty."),
    ({"actions": [undo_json()] * 4}, "A toast takes at most 3 actions."),
    (
        {"actions": [undo_json(method="delete")]},
        "Action method must be one of get, post, not 'delete': "
        "a <form> without JavaScript can send no other.",
    ),
    (
        {"actions": [undo_json(values=["task"])]},
        "Action values must be a mapping, not list.",
    ),
    (
        {"actions": [undo_json(values={"a": True})]},
        "Action value 'a' must be str or int, not bool.",
    ),
    (
        {"actions": [undo_json(values={"toastkit_id": "x"})]},
        "Action value name 'toastkit_id' is not allowed: names are non-empty "
        "strings other than csrfmiddlewaretoken, toastkit_id.",
    ),
    ({"key": ""}, "Toast option 'key' must be 1 to 100 characters."),
    ({"key": "k" * 101}, "Toast option 'key' must be 1 to 100 characters."),
    ({"key": 42}, "Toast option 'key' must be str, not int."),
    (
        {"actions": [undo_json(url="javascript:alert(1)")]},
        "Action url 'javascript:alert(1)' is not allowed: give a relative URL, "
        "such as reverse() returns, or an http(s) URL whose host is in "
        "ALLOWED_HOSTS ('*' does not count).",
    ),
    (
        {"actions": [undo_json(url="https://evil.example/")]},
        "Action url 'https://evil.example/' is not allowed: give a relative URL, "
        "such as reverse() returns, or an http(s) URL whose host is in "
        "ALLOWED_HOSTS ('*' does not count).",
    ),
    (
        {"actions": [undo_json(url="/o/?toastkit_id=x", method="get")]},
        "Action url '/o/?toastkit_id=x' has 'toastkit_id' in its query, which a "
        "get action's form sends as a field: names there are non-empty, not "
        "among the values, and other than csrfmiddlewaretoken, toastkit_id.",
    ),
]
BAD_STORED_IDS = [
    "actions-string",
    "action-int",
    "action-without-url",
    "label-not-text",
    "label-blank",
    "four-actions",
    "bad-method",
    "values-not-a-mapping",
    "value-bool",
    "reserved-value-name",
    "empty-key",
    "long-key",
    "int-key",
    "script-url",
    "foreign-url",
    "reserved-query-name",
]


def ignored(options: dict[str, object], reason: str) -> str:
    """The warning for the one bad option in ``options``."""
    (name,) = options
    return f"toastkit: ignoring the stored toast option {name!r} ({reason})"


@pytest.mark.parametrize(("options", "reason"), BAD_STORED_OPTIONS, ids=BAD_STORED_IDS)
def test_a_cookie_toast_with_bad_actions_or_key_is_kept_without_them_with_a_warning(
    visitor: Visitor,
    options: dict[str, object],
    reason: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    visitor.cookies["messages"] = cookie_of(["__tk", 0, 25, "x", None, "id", options])
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        (toast,) = toasts_of(ToastStorage(visitor.request()))
    assert (toast.message, toast.id, toast.options) == ("x", "id", {})
    assert caplog.messages == [ignored(options, reason)]


@pytest.mark.parametrize(("options", "reason"), BAD_STORED_OPTIONS, ids=BAD_STORED_IDS)
def test_a_session_toast_with_bad_actions_or_key_is_kept_without_them_with_a_warning(
    visitor: Visitor,
    options: dict[str, object],
    reason: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    store_and_read(visitor, {}, fillers=10)  # a cookie that points to the session
    visitor.session["_messages"] = json.dumps(
        [["__tk", 0, 25, "x", None, "id", options]]
    )
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        *from_cookie, toast = toasts_of(ToastStorage(visitor.request()))
    assert 0 < len(from_cookie) < 11
    assert (toast.message, toast.id, toast.options) == ("x", "id", {})
    assert caplog.messages == [ignored(options, reason)]


def test_one_bad_option_keeps_the_message_and_its_other_options(
    visitor: Visitor,
) -> None:
    visitor.cookies["messages"] = cookie_of(
        [
            "__tk",
            0,
            25,
            "Deleted",
            None,
            "abc",
            {"title": "Task", "actions": [{"label": "Undo"}], "key": "task-7"},
        ]
    )
    (toast,) = toasts_of(ToastStorage(visitor.request()))
    assert (toast.message, toast.id) == ("Deleted", "abc")
    assert toast.options == {"title": "Task", "key": "task-7"}


def test_the_other_messages_of_a_cookie_with_bad_actions_are_all_kept(
    visitor: Visitor,
) -> None:
    visitor.cookies["messages"] = cookie_of(
        ["__tk", 0, 20, "before", None, "a", {"actions": [UNDO.as_json()]}],
        ["__tk", 0, 25, "bad", None, "b", {"actions": [{"label": "Undo"}]}],
        ["__tk", 0, 30, "after", None, "c", {"key": "k"}],
    )
    toasts = toasts_of(ToastStorage(visitor.request()))
    assert [(t.message, t.id, t.options) for t in toasts] == [
        ("before", "a", {"actions": [UNDO]}),
        ("bad", "b", {}),
        ("after", "c", {"key": "k"}),
    ]


def test_an_unknown_option_beside_actions_is_dropped_with_a_warning_and_the_rest_kept(
    visitor: Visitor, caplog: pytest.LogCaptureFixture
) -> None:
    # From a newer toastkit during a deploy: the message and the options this
    # version knows are kept.
    visitor.cookies["messages"] = cookie_of(
        [
            "__tk",
            0,
            25,
            "Deleted",
            None,
            "abc",
            {"actions": [UNDO.as_json()], "key": "k", "icon": "trash"},
        ]
    )
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        (toast,) = toasts_of(ToastStorage(visitor.request()))
    assert (toast.message, toast.id) == ("Deleted", "abc")
    assert toast.options == {"actions": [UNDO], "key": "k"}
    assert caplog.messages == [
        "toastkit: ignoring the stored toast option 'icon' (Unknown toast option "
        "'icon'; expected one of ['actions', 'duration', 'key', 'sticky', 'title'].)"
    ]


def test_a_stored_action_with_an_unknown_field_still_works_with_a_warning(
    visitor: Visitor, caplog: pytest.LogCaptureFixture
) -> None:
    # From a newer toastkit during a deploy: the action is read without it.
    visitor.cookies["messages"] = cookie_of(
        ["__tk", 0, 25, "Deleted", None, "abc", {"actions": [undo_json(icon="undo")]}]
    )
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        (toast,) = toasts_of(ToastStorage(visitor.request()))
    assert toast.options == {"actions": [UNDO]}
    assert caplog.messages == ["toastkit: ignoring unknown action fields ['icon']."]


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "java\tscript:alert(1)", "//evil.example/"]
)
def test_a_stored_action_with_a_bad_url_is_never_rendered_and_its_message_is(
    visitor: Visitor, url: str
) -> None:
    # A cookie from 0.3.0, which took any url, or a forged one.
    visitor.cookies["messages"] = cookie_of(
        ["__tk", 0, 25, "Deleted", None, "abc", {"actions": [undo_json(url=url)]}]
    )
    request = visitor.request()
    ToastMiddleware(lambda request: HttpResponse()).process_request(request)
    html = render_page(request)
    toast = one_toast(html)
    assert "Deleted" in toast
    assert action_forms(toast) == []
    assert "evil.example" not in html
    assert "script:" not in html


def test_a_stored_action_to_a_host_no_longer_allowed_is_dropped(
    visitor: Visitor, caplog: pytest.LogCaptureFixture
) -> None:
    url = "https://tasks.example/tasks/7/restore/"
    with override_settings(ALLOWED_HOSTS=OWN_HOSTS):
        toast = Toast(
            constants.SUCCESS, "Deleted", options={"actions": [Action("Undo", url)]}
        )
        visitor.cookies["messages"] = cookie_of(json.loads(dumps_message(toast)))
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        (read_back,) = toasts_of(ToastStorage(visitor.request()))
    assert (read_back.message, read_back.options) == ("Deleted", {})
    assert caplog.messages == [
        "toastkit: ignoring the stored toast option 'actions' (Action url "
        "'https://tasks.example/tasks/7/restore/' is not allowed: give a relative "
        "URL, such as reverse() returns, or an http(s) URL whose host is in "
        "ALLOWED_HOSTS ('*' does not count).)"
    ]


def test_a_toast_with_bad_actions_is_stored_again_without_them_beside_this_requests(
    visitor: Visitor,
) -> None:
    visitor.cookies["messages"] = cookie_of(
        ["__tk", 0, 25, "bad", None, "b", {"actions": "Undo", "key": "k"}]
    )
    storage = ToastStorage(visitor.request())
    storage.add(constants.SUCCESS, "Deleted", options={"actions": [UNDO]})
    response = HttpResponse()
    storage.update(response)
    visitor.keep(response)
    toasts = toasts_of(ToastStorage(visitor.request()))
    assert [(t.message, t.options) for t in toasts] == [
        ("bad", {"key": "k"}),
        ("Deleted", {"actions": [UNDO]}),
    ]


# The payload: what HX-Trigger and the page's toasts are made from


def test_each_action_is_shipped_as_label_url_method_and_values() -> None:
    toast = Toast(
        constants.SUCCESS, "Deleted", options={"actions": [UNDO], "key": "task-7"}
    )
    payload = message_payload(toast)
    assert payload["actions"] == [
        {
            "label": "Undo",
            "url": "/tasks/7/restore/",
            "method": "post",
            "values": {"task": "7"},
        }
    ]
    assert payload["key"] == "task-7"


def test_a_message_without_actions_or_key_ships_neither() -> None:
    payload = message_payload(Toast(constants.INFO, "Saved"))
    assert "actions" not in payload
    assert "key" not in payload


def test_each_post_action_carries_the_csrf_token() -> None:
    open_ = Action("Open", "/o/", method="get", values={"page": 2})
    toast = Toast(constants.INFO, "x", options={"actions": [UNDO, open_, UNDO]})
    tokens = iter(["one", "two"])
    first, get, last = message_payload(toast, lambda url: next(tokens))["actions"]
    assert first["values"] == {"task": "7", CSRF_FIELD: "one"}
    assert get["values"] == {"page": "2"}
    assert last["values"] == {"task": "7", CSRF_FIELD: "two"}


def never_asked(url: str) -> str:
    raise AssertionError("the CSRF token was asked for")


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"key": "k"},
        {"actions": []},
        {"actions": [Action("Open", "/o/", method="get")]},
    ],
    ids=["no-options", "key-only", "no-actions", "get-action"],
)
def test_the_csrf_token_is_asked_for_only_for_a_post_action(
    options: ToastOptions,
) -> None:
    payload = message_payload(Toast(constants.INFO, "x", options=options), never_asked)
    for action in payload.get("actions", []):
        assert CSRF_FIELD not in action["values"]


def test_without_a_token_a_post_action_ships_its_own_values_only() -> None:
    toast = Toast(constants.INFO, "x", options={"actions": [UNDO]})
    (action,) = message_payload(toast)["actions"]
    assert action["values"] == {"task": "7"}


def test_the_token_never_reaches_the_stored_action() -> None:
    toast = Toast(constants.INFO, "x", options={"actions": [UNDO]})
    message_payload(toast, lambda url: "token")
    assert toast.options["actions"][0].values == {"task": "7"}
    assert CSRF_FIELD not in dumps_message(toast)


@settings(max_examples=50, deadline=None)
@given(actions=ACTIONS, key=KEYS)
def test_any_actions_and_key_reach_the_hx_trigger_json_unchanged(
    actions: list[Action], key: str
) -> None:
    def view(request: HttpRequest) -> HttpResponse:
        toastkit.success(request, "Deleted", actions=actions, key=key)
        return HttpResponse()

    request = messages_request(headers=HTMX)
    with override_settings(TOASTKIT_HEADER_BUDGET=1_000_000):
        response = respond(view, request)
    assert response["HX-Trigger"].isascii()
    (message,) = shipped(response)
    assert message["key"] == key
    received = message["actions"]
    tokens = [a["values"].pop(CSRF_FIELD, None) for a in received]
    assert received == [action.as_json() for action in actions]
    # A token for each post action, and only there.
    assert [token is not None for token in tokens] == [
        action.method == "post" for action in actions
    ]


def test_build_trigger_asks_for_the_token_only_for_messages_it_ships() -> None:
    shipped_toast = Toast(constants.INFO, "x", options={"actions": [UNDO]})
    delivery = build_trigger(
        None, [shipped_toast], 100_000, csrf_token=lambda url: "tok"
    )
    assert delivery.header is not None
    (message,) = json.loads(delivery.header)["toastkit:messages"]["messages"]
    assert message["actions"][0]["values"][CSRF_FIELD] == "tok"


# The CSRF token goes only to the origin of the request that delivers the
# toast: relative URLs, or an own host's URL with the request's scheme, host
# and port (issue 18).

#: A request to https://tasks.example/, whose origin is https://tasks.example:443.
TASKS_HOST = "tasks.example"


def tokens_of(*actions: Action, host: str) -> list[bool]:
    """Whether each action's payload carries the token, for a request to ``host``."""
    request = RequestFactory().get("/", secure=True, headers={"host": host})
    toast = Toast(constants.INFO, "x", options={"actions": list(actions)})
    payload = message_payload(toast, partial(csrf_token_for, request))
    return [CSRF_FIELD in action["values"] for action in payload["actions"]]


@pytest.mark.parametrize(
    "url",
    [
        "https://tasks.example/u/",
        "https://tasks.example:443/u/",
        "https://TASKS.example/u/",
    ],
)
@override_settings(ALLOWED_HOSTS=OWN_HOSTS)
def test_a_post_action_to_the_requests_own_origin_carries_the_token(
    url: str,
) -> None:
    assert tokens_of(Action("Undo", url), host=TASKS_HOST) == [True]


@pytest.mark.parametrize(
    "url",
    [
        "https://www.example.org/u/",
        "http://tasks.example/u/",
        "https://tasks.example:8443/u/",
        "https://tasks.example:0/u/",  # a port of its own to a browser
    ],
    ids=["other-own-host", "other-scheme", "other-port", "port-0"],
)
@override_settings(ALLOWED_HOSTS=OWN_HOSTS)
def test_a_post_action_to_another_origin_carries_no_token(url: str) -> None:
    assert tokens_of(Action("Undo", url), host=TASKS_HOST) == [False]


@override_settings(ALLOWED_HOSTS=OWN_HOSTS)
def test_without_the_requests_origin_only_relative_post_actions_carry_the_token() -> (
    None
):
    actions = (Action("Undo", "/u/"), Action("Undo", "https://tasks.example/u/"))
    # A Host header not in ALLOWED_HOSTS: the request has no origin.
    assert tokens_of(*actions, host="elsewhere.test") == [True, False]


@override_settings(ALLOWED_HOSTS=[*OWN_HOSTS, "testserver"])
def test_the_pages_form_to_another_own_host_has_no_token() -> None:
    html, _ = page_with(
        Action("Undo", "https://www.example.org/u/"),
        Action("Redo", "http://testserver/r/"),
    )
    other, own = action_forms(one_toast(html))
    assert CSRF_FIELD not in dict(other.fields())
    assert CSRF_FIELD in dict(own.fields())  # RequestFactory: http://testserver


@override_settings(ALLOWED_HOSTS=[*OWN_HOSTS, "testserver"])
def test_an_htmx_response_carries_no_token_for_another_own_host() -> None:
    def view(request: HttpRequest) -> HttpResponse:
        toastkit.success(
            request,
            "Deleted",
            actions=[
                Action("Undo", "https://www.example.org/u/"),
                Action("Redo", "/r/"),
            ],
        )
        return HttpResponse()

    (message,) = shipped(respond(view, messages_request(headers=HTMX)))
    other, relative = message["actions"]
    assert CSRF_FIELD not in other["values"]
    assert CSRF_FIELD in relative["values"]


def test_a_request_with_a_host_django_refuses_has_no_origin() -> None:
    request = messages_request(headers={"host": "evil.example"})
    with override_settings(ALLOWED_HOSTS=["tasks.example"]):
        assert request_origin(request) is None


@pytest.mark.parametrize(
    ("secure", "host", "origin"),
    [
        (False, "testserver", "http://testserver:80"),
        (True, "testserver", "https://testserver:443"),
        (True, "Tasks.Example:8443", "https://tasks.example:8443"),
    ],
)
def test_the_requests_origin_has_its_scheme_host_and_port(
    secure: bool, host: str, origin: str
) -> None:
    request = RequestFactory().get("/", secure=secure, headers={"host": host})
    with override_settings(ALLOWED_HOSTS=["testserver", "tasks.example"]):
        assert request_origin(request) == origin


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("https://Tasks.Example/x", "https://tasks.example:443"),
        ("http://tasks.example:8000/x", "http://tasks.example:8000"),
        ("/x", None),
        ("//tasks.example/x", None),
        ("http://[::1/x", None),
    ],
    ids=["default-port", "port", "relative", "no-scheme", "unreadable"],
)
def test_a_urls_origin_is_its_scheme_host_and_port(
    url: str, origin: str | None
) -> None:
    assert origin_of(url) == origin


def test_an_unreadable_url_is_never_same_origin() -> None:
    assert not is_same_origin("http://[::1/x", "http://[::1]:80")


# A get action's query: a <form method="get"> replaces its action's query
# with its fields, so the URL's own parameters go in the form as fields
# (issue 18).

ECHO = Action("Open", "/echo/?page=2", method="get", values={"task": 7})


def test_a_get_actions_query_is_parsed_into_pairs() -> None:
    action = Action("Open", "/o/?tag=a&tag=b&empty=&flag&q=a+b%26c#top", method="get")
    assert action.query == [
        ("tag", "a"),
        ("tag", "b"),
        ("empty", ""),
        ("flag", ""),
        ("q", "a b&c"),
    ]


def test_a_post_action_has_no_query_pairs() -> None:
    assert Action("Undo", "/u/?next=/x/").query == []


def test_a_get_action_ships_its_url_whole_and_its_query_as_pairs() -> None:
    toast = Toast(constants.INFO, "x", options={"actions": [ECHO]})
    (action,) = message_payload(toast, never_asked)["actions"]
    assert action == {
        "label": "Open",
        "url": "/echo/?page=2",
        "method": "get",
        "values": {"task": "7"},
        "query": [["page", "2"]],
    }


@pytest.mark.parametrize(
    "action",
    [Action("Open", "/o/", method="get"), Action("Undo", "/u/?page=2")],
    ids=["get-without-query", "post-with-query"],
)
def test_an_action_without_get_query_pairs_ships_no_query(action: Action) -> None:
    toast = Toast(constants.INFO, "x", options={"actions": [action]})
    (shipped_action,) = message_payload(toast)["actions"]
    assert "query" not in shipped_action


def test_a_get_actions_form_sends_its_query_then_its_values_then_the_toast_id() -> None:
    html, _ = page_with(ECHO)
    (form,) = action_forms(one_toast(html))
    assert (form.attrs["method"], form.attrs["action"]) == ("get", "/echo/")
    assert [name for name, _ in form.fields()] == ["page", "task", TOAST_ID_FIELD]
    assert dict(form.fields())["page"] == "2"


def test_a_get_actions_form_keeps_the_urls_fragment() -> None:
    html, _ = page_with(Action("Open", "/o/?page=2#top", method="get"))
    (form,) = action_forms(one_toast(html))
    assert form.attrs["action"] == "/o/#top"
    assert form.fields()[0] == ("page", "2")


def test_a_post_actions_form_keeps_its_query_in_the_url() -> None:
    html, _ = page_with(Action("Undo", "/u/?page=2", values={"page": 3}))
    (form,) = action_forms(one_toast(html))
    assert form.attrs["action"] == "/u/?page=2"
    assert [name for name, _ in form.fields()] == ["page", CSRF_FIELD, TOAST_ID_FIELD]
    assert dict(form.fields())["page"] == "3"


def query_refusal(url: str, name: str) -> str:
    return (
        "^"
        + re.escape(
            f"Action url {url!r} has {name!r} in its query, which a get action's "
            "form sends as a field: names there are non-empty, not among the "
            "values, and other than csrfmiddlewaretoken, toastkit_id."
        )
        + "$"
    )


def test_a_get_actions_value_named_like_a_query_parameter_is_a_value_error() -> None:
    with pytest.raises(ValueError, match=query_refusal("/o/?page=2", "page")):
        Action("Open", "/o/?page=2", method="get", values={"page": 3})


@pytest.mark.parametrize("name", [TOAST_ID_FIELD, CSRF_FIELD, ""])
def test_a_reserved_or_empty_name_in_a_get_actions_query_is_a_value_error(
    name: str,
) -> None:
    url = f"/o/?{name}=x"
    with pytest.raises(ValueError, match=query_refusal(url, name)):
        Action("Open", url, method="get")


def test_a_post_actions_query_may_name_what_a_get_action_may_not() -> None:
    action = Action("Undo", "/u/?toastkit_id=x&page=2", values={"page": 3})
    assert action.url == "/u/?toastkit_id=x&page=2"


# Through the test client, with Django's CSRF middleware and a view that
# checks the token (tests/action_views.py).


@pytest.fixture
def csrf_client() -> Iterator[Client]:
    """A browser-like client on a site with CSRF protection switched on."""
    with override_settings(
        ROOT_URLCONF=URLCONF,
        MIDDLEWARE=with_csrf_middleware(list(django_settings.MIDDLEWARE)),
    ):
        yield Client(enforce_csrf_checks=True)


def undo_fields(message: dict[str, Any]) -> dict[str, str]:
    """What the client posts for a message's first action: values and the id."""
    action = message["actions"][0]
    return {**action["values"], TOAST_ID_FIELD: message["id"]}


def test_an_htmx_response_ships_the_actions_and_key(csrf_client: Client) -> None:
    (message,) = shipped(csrf_client.get("/actions/delete/", headers=HTMX))
    (action,) = message["actions"]
    assert set(action) == {"label", "url", "method", "values"}
    assert (action["label"], action["url"], action["method"]) == (
        "Undo",
        RESTORE_URL,
        "post",
    )
    assert set(action["values"]) == {"task", CSRF_FIELD}
    assert action["values"]["task"] == "7"
    assert message["key"] == "task-7"


@pytest.mark.parametrize("use_sessions", [False, True], ids=["cookie", "session"])
def test_a_post_actions_token_passes_djangos_csrf_check(
    csrf_client: Client, use_sessions: bool
) -> None:
    with override_settings(CSRF_USE_SESSIONS=use_sessions):
        (message,) = shipped(csrf_client.get("/actions/delete/", headers=HTMX))
        response = csrf_client.post(RESTORE_URL, undo_fields(message), headers=HTMX)
    assert response.status_code == 200
    assert response.json() == {"task": "7", TOAST_ID_FIELD: message["id"]}
    # The Undo's own messages come back in its response.
    assert texts(response) == ["Restored “Buy milk”."]


def test_the_action_view_refuses_a_post_without_the_token(
    csrf_client: Client,
) -> None:
    # The check above is real: without the token Django answers 403.
    (message,) = shipped(csrf_client.get("/actions/delete/", headers=HTMX))
    fields = undo_fields(message)
    del fields[CSRF_FIELD]
    assert csrf_client.post(RESTORE_URL, fields, headers=HTMX).status_code == 403


def test_a_post_action_sets_the_csrf_cookie_its_token_needs(
    csrf_client: Client,
) -> None:
    response = csrf_client.get("/actions/delete/", headers=HTMX)
    assert "csrftoken" in response.cookies


def test_a_get_action_carries_no_token(csrf_client: Client) -> None:
    response = csrf_client.get("/actions/delete/", {"method": "get"}, headers=HTMX)
    (message,) = shipped(response)
    assert message["actions"][0]["values"] == {"task": "7"}


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/actions/delete/", {"method": "get"}),
        ("/actions/delete/", {"actions": "0"}),
        ("/add/", {"text": "Saved"}),
    ],
    ids=["get-action", "no-actions", "plain-message"],
)
def test_a_message_without_post_actions_leaves_the_csrf_cookie_alone(
    csrf_client: Client, path: str, query: dict[str, str]
) -> None:
    response = csrf_client.get(path, query, headers=HTMX)
    assert len(shipped(response)) == 1
    assert "csrftoken" not in response.cookies


def test_without_javascript_the_pages_form_posts_with_a_token_django_accepts(
    csrf_client: Client,
) -> None:
    csrf_client.get("/actions/delete/")  # not htmx: stored for the next page
    page = csrf_client.get("/page/").content.decode()
    toast = one_toast(page)
    (form,) = action_forms(toast)
    toast_id = only(read(toast), "dialog", "data-toastkit-toast").attrs["data-id"]
    assert (form.attrs["method"], form.attrs["action"]) == ("post", RESTORE_URL)
    fields = {name or "": value or "" for name, value in form.fields()}
    response = csrf_client.post(form.attrs["action"] or "", fields)
    assert response.status_code == 200
    assert response.json() == {"task": "7", TOAST_ID_FIELD: toast_id}


#: Query parameters as a URL may hold them: names the form may send.
QUERY = st.lists(
    st.tuples(
        st.text(st.characters(codec="utf-8"), min_size=1, max_size=8),
        st.text(st.characters(codec="utf-8"), max_size=8),
    ).filter(lambda pair: pair[0] not in RESERVED_FIELDS),
    max_size=4,
)


def submitted(form: Element) -> str:
    """The URL a browser goes to when it submits the get ``form``: its
    action's query replaced by its fields (its fragment does not reach a view)."""
    action = (form.attrs["action"] or "").partition("#")[0].partition("?")[0]
    fields = [(name or "", value or "") for name, value in form.fields()]
    return f"{action}?{urlencode(fields)}"


@settings(max_examples=50, deadline=None)
@given(query=QUERY)
@override_settings(ROOT_URLCONF=URLCONF)
def test_any_query_of_a_get_action_reaches_its_view_without_javascript(
    query: list[tuple[str, str]],
) -> None:
    action = Action("Open", f"{ECHO_URL}?{urlencode(query)}", method="get")
    html, _ = page_with(action)
    toast = one_toast(html)
    toast_id = only(read(toast), "dialog", "data-toastkit-toast").attrs["data-id"]
    (form,) = action_forms(toast)
    response = Client().get(submitted(form))
    assert response.status_code == 200
    assert [tuple(pair) for pair in response.json()["query"]] == [
        *query,
        (TOAST_ID_FIELD, toast_id),
    ]


# The full page: {% toasts %}


def test_an_action_is_a_post_form_with_its_values_the_toast_id_and_the_token() -> None:
    html, request = page_with(UNDO)
    toast = one_toast(html)
    toast_id = only(read(toast), "dialog", "data-toastkit-toast").attrs["data-id"]
    (form,) = action_forms(toast)
    assert form.attrs["method"] == "post"
    assert form.attrs["action"] == "/tasks/7/restore/"
    fields = form.fields()
    assert [name for name, _ in fields] == ["task", CSRF_FIELD, TOAST_ID_FIELD]
    assert dict(fields)["task"] == "7"
    assert dict(fields)[TOAST_ID_FIELD] == toast_id
    assert len(dict(fields)[CSRF_FIELD] or "") == 64
    assert request.META.get("CSRF_COOKIE_NEEDS_UPDATE") is True  # get_token's


def test_an_actions_button_shows_its_label() -> None:
    html, _ = page_with(Action("Undo", "/u/"))
    (form,) = action_forms(one_toast(html))
    (button,) = [e for e in form.children if e.tag == "button"]
    assert button.text == "Undo"
    assert "data-toastkit-label" in button.attrs


def test_a_get_action_is_a_get_form_without_a_token() -> None:
    html, request = page_with(Action("Open", "/o/", method="get", values={"page": 2}))
    (form,) = action_forms(one_toast(html))
    assert form.attrs["method"] == "get"
    assert [name for name, _ in form.fields()] == ["page", TOAST_ID_FIELD]
    assert "CSRF_COOKIE" not in request.META


def test_a_page_without_post_actions_does_not_ask_for_a_token() -> None:
    request = messages_request()
    toastkit.success(request, "Saved", key="k")
    render_page(request)
    assert "CSRF_COOKIE" not in request.META


def test_each_action_is_its_own_form_in_order() -> None:
    html, _ = page_with(
        Action("Undo", "/u/"),
        Action("Open", "/o/", method="get"),
        Action("Copy", "/c/"),
    )
    forms = action_forms(one_toast(html))
    assert [(f.attrs["method"], f.attrs["action"]) for f in forms] == [
        ("post", "/u/"),
        ("get", "/o/"),
        ("post", "/c/"),
    ]


def test_a_toast_without_actions_has_no_action_form() -> None:
    html, _ = page_with()
    assert action_forms(one_toast(html)) == []


def test_markup_in_a_label_and_values_is_escaped() -> None:
    markup = "<script>alert(1)</script>"
    html, _ = page_with(
        Action(markup, f'/u/?next="{markup}', values={"note": f'"><b>{markup}'})
    )
    toast = one_toast(html)
    assert markup not in toast
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in toast
    (form,) = action_forms(toast)
    assert [e.tag for e in form.children] == ["input", "input", "input", "button"]
    assert form.attrs["action"] == f'/u/?next="{markup}'
    assert dict(form.fields())["note"] == f'"><b>{markup}'


@settings(max_examples=50, deadline=None)
@given(label=TEXT, url=URLS, values=VALUES, key=st.text(min_size=1, max_size=30))
def test_any_label_url_values_and_key_render_as_text_never_as_markup(
    label: str, url: str, values: dict[str, str | int], key: str
) -> None:
    action = Action(label, url, method="get", values=values)
    html, _ = page_with(action, key=key)
    toast = one_toast(html)
    elements = read(toast)
    assert [e.tag for e in elements].count("form") == 2  # the action, Dismiss
    (form,) = action_forms(toast)
    assert [e.tag for e in form.children] == ["input"] * (len(values) + 1) + ["button"]
    assert form.children[-1].text == action.label
    assert form.attrs["action"] == action.url
    assert form.fields()[:-1] == list(action.values.items())
    assert only(elements, "dialog", "data-toastkit-toast").attrs["data-key"] == key


@pytest.mark.parametrize("name", ["items", "keys", "values", "fields", "label", "url"])
def test_a_value_named_like_a_dict_method_or_action_field_renders(name: str) -> None:
    # {% for name, value in values.items %} would find a value named "items"
    # before dict.items, and fail the whole page.
    html, _ = page_with(Action("Undo", "/u/", values={name: "5"}))
    (form,) = action_forms(one_toast(html))
    assert dict(form.fields())[name] == "5"
    assert form.attrs["action"] == "/u/"


def test_a_key_is_rendered_on_the_toast() -> None:
    html, _ = page_with(key="export-42")
    toast = only(read(one_toast(html)), "dialog", "data-toastkit-toast")
    assert toast.attrs["data-key"] == "export-42"


def test_a_toast_without_a_key_has_no_data_key() -> None:
    html, _ = page_with()
    toast = only(read(one_toast(html)), "dialog", "data-toastkit-toast")
    assert "data-key" not in toast.attrs


def test_markup_in_a_key_is_escaped() -> None:
    html, _ = page_with(key='"><script>alert(1)</script>')
    assert 'data-key="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html


def region(html: str) -> Element:
    return only(read(html), "section", "data-toastkit")


def test_the_region_has_the_countdown_by_default() -> None:
    html, _ = page_with()
    assert "data-countdown" in region(html).attrs


@override_settings(TOASTKIT_COUNTDOWN=False)
def test_the_region_has_no_countdown_with_toastkit_countdown_false() -> None:
    html, _ = page_with()
    assert "data-countdown" not in region(html).attrs


def test_the_countdown_setting_is_read_on_every_page() -> None:
    # The region is rendered once and kept: the setting is part of its key.
    with override_settings(TOASTKIT_COUNTDOWN=False):
        assert "data-countdown" not in region(page_with()[0]).attrs
    assert "data-countdown" in region(page_with()[0]).attrs


def test_the_region_names_the_alt_t_shortcut() -> None:
    html, _ = page_with()
    attrs = region(html).attrs
    assert attrs["aria-keyshortcuts"] == "Alt+T"
    (description,) = [
        e for e in read(html) if e.attrs.get("id") == attrs["aria-describedby"]
    ]
    assert "hidden" in description.attrs


def test_the_action_blueprint_is_an_empty_action_form() -> None:
    html, _ = page_with()
    blueprint = html.split("<template data-toastkit-action-blueprint>", 1)[1]
    blueprint = blueprint.split("</template>", 1)[0]
    (form,) = action_forms(blueprint)
    assert form.attrs["method"] == "post"
    assert form.fields() == []
    (button,) = [e for e in form.children if e.tag == "button"]
    assert "data-toastkit-label" in button.attrs
    assert button.text == ""


def test_the_toast_blueprint_has_a_place_for_actions() -> None:
    html, _ = page_with()
    blueprint = html.split("<template data-toastkit-blueprint>", 1)[1]
    blueprint = blueprint.split("</template>", 1)[0]
    assert any("data-toastkit-actions" in e.attrs for e in read(blueprint))
    assert action_forms(blueprint) == []


# {% toasts_timing %}


def render_timing() -> str:
    return engines["django"].from_string(TIMING).render({})


def timing_choices(html: str) -> list[tuple[str | None, str | None, bool]]:
    return [
        (e.attrs.get("name"), e.attrs.get("value"), "checked" in e.attrs)
        for e in read(html)
        if e.tag == "input"
    ]


def test_the_timing_control_is_a_hidden_fieldset() -> None:
    fieldset = only(read(render_timing()), "fieldset", "data-toastkit-timing")
    assert "hidden" in fieldset.attrs


def test_the_timing_control_offers_normal_longer_and_off() -> None:
    assert timing_choices(render_timing()) == [
        ("toastkit-timing", "normal", True),
        ("toastkit-timing", "longer", False),
        ("toastkit-timing", "off", False),
    ]


def timing_texts(html: str) -> list[str]:
    return [e.text.strip() for e in read(html) if e.tag in ("legend", "label")]


def test_the_timing_control_says_what_each_choice_does() -> None:
    assert timing_texts(render_timing()) == [
        "Notifications close",
        "After a few seconds",
        "After ten times as long",
        "Only when I close them",
    ]


def test_the_timing_control_is_translated() -> None:
    with translation.override("de"):
        html = render_timing()
    assert timing_texts(html) == [
        "Benachrichtigungen schließen sich",
        "Nach einigen Sekunden",
        "Nach zehnmal so langer Zeit",
        "Erst wenn ich sie schließe",
    ]


def test_the_timing_control_is_not_part_of_the_toasts_region() -> None:
    html, _ = page_with()
    assert "data-toastkit-timing" not in html
