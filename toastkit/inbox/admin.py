"""The admin: inbox messages listed with their state, and a users' action to send one.

``send_inbox_message`` is added to the user admin on ``admin.site`` when the
app is ready; another user admin lists it itself, with
``SendInboxMessageMixin`` (docs/inbox.md, "Admin").
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

#: ``@admin.action(permissions=["send_inbox_message"])`` makes Django ask the
#: model admin the action is on for ``has_send_inbox_message_permission()``.
PERMISSION_METHOD = "has_send_inbox_message_permission"

#: Django 6.1 styles only ``<ol>`` breadcrumbs; earlier, only a ``<div>``.
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
    """Read-only: ``notify()`` also sets the flag a row saved here would lack."""

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


class SendInboxMessageMixin:
    """The permission rule ``send_inbox_message`` asks its user admin for;
    override ``has_send_inbox_message_permission`` for another rule."""

    @staticmethod
    def has_send_inbox_message_permission(request: HttpRequest) -> bool:
        return request.user.has_perm(SEND_PERMISSION)


@admin.action(
    description=gettext_lazy("Send a message to the selected %(verbose_name_plural)s"),
    permissions=["send_inbox_message"],
)
def send_inbox_message(
    modeladmin: _AnyModelAdmin, request: HttpRequest, queryset: QuerySet[Any]
) -> TemplateResponse | None:
    """Ask for the message on an intermediate page, then ``notify()`` every
    selected user; back on the changelist, say how many."""
    form = SendMessageForm(
        request.POST if "toastkit-send" in request.POST else None, prefix="toastkit"
    )
    if form.is_valid():
        data = form.cleaned_data
        options: dict[str, Any] = {"sticky": True} if data["sticky"] else {}
        if data["title"]:
            options["title"] = data["title"]
        sent = len(notify(queryset, data["message"], data["level"], **options))
        if sent:
            text = ngettext(
                "Message sent to %(count)d user.",
                "Message sent to %(count)d users.",
                sent,
            ) % {"count": sent}
            modeladmin.message_user(request, text, messages.SUCCESS)
        else:  # below MESSAGE_LEVEL, notify() stores nothing (as Django does)
            text = gettext("Nothing was sent: the level is below MESSAGE_LEVEL.")
            modeladmin.message_user(request, text, messages.WARNING)
        return None
    opts = modeladmin.model._meta
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": gettext("Send a message"),
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
    """Add ``send_inbox_message`` (and the mixin's permission rule, unless
    it has its own) to ``site``'s user admin; whether it could."""
    try:
        model_admin: _AnyModelAdmin = site.get_model_admin(get_user_model())
    except NotRegistered:
        return False
    if model_admin.actions is None:  # off: one would bring "Delete" back
        return False
    if not hasattr(model_admin, PERMISSION_METHOD):
        # On this instance: the project's class stays as it is.
        rule = SendInboxMessageMixin.has_send_inbox_message_permission
        setattr(model_admin, PERMISSION_METHOD, rule)
    actions = list(model_admin.actions)
    if send_inbox_message not in actions:
        model_admin.actions = [*actions, send_inbox_message]
    return True
