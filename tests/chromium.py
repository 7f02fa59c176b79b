"""Which Chromium Playwright launches, and with what flags.

Shared by the browser tests, scripts/screenshots.py and bench/ (``launch``).
Playwright cannot download its own browsers everywhere, so Debian's chromium
is the default; ``TOASTKIT_CHROMIUM`` names another executable, and
``TOASTKIT_CHROMIUM=playwright`` uses Playwright's own downloaded browsers.
"""

from __future__ import annotations

import os
import shutil
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class NoChromium(RuntimeError):
    """No browser to launch."""


def chromium_executable() -> str | None:
    """The browser's path, or None for Playwright's own; raise ``NoChromium``."""
    chosen = os.environ.get("TOASTKIT_CHROMIUM")
    if chosen == "playwright":
        return None
    if chosen and not os.access(chosen, os.X_OK):
        raise NoChromium(
            f"No browser at TOASTKIT_CHROMIUM={chosen}: point it at a browser "
            "executable, or TOASTKIT_CHROMIUM=playwright for Playwright's own."
        )
    found = chosen or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise NoChromium(
            "No Chromium: run ./scripts/install-chromium.sh, set TOASTKIT_CHROMIUM to a "
            "browser executable, or TOASTKIT_CHROMIUM=playwright for Playwright's own."
        )
    return found


def launch(playwright: Playwright) -> Browser:
    """Chromium as the tests launch it, for scripts outside pytest (bench/)."""
    return playwright.chromium.launch(
        executable_path=chromium_executable(), args=CHROMIUM_ARGS
    )
