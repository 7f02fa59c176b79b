"""Django messages as accessible toasts, delivered exactly once over htmx."""

from __future__ import annotations

from toastkit.actions import Action
from toastkit.api import add_toast, debug, error, info, success, warning

__all__ = ["Action", "add_toast", "debug", "error", "info", "success", "warning"]
__version__ = "0.6.0"
