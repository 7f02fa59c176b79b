"""Fixtures for the demo's smoke tests: the demo server, Chromium, page problems.

Every test gets ``problems``: console errors, uncaught exceptions and CSP
violations on the page fail the test, unless the test allowed them.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage, Error, Page

from tests.demo.pages import apply_switches
from tests.demo.server import running_demo

# The same Chromium set-up as the package's own browser tests.
from tests.e2e.conftest import browser_type_launch_args  # noqa: F401
from tests.e2e.helpers import HTMX_VERSIONS

# securitypolicyviolation events, reported on the console so one listener sees all.
CSP_LISTENER = """
document.addEventListener('securitypolicyviolation', (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline code'}`);
});
"""


#: The checkout these tests belong to: the demo server imports its toastkit,
#: whatever toastkit the interpreter has installed (another worktree's, say).
CHECKOUT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def demo_url() -> Iterator[str]:
    # TOASTKIT_DEMO_PYTHON runs the demo with another interpreter (Django 5.2, say).
    python = os.environ.get("TOASTKIT_DEMO_PYTHON", sys.executable)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("PYTHONPATH", str(CHECKOUT), prepend=os.pathsep)
        env.setenv("DEMO_EXPORT_DELAY", "0.5")  # the export job (tasks/jobs.py)
        with running_demo(python) as url:
            yield url


@dataclass
class Problems:
    """What went wrong on the page; ``allow`` expected console errors by pattern."""

    seen: list[str] = field(default_factory=list)
    allowed: list[re.Pattern[str]] = field(default_factory=list)

    def allow(self, pattern: str) -> None:
        self.allowed.append(re.compile(pattern))

    def unexpected(self) -> list[str]:
        return [p for p in self.seen if not any(a.search(p) for a in self.allowed)]


def watch(page: Page) -> Problems:
    """Collect ``page``'s console errors, uncaught exceptions and CSP violations."""
    found = Problems()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            found.seen.append(f"console: {message.text}")

    def on_page_error(error: Error) -> None:
        found.seen.append(f"pageerror: {error}")

    page.add_init_script(CSP_LISTENER)
    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    return found


@pytest.fixture(autouse=True)
def problems(page: Page) -> Iterator[Problems]:
    found = watch(page)
    yield found
    assert found.unexpected() == []


class Demo:
    """The demo in one page: navigation, switches, and the toasts on screen."""

    def __init__(self, page: Page, url: str, problems: Problems) -> None:
        self.page = page
        self.url = url
        self.problems = problems
        self.region = page.get_by_role("region", name="Notifications")

    def open(self, path: str = "/") -> None:
        self.page.goto(self.url + path)

    def toasts(self, text: str | re.Pattern[str] | None = None) -> Any:
        """Visible toasts, optionally only those containing ``text``."""
        toasts = self.region.locator("[data-toastkit-toast]:visible")
        return toasts if text is None else toasts.filter(has_text=text)

    def task(self, title: str) -> Any:
        """The task titled ``title`` in the list."""
        return self.page.locator("#task-list").get_by_text(title, exact=True)

    def switch(self, **choices: str) -> None:
        """Apply the playground's switches (htmx, position, theme, dir)."""
        apply_switches(self.page, self.url, **choices)

    def add_task(self, title: str) -> None:
        self.page.get_by_label("New task").fill(title)
        self.page.get_by_role("button", name="Add task").click()


@pytest.fixture(params=[str(v) for v in HTMX_VERSIONS], ids=lambda v: f"htmx{v}")
def htmx_version(request: pytest.FixtureRequest) -> str:
    version: str = request.param
    return version


@pytest.fixture
def demo(page: Page, demo_url: str, problems: Problems) -> Demo:
    return Demo(page, demo_url, problems)


@pytest.fixture
def app(demo: Demo, htmx_version: str) -> Demo:
    """The demo on the tasks page, on htmx 2 or htmx 4."""
    if htmx_version != "2":
        demo.switch(htmx=htmx_version)
    demo.open("/")
    return demo
