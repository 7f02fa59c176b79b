"""Shortcuts like ``django.contrib.messages``' with per-toast options.

``toastkit.success(request, "Saved", title="Tasks", duration=3000)`` adds a
message exactly as ``messages.success`` does; the options only reach the
browser when ``MESSAGE_STORAGE`` is ``toastkit.storage.ToastStorage``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Protocol, Unpack

from django.contrib.messages import api, constants, get_messages
from django.contrib.messages.storage.base import BaseStorage

from toastkit.options import ToastOptions, validate_options
from toastkit.storage import ToastStorage

if TYPE_CHECKING:
    from django.http import HttpRequest

logger = logging.getLogger("toastkit")


def add_toast(
    request: HttpRequest,
    level: int,
    message: Any,
    extra_tags: str = "",
    fail_silently: bool = False,
    **options: Unpack[ToastOptions],
) -> None:
    """Add a message with options; otherwise the same as ``messages.add_message``.

    Options: ``title``; ``duration`` in milliseconds (0 or more) instead of
    the level's; ``sticky=True`` keeps the toast until the user dismisses it.
    Unknown options or wrong types raise ``TypeError``.
    """
    checked = validate_options(dict(options))
    storage = get_messages(request)
    if isinstance(storage, ToastStorage):
        storage.add(level, message, extra_tags, options=checked)
        return
    if checked and isinstance(storage, BaseStorage):
        logger.warning(
            "toastkit: MESSAGE_STORAGE is not toastkit.storage.ToastStorage, so the "
            "toast options %s are dropped; the message itself is kept.",
            sorted(checked),
        )
    api.add_message(request, level, message, extra_tags, fail_silently)


def _shortcut(level: int, name: str) -> _Shortcut:
    def shortcut(
        request: HttpRequest,
        message: Any,
        extra_tags: str = "",
        fail_silently: bool = False,
        **options: Unpack[ToastOptions],
    ) -> None:
        add_toast(request, level, message, extra_tags, fail_silently, **options)

    shortcut.__name__ = shortcut.__qualname__ = name
    shortcut.__doc__ = f"Add a message at the ``{name.upper()}`` level, with options."
    return shortcut


class _Shortcut(Protocol):
    def __call__(
        self,
        request: HttpRequest,
        message: Any,
        extra_tags: str = "",
        fail_silently: bool = False,
        **options: Unpack[ToastOptions],
    ) -> None: ...


debug = _shortcut(constants.DEBUG, "debug")
info = _shortcut(constants.INFO, "info")
success = _shortcut(constants.SUCCESS, "success")
warning = _shortcut(constants.WARNING, "warning")
error = _shortcut(constants.ERROR, "error")
