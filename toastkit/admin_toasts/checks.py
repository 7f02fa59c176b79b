"""System checks of ``toastkit.admin_toasts``: its template needs ``toastkit``,
and the admin finds it only when it comes first."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.checks import CheckMessage, Tags, register

from toastkit.checks import report

ADMIN = "django.contrib.admin"
PROBLEMS = {
    "E030": (
        "toastkit.admin_toasts is installed without 'toastkit': every admin page "
        "would fail on {% load toastkit %}.",
        "Add 'toastkit' to INSTALLED_APPS.",
    ),
    "W030": (
        "'toastkit.admin_toasts' comes after 'django.contrib.admin' in "
        "INSTALLED_APPS: the admin's own admin/base_site.html is found first, "
        "and its messages stay a list.",
        "Put 'toastkit.admin_toasts' before 'django.contrib.admin' (and before an "
        "admin theme).",
    ),
}


@register(Tags.templates)
def check_apps(**kwargs: Any) -> list[CheckMessage]:
    if not apps.is_installed("toastkit.admin_toasts"):
        return []  # registered, then removed by override_settings
    names = [config.name for config in apps.get_app_configs()]
    if "toastkit" not in names:
        return report("E030", problems=PROBLEMS)
    if ADMIN in names and names.index(ADMIN) < names.index("toastkit.admin_toasts"):
        return report("W030", problems=PROBLEMS)
    return []
