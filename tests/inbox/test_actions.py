"""``notify(..., actions=[...], key=...)``: stored as JSON, delivered with a token.

The CSRF token in a delivered post action is the delivering request's, and
Django's CSRF check accepts it; stored actions this version cannot read are
dropped with a warning, never the message nor its other options.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.test import Client, override_settings
from django.utils import translation
from django.utils.translation import gettext_lazy

from tests.action_views import RESTORE_URL, URLCONF, with_csrf_middleware
from tests.conftest import HTMX, shipped, texts
from tests.helpers import action_forms, only, read, toasts_in
from tests.inbox.conftest import page_texts, pending
from toastkit import Action, inbox
from toastkit.actions import CSRF_FIELD, TOAST_ID_FIELD
from toastkit.inbox.models import InboxMessage

pytestmark = pytest.mark.django_db

UNDO = Action("Undo", RESTORE_URL, values={"task": 7})
UNDO_JSON = {
    "label": "Undo",
    "url": RESTORE_URL,
    "method": "post",
    "values": {"task": "7"},
}


@pytest.fixture
def csrf_site() -> Iterator[None]:
    """A site with Django's CSRF middleware and the Undo view."""
    with override_settings(
        ROOT_URLCONF=URLCONF,
        MIDDLEWARE=with_csrf_middleware(list(django_settings.MIDDLEWARE)),
    ):
        yield


