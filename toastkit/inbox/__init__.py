"""``toastkit.inbox``: toasts addressed to a user from any code, delivered once.

``from toastkit.inbox import notify`` (or ``toastkit.inbox.success(user,
...)``) stores a message; ``ToastMiddleware`` and ``{% toasts %}`` deliver
it on the user's next response that shows messages. See docs/inbox.md.
"""

from __future__ import annotations

from toastkit.inbox.api import debug, error, info, notify, success, warning

__all__ = ["debug", "error", "info", "notify", "success", "warning"]
