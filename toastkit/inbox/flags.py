"""The per-user "pending" flag: a request with nothing waiting skips the database.

``notify()`` sets the flag once its transaction commits; a request that finds
no flag makes no query. A claim deletes the flag *before* it reads, so a
message committed meanwhile sets it again (``delivery.claim``). The flags
live in the cache ``TOASTKIT_INBOX_CACHE`` names, shared by every process
that calls ``notify()``; without one (the default) every delivery makes one
indexed query instead. A lost flag (a flushed cache) delays the messages
until the user's next ``notify()`` or ``toastkit_inbox_purge``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.cache import caches

from toastkit.conf import toastkit_settings

if TYPE_CHECKING:
    from django.core.cache.backends.base import BaseCache

logger = logging.getLogger("toastkit")


def flag_cache() -> BaseCache | None:
    """The cache holding the flags, or ``None`` when there is none."""
    alias = toastkit_settings.INBOX_CACHE
    return None if alias is None else caches[alias]


def flag_key(user_pk: Any) -> str:
    return f"toastkit:inbox:pending:{user_pk}"


def raise_flags(user_pks: Iterable[Any]) -> None:
    """Flag these users as having pending messages (no expiry)."""
    cache = flag_cache()
    if cache is None:
        return
    try:
        cache.set_many({flag_key(pk): 1 for pk in user_pks}, timeout=None)
    except Exception:  # any cache backend's connection error
        # The messages are stored; they wait for the next flag or purge run.
        logger.warning(
            "toastkit: could not set the inbox's pending flags in the cache.",
            exc_info=True,
        )


def is_flagged(user_pk: Any) -> bool:
    """Whether the user may have pending messages (always, without a cache)."""
    cache = flag_cache()
    if cache is None:
        return True
    try:
        return cache.get(flag_key(user_pk)) is not None
    except Exception:  # the cache is down: ask the database instead
        logger.warning("toastkit: could not read the inbox's flag.", exc_info=True)
        return True


def clear_flag(user_pk: Any) -> None:
    cache = flag_cache()
    if cache is None:
        return
    try:
        cache.delete(flag_key(user_pk))
    except Exception:  # a flag left set costs one query later, nothing more
        logger.warning("toastkit: could not clear the inbox's flag.", exc_info=True)
