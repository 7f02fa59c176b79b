"""The admin: inbox messages with their state, and the users' "send a message" action."""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Permission, User
from django.http import HttpRequest
from django.test import Client, RequestFactory

from tests.helpers import LANGUAGES, LOCALE, parse_po
from tests.inbox.conftest import page_texts, pending
from toastkit import inbox
from toastkit.inbox.admin import (
    SendInboxMessageMixin,
    add_send_action_to_user_admin,
    send_inbox_message,
)
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
    assert "Message sent to 2 users." in page_texts(
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


def staff_client(*, may_send: bool) -> Client:
    """A staff user who may see, change and delete users (so the list has its
    action select), and send inbox messages or not."""
    staff = User.objects.create_user("staff", password="pw", is_staff=True)
    codenames = ["view_user", "change_user", "delete_user"]
    codenames += ["add_inboxmessage"] if may_send else []
    staff.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    client = Client()
    client.force_login(staff)
    return client


ACTION_OPTION = '<option value="send_inbox_message">'


def test_staff_without_the_permission_do_not_see_the_action(user: User) -> None:
    html = staff_client(may_send=False).get(USERS).content.decode()
    assert '<option value="delete_selected">' in html  # the select, without it
    assert ACTION_OPTION not in html


def test_staff_without_the_permission_cannot_post_the_action(user: User) -> None:
    client = staff_client(may_send=False)
    response = client.post(
        USERS,
        {
            "action": "send_inbox_message",
            ACTION_CHECKBOX_NAME: [user.pk],
            "toastkit-message": "Not allowed",
            "toastkit-level": "20",
            "toastkit-send": "Send",
        },
    )
    assert response.status_code == 302  # back to the list, as for an unknown action
    assert InboxMessage.objects.count() == 0
    assert "No action selected." in page_texts(client.get("/page/").content.decode())


def test_staff_with_the_permission_see_and_use_the_action(user: User) -> None:
    client = staff_client(may_send=True)
    assert ACTION_OPTION in client.get(USERS).content.decode()
    assert 'name="toastkit-message"' in select(client, user)


def test_the_user_admin_with_the_action_passes_the_admin_checks() -> None:
    # admin.E129: an action with permissions needs has_<name>_permission.
    assert admin.site.get_model_admin(User).check() == []


def test_adding_the_action_keeps_the_projects_own_permission_rule() -> None:
    site = admin.AdminSite(name="own-rule")

    class OwnRule(admin.ModelAdmin):  # type: ignore[type-arg]  # not generic at run time
        def has_send_inbox_message_permission(self, request: HttpRequest) -> bool:
            return False

    site.register(User, OwnRule)
    assert add_send_action_to_user_admin(site) is True
    boss = User.objects.create_superuser("boss2", password="pw")
    assert "send_inbox_message" not in site.get_model_admin(User).get_actions(
        request_of(boss)
    )


@pytest.mark.parametrize("may_send", [True, False])
def test_a_user_admin_listing_the_action_itself_takes_the_rule_from_the_mixin(
    may_send: bool,
) -> None:
    site = admin.AdminSite(name="own-site")

    class MyUserAdmin(SendInboxMessageMixin, UserAdmin):  # type: ignore[type-arg]
        actions = [send_inbox_message]

    site.register(User, MyUserAdmin)
    model_admin = site.get_model_admin(User)
    assert model_admin.check() == []
    staff = User.objects.create_user("staff", password="pw", is_staff=True)
    if may_send:
        staff.user_permissions.add(Permission.objects.get(codename="add_inboxmessage"))
        staff = User.objects.get(pk=staff.pk)  # no cached permissions
    listed = "send_inbox_message" in model_admin.get_actions(request_of(staff))
    assert listed is may_send


def request_of(user: User) -> HttpRequest:
    request = RequestFactory().post(USERS)
    request.user = user
    return request


def test_a_user_admin_with_actions_turned_off_is_left_alone() -> None:
    site = admin.AdminSite(name="no-actions")

    class NoActions(admin.ModelAdmin):  # type: ignore[type-arg]  # not generic at run time
        actions = None

    site.register(User, NoActions)
    assert add_send_action_to_user_admin(site) is False
    assert site.get_model_admin(User).actions is None  # no "Delete selected" back


@pytest.mark.parametrize(
    ("count", "confirmation"),
    [(1, "Message sent to 1 user."), (2, "Message sent to 2 users.")],
)
def test_the_confirmation_counts_users_in_the_right_plural_form(
    admin_client: Client, count: int, confirmation: str
) -> None:
    users = [User.objects.create_user(f"user{i}") for i in range(count)]
    select(
        admin_client,
        *users,
        **{"toastkit-message": "Hi", "toastkit-level": "20", "toastkit-send": "Send"},
    )
    # The admin's own confirmation, a request message, shows on the next page.
    assert confirmation in page_texts(admin_client.get("/page/").content.decode())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_confirmation_has_one_form_per_plural_in_every_language(lang: str) -> None:
    """As many forms as the language's Plural-Forms header says (Polish and
    Russian four, Arabic six, Japanese one), each with the count."""
    entries = parse_po(LOCALE / lang / "LC_MESSAGES" / "django.po")
    nplurals = re.search(r"nplurals=(\d+);", entries[""].msgstrs[0])
    assert nplurals
    confirmation = entries["Message sent to %(count)d user."]
    assert confirmation.msgid_plural == "Message sent to %(count)d users."
    assert len(confirmation.msgstrs) == int(nplurals.group(1))
    assert all("%(count)d" in form for form in confirmation.msgstrs)


def breadcrumbs(html: str) -> tuple[str, str]:
    """The breadcrumbs of an admin page (whitespace normalised), split before
    the current page's crumb: the links, and the current page's text."""
    found = re.search(
        r'<nav aria-label="Breadcrumbs">(.*?)</nav>', html, flags=re.DOTALL
    )
    assert found, "no breadcrumbs"
    markup = re.sub(r"\s+", " ", re.sub(r">\s+", ">", found.group(1))).strip()
    links, _, current = markup.rpartition("</a>")
    return links + "</a>", current


def test_the_action_page_has_the_breadcrumbs_markup_of_the_admins_own_pages(
    admin_client: Client, user: User
) -> None:
    """Django 6.1 made them an ``<ol>`` list, styled only as one; before, a
    ``<div>`` with ``&rsaquo;`` separators, styled only as that."""
    own = admin_client.get(f"{USERS}{user.pk}/change/").content.decode()
    own_links, own_current = breadcrumbs(own)
    links, current = breadcrumbs(select(admin_client, user))
    assert links == own_links  # Home > Authentication... > Users
    assert current == own_current.replace("alice", "Send a message")


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
