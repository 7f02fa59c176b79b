from __future__ import annotations

from django.apps import AppConfig


class AdminToastsConfig(AppConfig):
    name = "toastkit.admin_toasts"
    # Not "admin_toasts" alone, and never "admin": django.contrib.admin's.
    label = "toastkit_admin_toasts"
    verbose_name = "toastkit: the admin's messages as toasts"

    def ready(self) -> None:
        from toastkit.admin_toasts import checks  # noqa: F401 - registers them
