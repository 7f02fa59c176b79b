from __future__ import annotations

import contextlib

from django.apps import AppConfig, apps


class InboxConfig(AppConfig):
    name = "toastkit.inbox"
    # "inbox" alone would clash with a project's own app of that name.
    label = "toastkit_inbox"
    verbose_name = "toastkit inbox"
    # Fixed here, so the shipped migration never depends on DEFAULT_AUTO_FIELD.
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from toastkit.hooks import add_pending_source
        from toastkit.inbox import checks  # noqa: F401 - registers the checks
        from toastkit.inbox.responses import (
            connect_signals,
            pending_for_request,
            settle,
        )

        add_pending_source(pending_for_request, settle)
        connect_signals()
        if apps.is_installed("django.contrib.admin") and apps.is_installed(
            "django.contrib.auth"
        ):
            from toastkit.inbox.admin import add_send_action_to_user_admin

            add_send_action_to_user_admin()
        import_doorbell()


def import_doorbell() -> None:
    """Import the chosen doorbell's client library now, not at the first
    ``notify()`` or stream: redis-py takes a few hundred milliseconds to
    import, which a short-lived process (``manage.py notify``) would add to
    each announcement, and an ASGI worker would spend in its event loop. A
    missing package is reported by checks E041 and E042."""
    from toastkit.conf import toastkit_settings

    kind = toastkit_settings.LIVE_DOORBELL
    with contextlib.suppress(ImportError):
        if kind == "redis":
            import toastkit.inbox.live.doorbell_redis
        elif kind == "postgres":
            import toastkit.inbox.live.doorbell_postgres  # noqa: F401
