"""Playwright set-up: Debian's Chromium, since Playwright cannot download its own.

``TOASTKIT_CHROMIUM`` names a browser executable; ``TOASTKIT_CHROMIUM=playwright``
uses Playwright's own downloaded browsers. With no browser the tests fail
(never skip): a green run must mean the browser tests ran.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-results"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_executable() -> str | None:
    chosen = os.environ.get("TOASTKIT_CHROMIUM")
    if chosen == "playwright":
        return None
    if chosen:
        return chosen
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.fail(
            "No Chromium: run ./scripts/install-chromium.sh, set TOASTKIT_CHROMIUM to a "
            "browser executable, or TOASTKIT_CHROMIUM=playwright for Playwright's own."
        )
    return found


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any],
) -> dict[str, Any]:
    args = {**browser_type_launch_args, "args": CHROMIUM_ARGS}
    executable = chromium_executable()
    if executable:
        args["executable_path"] = executable
    return args


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)
