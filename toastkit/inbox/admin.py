"""The admin: inbox messages listed with their state, and a users' action to send one.

The action is added to the user model's existing ``ModelAdmin`` on
``admin.site`` when the app is ready (``add_send_action_to_user_admin``): the
project keeps its own ``UserAdmin`` and gets the action without touching it.
A user admin registered later than that, or on another ``AdminSite``, lists
``send_inbox_message`` in its ``actions`` itself and takes
``SendInboxMessageMixin`` for the permission rule.

The action is shown only to users who may send (``@admin.action(permissions=)``
and ``has_send_inbox_message_permission``): Django's ``get_actions`` leaves it
out of the list for the others, and refuses it when posted anyway.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import django
from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.auth import get_user_model
from django.contrib.messages import constants
from django.contrib.messages.utils import get_level_tags
from django.template.response import TemplateResponse
from django.utils.translation import gettext, gettext_lazy, ngettext

from toastkit.inbox.api import notify
from toastkit.inbox.models import InboxMessage

if TYPE_CHECKING:
    from django.db.models import Model, QuerySet
    from django.http import HttpRequest

    _InboxMessageAdmin = admin.ModelAdmin[InboxMessage]
    _AnyModelAdmin = admin.ModelAdmin[Model]
else:
    _InboxMessageAdmin = _AnyModelAdmin = admin.ModelAdmin

#: Who may send: the "add" permission of inbox messages (superusers have it).
SEND_PERMISSION = f"{InboxMessage._meta.app_label}.add_inboxmessage"

#: The name in ``@admin.action(permissions=...)``: Django asks the model admin
#: the action is on for ``has_send_inbox_message_permission(request)``.
PERMISSION_NAME = "send_inbox_message"
PERMISSION_METHOD = f"has_{PERMISSION_NAME}_permission"

#: Django 6.1 renders the admin's breadcrumbs as an ``<ol>`` list, and styles
#: only that; before, a ``<div>`` with ``&rsaquo;`` separators, styled only as
#: that. The action's page uses the installed Django's markup.
BREADCRUMBS_AS_LIST = django.VERSION >= (6, 1)

LEVEL_CHOICES = [
    (constants.DEBUG, gettext_lazy("Debug")),
    (constants.INFO, gettext_lazy("Info")),
    (constants.SUCCESS, gettext_lazy("Success")),
    (constants.WARNING, gettext_lazy("Warning")),
    (constants.ERROR, gettext_lazy("Error")),
]


class StateFilter(admin.SimpleListFilter):
    title = gettext_lazy("state")
    parameter_name = "state"

    def lookups(
        self, request: HttpRequest, model_admin: _AnyModelAdmin
    ) -> list[tuple[str, str]]:
        return [("pending", gettext("pending")), ("delivered", gettext("delivered"))]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[Any]
    ) -> QuerySet[Any] | None:
        if self.value() in ("pending", "delivered"):
            return queryset.filter(delivered_at__isnull=self.value() == "pending")
        return queryset


@admin.register(InboxMessage)
class InboxMessageAdmin(_InboxMessageAdmin):
    """Read-only: messages are sent with ``notify()`` or the users' action,
    which also set the cache flag a row saved here would lack."""

    list_display = ("created_at", "user", "level_tag", "short_message", "state")
    list_filter = (StateFilter, "level", "created_at")
    list_select_related = ("user",)
    date_hierarchy = "created_at"
    ordering = ("-created_at", "-pk")

    def get_search_fields(self, request: HttpRequest) -> list[str]:
        # At request time: the user model is not known when this module loads
        # in a project without django.contrib.auth (toastkit.E020).
        return ["message", f"user__{get_user_model().USERNAME_FIELD}"]

    @admin.display(description=gettext_lazy("level"), ordering="level")
    def level_tag(self, obj: InboxMessage) -> str:
        return get_level_tags().get(obj.level) or str(obj.level)

    @admin.display(description=gettext_lazy("message"))
    def short_message(self, obj: InboxMessage) -> str:
        return obj.message if len(obj.message) <= 80 else obj.message[:79] + "…"

    @admin.display(description=gettext_lazy("state"), ordering="delivered_at")
    def state(self, obj: InboxMessage) -> str:
        return gettext("pending") if obj.is_pending else gettext("delivered")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: InboxMessage | None = None
    ) -> bool:
        return False


class SendMessageForm(forms.Form):
    """The text and level of the message the action sends (prefixed
    ``toastkit-`` in the POST, beside the changelist's own fields)."""

    message = forms.CharField(
        label=gettext_lazy("Message"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )
    level = forms.TypedChoiceField(
        label=gettext_lazy("Level"),
        choices=LEVEL_CHOICES,
        coerce=int,
        initial=constants.INFO,
    )
    title = forms.CharField(label=gettext_lazy("Title"), required=False, max_length=200)
    sticky = forms.BooleanField(
        label=gettext_lazy("Sticky"),
        required=False,
        help_text=gettext_lazy("Stays until the user dismisses it."),
    )


def may_send_inbox_messages(request: HttpRequest) -> bool:
    """Whether ``request.user`` may send inbox messages from the admin."""
    return request.user.has_perm(SEND_PERMISSION)


class SendInboxMessageMixin:
    """For a user admin that lists ``send_inbox_message`` itself: the
    permission rule the action asks its model admin for. Override
    ``has_send_inbox_message_permission`` for another rule."""

    def has_send_inbox_message_permission(self, request: HttpRequest) -> bool:
        return may_send_inbox_messages(request)


@admin.action(
    description=gettext_lazy("Send a message to the selected %(verbose_name_plural)s"),
    permissions=[PERMISSION_NAME],
)
def send_inbox_message(
    modeladmin: _AnyModelAdmin, request: HttpRequest, queryset: QuerySet[Any]
) -> TemplateResponse | None:
    """Ask for the text and level on an intermediate page, then ``notify()``
    every selected user; back on the changelist, a message says how many.

    Only users with the permission get here: Django runs an action only if
    ``get_actions`` lists it for the request."""
    form = SendMessageForm(
        request.POST if "toastkit-send" in request.POST else None, prefix="toastkit"
    )
    if form.is_valid():
        data = form.cleaned_data
        options: dict[str, Any] = {"sticky": True} if data["sticky"] else {}
        if data["title"]:
            options["title"] = data["title"]
        sent = notify(queryset, data["message"], data["level"], **options)
        if not sent:
            # notify() drops messages below MESSAGE_LEVEL, as Django's API does.
            modeladmin.message_user(
                request,
                gettext("Nothing was sent: the level is below MESSAGE_LEVEL."),
                messages.WARNING,
            )
            return None
        modeladmin.message_user(
            request,
            ngettext(
                "Message sent to %(count)d user.",
                "Message sent to %(count)d users.",
                len(sent),
            )
            % {"count": len(sent)},
            messages.SUCCESS,
        )
        return None
    opts = modeladmin.model._meta
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": gettext("Send a message"),
        "subtitle": None,
        "opts": opts,
        "queryset": queryset,
        "form": form,
        "action_name": "send_inbox_message",
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "media": modeladmin.media + form.media,
        "breadcrumbs_as_list": BREADCRUMBS_AS_LIST,
    }
    request.current_app = modeladmin.admin_site.name
    return TemplateResponse(request, "toastkit_inbox/send_message.html", context)


def add_send_action_to_user_admin(site: admin.AdminSite = admin.site) -> bool:
    """Add ``send_inbox_message`` to the user admin registered on ``site``,
    with the permission rule it needs (``has_send_inbox_message_permission``)
    unless that admin has its own.

    Returns whether it could (the user model may not be registered yet).
    """
    try:
        model_admin: _AnyModelAdmin = site.get_model_admin(get_user_model())
    except NotRegistered:
        return False
    if model_admin.actions is None:
        # The project turned the user admin's actions off (adding one would
        # bring back "Delete selected" too): leave it so.
        return False
    if not hasattr(model_admin, PERMISSION_METHOD):
        # On this instance, not its class: the project's class stays as it is
        # (it may be registered elsewhere too), as for ``actions`` below.
        setattr(model_admin, PERMISSION_METHOD, may_send_inbox_messages)
    actions = list(model_admin.actions)
    if send_inbox_message not in actions:
        model_admin.actions = [*actions, send_inbox_message]
    return True
