from __future__ import annotations

from django.apps import AppConfig


class ToastkitConfig(AppConfig):
    name = "toastkit"
    verbose_name = "toastkit"

    def ready(self) -> None:
        # Imported for its side effect: registering the system checks.
        from toastkit import checks  # noqa: F401