@pytest.fixture
def browser(csrf_site: None, user: User) -> Client:
    """Alice's browser, on a site that checks CSRF tokens."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


# notify()


def test_notify_stores_actions_and_key_as_json(user: User) -> None:
    (row,) = inbox.success(user, "Deleted “Buy milk”.", actions=[UNDO], key="task-7")
    stored = InboxMessage.objects.get()
    assert stored.options == {"actions": [UNDO_JSON], "key": "task-7"}
    assert row.options == stored.options


def test_notify_stores_lazy_labels_as_text_in_the_language_of_the_call(
    user: User,
) -> None:
    with translation.override("de"):
        inbox.info(user, "Erledigt", actions=[Action(gettext_lazy("Dismiss"), "/d/")])
    (action,) = InboxMessage.objects.get().options["actions"]
    assert action["label"] == "Schließen"


def test_each_user_gets_the_same_actions_and_key(user: User, other_user: User) -> None:
    rows = inbox.info([user, other_user], "Maintenance", actions=[UNDO], key="m")
    assert [r.options for r in rows] == [{"actions": [UNDO_JSON], "key": "m"}] * 2


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
        ({"key": ""}, ValueError, "Toast option 'key' must be 1 to 100 characters."),
        (
            {"key": "k" * 101},
            ValueError,
            "Toast option 'key' must be 1 to 100 characters.",
        ),
        ({"key": 42}, TypeError, "Toast option 'key' must be str, not int."),
    ],
    ids=["four-actions", "one-action", "string", "empty-key", "long-key", "int-key"],
)
def test_notify_refuses_wrong_actions_or_key_and_stores_nothing(
    user: User, options: dict[str, Any], error: type[Exception], text: str
) -> None:
    with pytest.raises(error, match=f"^{re.escape(text)}$"):
        inbox.notify(user, "Deleted", **options)
    assert not InboxMessage.objects.exists()


# Delivery


def test_an_htmx_response_ships_the_actions_and_key(
    browser: Client, user: User
) -> None:
    (row,) = inbox.success(user, "Deleted", actions=[UNDO], key="task-7")
    (message,) = shipped(browser.get("/page/", headers=HTMX))
    assert message["id"] == row.toast_id
    assert message["key"] == "task-7"
    (action,) = message["actions"]
    assert set(action) == {"label", "url", "method", "values"}
    assert set(action["values"]) == {"task", CSRF_FIELD}
    assert {**action, "values": {"task": action["values"]["task"]}} == UNDO_JSON
    assert pending(user) == []


@pytest.mark.parametrize("use_sessions", [False, True], ids=["cookie", "session"])
def test_the_token_is_the_delivering_requests_and_django_accepts_it(
    browser: Client, user: User, use_sessions: bool
) -> None:
    inbox.success(user, "Deleted “Buy milk”.", actions=[UNDO])
    with override_settings(CSRF_USE_SESSIONS=use_sessions):
        delivering = browser.get("/page/", headers=HTMX)
        (message,) = shipped(delivering)
        if not use_sessions:
            # The token's cookie is set by the response that delivered it.
            assert "csrftoken" in delivering.cookies
        fields = {**message["actions"][0]["values"], TOAST_ID_FIELD: message["id"]}
        response = browser.post(RESTORE_URL, fields, headers=HTMX)
    assert response.status_code == 200
    assert response.json() == {"task": "7", TOAST_ID_FIELD: message["id"]}
    assert texts(response) == ["Restored “Buy milk”."]


def test_without_the_token_the_action_is_refused(browser: Client, user: User) -> None:
    inbox.success(user, "Deleted", actions=[UNDO])
    (message,) = shipped(browser.get("/page/", headers=HTMX))
    fields = {"task": "7", TOAST_ID_FIELD: message["id"]}
    assert browser.post(RESTORE_URL, fields).status_code == 403


def test_a_get_action_carries_no_token_and_sets_no_cookie(
    browser: Client, user: User
) -> None:
    inbox.info(user, "Export ready.", actions=[Action("Open", "/e/", method="get")])
    response = browser.get("/page/", headers=HTMX)
    (message,) = shipped(response)
    assert message["actions"][0]["values"] == {}
    assert "csrftoken" not in response.cookies


def test_a_full_page_renders_the_actions_form_and_it_works_without_javascript(
    browser: Client, user: User
) -> None:
    (row,) = inbox.success(user, "Deleted", actions=[UNDO], key="task-7")
    (toast,) = toasts_in(browser.get("/page/").content.decode())
    dialog = only(read(toast), "dialog", "data-toastkit-toast")
    assert (dialog.attrs["data-id"], dialog.attrs["data-key"]) == (
        row.toast_id,
        "task-7",
    )
    (form,) = action_forms(toast)
    fields = {name or "": value or "" for name, value in form.fields()}
    assert set(fields) == {"task", CSRF_FIELD, TOAST_ID_FIELD}
    response = browser.post(form.attrs["action"] or "", fields)
    assert response.status_code == 200
    assert response.json() == {"task": "7", TOAST_ID_FIELD: row.toast_id}


# Stored actions this version cannot read (tampered, or a rolling deploy):
# toastkit/inbox/delivery.py's to_toast reads the options one by one
# (toastkit.toast.stored_options): a bad one is dropped with a warning naming
# it and saying why; the message and its other options are kept.

BAD_STORED_ACTIONS = [
    ("Undo", "Toast option 'actions' must be a list of toastkit.Action, not str."),
    ([5], "An action must be an Action, not int."),
    ([{"label": "Undo"}], "Action url must be a string, not NoneType."),
    ([UNDO_JSON] * 4, "A toast takes at most 3 actions."),
    (
        [{**UNDO_JSON, "method": "delete"}],
        "Action method must be one of get, post, not 'delete': "
        "a <form> without JavaScript can send no other.",
    ),
    (
        [{**UNDO_JSON, "values": {CSRF_FIELD: "forged"}}],
        "Action value name 'csrfmiddlewaretoken' is not allowed: names are "
        "non-empty strings other than csrfmiddlewaretoken, toastkit_id.",
    ),
    (
        [{**UNDO_JSON, "values": {"undo": True}}],
        "Action value 'undo' must be str or int, not bool.",
    ),
    (
        [{**UNDO_JSON, "url": "JavaScript:alert(1)"}],
        "Action url 'JavaScript:alert(1)' is not allowed: give a relative URL, "
        "such as reverse() returns, or an http(s) URL whose host is in "
        "ALLOWED_HOSTS ('*' does not count).",
    ),
    (
        [{**UNDO_JSON, "url": "//evil.example/restore/"}],
        "Action url '//evil.example/restore/' is not allowed: give a relative "
        "URL, such as reverse() returns, or an http(s) URL whose host is in "
        "ALLOWED_HOSTS ('*' does not count).",
    ),
]
BAD_STORED_IDS = [
    "string",
    "int",
    "no-url",
    "four",
    "bad-method",
    "forged-token",
    "bool-value",
    "script-url",
    "foreign-url",
]


@pytest.mark.parametrize(("actions", "reason"), BAD_STORED_ACTIONS, ids=BAD_STORED_IDS)
def test_a_message_with_bad_stored_actions_is_delivered_without_them_with_a_warning(
    alice: Client,
    user: User,
    actions: object,
    reason: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    (row,) = inbox.info(user, "Old row", actions=[UNDO])
    InboxMessage.objects.filter(pk=row.pk).update(options={"actions": actions})
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        (message,) = shipped(alice.get("/page/", headers=HTMX))
    assert (message["id"], message["message"]) == (row.toast_id, "Old row")
    assert "actions" not in message
    assert caplog.messages == [
        f"toastkit: ignoring the stored toast option 'actions' ({reason})"
    ]
    assert pending(user) == []


def test_bad_stored_actions_keep_the_messages_key_and_title(
    alice: Client, user: User
) -> None:
    (row,) = inbox.info(user, "Old row", actions=[UNDO], key="k", title="Tasks")
    InboxMessage.objects.filter(pk=row.pk).update(
        options={"actions": [{"label": "Undo"}], "key": "k", "title": "Tasks"}
    )
    (message,) = shipped(alice.get("/page/", headers=HTMX))
    assert (message["key"], message["title"]) == ("k", "Tasks")
    assert "actions" not in message


def test_bad_stored_actions_still_render_the_message_on_a_full_page(
    alice: Client, user: User
) -> None:
    (row,) = inbox.info(user, "Old row", actions=[UNDO])
    InboxMessage.objects.filter(pk=row.pk).update(
        options={"actions": [{"label": "Undo"}]}
    )
    (toast,) = toasts_in(alice.get("/page/").content.decode())
    assert page_texts(toast) == ["Old row"]
    assert action_forms(toast) == []


def test_a_bad_stored_key_is_dropped_with_a_warning_and_the_actions_kept(
    alice: Client, user: User, caplog: pytest.LogCaptureFixture
) -> None:
    (row,) = inbox.info(user, "Old row", actions=[UNDO], key="k")
    InboxMessage.objects.filter(pk=row.pk).update(
        options={"actions": [UNDO_JSON], "key": "k" * 101}
    )
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        (message,) = shipped(alice.get("/page/", headers=HTMX))
    assert message["message"] == "Old row"
    assert "key" not in message
    assert [a["label"] for a in message["actions"]] == ["Undo"]
    assert caplog.messages == [
        "toastkit: ignoring the stored toast option 'key' "
        "(Toast option 'key' must be 1 to 100 characters.)"
    ]


def test_a_stored_action_with_an_unknown_field_still_works_with_a_warning(
    browser: Client, user: User, caplog: pytest.LogCaptureFixture
) -> None:
    # From a newer toastkit during a deploy: the action is read without it.
    (row,) = inbox.success(user, "Deleted “Buy milk”.", actions=[UNDO])
    InboxMessage.objects.filter(pk=row.pk).update(
        options={"actions": [{**UNDO_JSON, "icon": "undo"}]}
    )
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        (message,) = shipped(browser.get("/page/", headers=HTMX))
    assert caplog.messages == ["toastkit: ignoring unknown action fields ['icon']."]
    fields = {**message["actions"][0]["values"], TOAST_ID_FIELD: message["id"]}
    response = browser.post(RESTORE_URL, fields, headers=HTMX)
    assert response.status_code == 200
    assert texts(response) == ["Restored “Buy milk”."]


def test_an_unknown_option_beside_actions_is_dropped_with_a_warning_and_the_rest_kept(
    alice: Client, user: User, caplog: pytest.LogCaptureFixture
) -> None:
    (row,) = inbox.info(user, "Newer row", actions=[UNDO], key="k")
    InboxMessage.objects.filter(pk=row.pk).update(
        options={"actions": [UNDO_JSON], "key": "k", "icon": "trash"}
    )
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        (message,) = shipped(alice.get("/page/", headers=HTMX))
    assert message["key"] == "k"
    assert [a["label"] for a in message["actions"]] == ["Undo"]
    assert caplog.messages == [
        "toastkit: ignoring the stored toast option 'icon' (Unknown toast option "
        "'icon'; expected one of ['actions', 'duration', 'key', 'sticky', 'title'].)"
    ]
