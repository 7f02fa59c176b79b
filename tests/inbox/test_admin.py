"""The admin: inbox messages with their state, and the users' "send a message" action."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission, User
from django.test import Client

from tests.inbox.conftest import page_texts, pending
from toastkit import inbox
from toastkit.inbox.admin import add_send_action_to_user_admin, send_inbox_message
from toastkit.inbox.models import InboxMessage

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/toastkit_inbox/inboxmessage/"
USERS = "/admin/auth/user/"


@pytest.fixture
def admin_client(db: None) -> Client:
    boss = User.objects.create_superuser("boss", password="pw")
    client = Client()
    client.force_login(boss)
    return client


def test_the_list_shows_user_level_state_and_text(
    admin_client: Client, user: User
) -> None:
    (delivered,) = inbox.success(user, "Done")
    inbox.error(user, "Failed")
    InboxMessage.objects.filter(pk=delivered.pk).update(
        delivered_at="2026-01-01T00:00Z"
    )
    html = admin_client.get(CHANGELIST).content.decode()
    assert html.count('<td class="field-state">delivered</td>') == 1
    assert html.count('<td class="field-state">pending</td>') == 1
    for shown in ("alice", "success", "error", "Failed"):
        assert shown in html


def test_the_list_filters_by_state(admin_client: Client, user: User) -> None:
    (row,) = inbox.info(user, "Seen")
    inbox.info(user, "Waiting")
    InboxMessage.objects.filter(pk=row.pk).update(delivered_at="2026-01-01T00:00Z")
    html = admin_client.get(CHANGELIST, {"state": "pending"}).content.decode()
    assert "Waiting" in html
    assert "Seen" not in html
    html = admin_client.get(CHANGELIST, {"state": "delivered"}).content.decode()
    assert "Seen" in html
    assert "Waiting" not in html


def test_long_messages_are_shortened_in_the_list(
    admin_client: Client, user: User
) -> None:
    inbox.info(user, "y" * 100)
    html = admin_client.get(CHANGELIST).content.decode()
    assert "y" * 79 + "…" in html


def test_the_search_finds_by_text_and_username(
    admin_client: Client, user: User, other_user: User
) -> None:
    inbox.info(user, "For Alice")
    inbox.info(other_user, "For Bob")
    html = admin_client.get(CHANGELIST, {"q": "bob"}).content.decode()
    assert "For Bob" in html
    assert "For Alice" not in html


def test_messages_are_not_added_or_edited_in_the_admin(
    admin_client: Client, user: User
) -> None:
    (row,) = inbox.info(user, "Read only")
    assert admin_client.get(CHANGELIST + "add/").status_code == 403
    change = admin_client.get(f"{CHANGELIST}{row.pk}/change/")
    assert change.status_code == 200
    assert 'name="message"' not in change.content.decode()  # a view page


# The users' action.


def test_the_user_admin_has_the_action_and_keeps_its_class() -> None:
    from django.contrib.auth.admin import UserAdmin

    user_admin = admin.site.get_model_admin(User)
    assert type(user_admin) is UserAdmin
    assert send_inbox_message in user_admin.actions  # type: ignore[operator]


def test_adding_the_action_twice_adds_it_once() -> None:
    add_send_action_to_user_admin()
    actions: list[object] = list(admin.site.get_model_admin(User).actions or ())
    assert actions.count(send_inbox_message) == 1


def test_a_site_without_the_user_admin_is_left_alone() -> None:
    assert add_send_action_to_user_admin(admin.AdminSite(name="other")) is False


def select(client: Client, *users: User, **extra: str) -> str:
    data = {"action": "send_inbox_message", ACTION_CHECKBOX_NAME: [u.pk for u in users]}
    response = client.post(USERS, {**data, **extra})
    return response.content.decode() if response.status_code == 200 else ""


def test_the_action_asks_for_the_text_and_level_first(
    admin_client: Client, user: User, other_user: User
) -> None:
    html = select(admin_client, user, other_user)
    assert "Send a message" in html
    assert 'name="toastkit-message"' in html
    assert 'name="toastkit-level"' in html
    assert html.count(f'name="{ACTION_CHECKBOX_NAME}"') == 2
    assert InboxMessage.objects.count() == 0


def test_the_action_sends_to_every_selected_user(
    admin_client: Client, user: User, other_user: User
) -> None:
    response = admin_client.post(
        USERS,
        {
            "action": "send_inbox_message",
            ACTION_CHECKBOX_NAME: [user.pk, other_user.pk],
            "toastkit-message": "Please update your profile.",
            "toastkit-level": "30",
            "toastkit-title": "Account",
            "toastkit-sticky": "on",
            "toastkit-send": "Send",
        },
    )
    assert response.status_code == 302
    assert pending(user) == pending(other_user) == ["Please update your profile."]
    row = InboxMessage.objects.filter(user=user).get()
    assert (row.level, row.options) == (30, {"title": "Account", "sticky": True})
    # The admin's own confirmation, a request message, shows on the next page.
    assert "Message sent to 2 user(s)." in page_texts(
        admin_client.get("/page/").content.decode()
    )


def test_without_title_or_sticky_the_message_has_no_options(
    admin_client: Client, user: User
) -> None:
    select(
        admin_client,
        user,
        **{
            "toastkit-message": "Plain",
            "toastkit-level": "20",
            "toastkit-send": "Send",
        },
    )
    assert InboxMessage.objects.get().options == {}


def test_an_empty_text_shows_the_form_again_with_its_error(
    admin_client: Client, user: User
) -> None:
    html = select(
        admin_client,
        user,
        **{"toastkit-message": "", "toastkit-level": "20", "toastkit-send": "Send"},
    )
    assert "This field is required." in html
    assert InboxMessage.objects.count() == 0


def test_staff_without_the_permission_cannot_send(user: User) -> None:
    staff = User.objects.create_user("staff", password="pw", is_staff=True)
    staff.user_permissions.add(
        Permission.objects.get(codename="view_user"),
        Permission.objects.get(codename="change_user"),
    )
    client = Client()
    client.force_login(staff)
    response = client.post(
        USERS,
        {"action": "send_inbox_message", ACTION_CHECKBOX_NAME: [user.pk]},
        follow=True,
    )
    assert "needs the &#x27;toastkit_inbox.add_inboxmessage&#x27; permission" in (
        response.content.decode()
    )
    assert InboxMessage.objects.count() == 0


def test_a_user_admin_with_actions_turned_off_is_left_alone() -> None:
    site = admin.AdminSite(name="no-actions")

    class NoActions(admin.ModelAdmin):  # type: ignore[type-arg]  # not generic at run time
        actions = None

    site.register(User, NoActions)
    assert add_send_action_to_user_admin(site) is False
    assert site.get_model_admin(User).actions is None  # no "Delete selected" back


def test_a_level_below_message_level_sends_nothing_and_says_so(
    admin_client: Client, user: User
) -> None:
    response = admin_client.post(
        USERS,
        {
            "action": "send_inbox_message",
            ACTION_CHECKBOX_NAME: [user.pk],
            "toastkit-message": "Too quiet",
            "toastkit-level": "10",
            "toastkit-send": "Send",
        },
        follow=True,
    )
    assert pending(user) == []
    html = response.content.decode()
    assert "Nothing was sent: the level is below MESSAGE_LEVEL." in html
    assert "Message sent to" not in html
