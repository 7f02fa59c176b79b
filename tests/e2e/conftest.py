"""Playwright set-up: Debian's Chromium, since Playwright cannot download its own.

``TOASTKIT_CHROMIUM`` names a browser executable; ``TOASTKIT_CHROMIUM=playwright``
uses Playwright's own downloaded browsers. With no browser the tests fail
(never skip): a green run must mean the browser tests ran.
"""

from __future__ import annotations

import fcntl
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Locator, Page

from tests.chromium import CHROMIUM_ARGS, NoChromium
from tests.chromium import chromium_executable as find_chromium

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-results"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def chromium_executable() -> str | None:
    """tests.chromium's choice; no browser fails the test run (never a skip)."""
    try:
        return find_chromium()
    except NoChromium as exc:
        pytest.fail(str(exc))


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


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core from package.json's devDependencies (installed when missing,
    by one pytest-xdist worker at a time)."""
    lock = Path(tempfile.gettempdir()) / "toastkit-npm-ci.lock"
    with lock.open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        if not AXE.exists():
            npm = shutil.which("npm")
            if npm is None:
                pytest.fail("axe-core is missing and there is no npm to install it")
            subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)
    return AXE


# --- Shared helpers for the toast tests -------------------------------------

REGION = "[data-toastkit]"
TOAST = "[data-toastkit-stack] [data-toastkit-toast]"

#: Records CSP violations and uncaught errors from the first script on.
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture
def page(page: Page) -> Iterator[Page]:
    """Every page: no CSP violation and no uncaught JavaScript error."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(WATCH)
    yield page
    if not page.is_closed() and page.url.startswith("http"):
        violations = page.evaluate("window.__violations || []")
        assert violations == [], violations
    assert errors == [], errors


@pytest.fixture
def url(live_server: Any) -> Callable[..., str]:
    """``url(4, text="Hi")``: the e2e page on htmx 4 with a server message."""

    def build(htmx_version: int = 2, **query: object) -> str:
        return f"{live_server.url}/e2e/htmx{htmx_version}/?{urlencode(query)}"

    return build


@pytest.fixture
def actions_url(live_server: Any) -> Callable[..., str]:
    """``actions_url(4, text="Hi", undo="alpha")``: the actions page on htmx 4
    (0: the page without htmx)."""

    def build(htmx_version: int = 2, **query: object) -> str:
        return f"{live_server.url}/e2e/actions{htmx_version}/?{urlencode(query)}"

    return build


@pytest.fixture
def received() -> Iterator[list[dict[str, Any]]]:
    """The forms the action views (``restore``, ``look``) receive in the test."""
    from tests.e2e import action_views

    action_views.RECEIVED.clear()
    yield action_views.RECEIVED
    action_views.RECEIVED.clear()


def toasts(page: Page) -> Locator:
    """The toasts in the region (not the blueprint, not those leaving)."""
    return page.locator(f"{TOAST}:not([data-toastkit-leaving])")


def send(page: Page, text: str, **fields: object) -> None:
    """Fill the composer form and send it over htmx."""
    form = page.get_by_role("form", name="Composer")
    form.get_by_label("Text").fill(text)
    for name, value in fields.items():
        box = form.get_by_label(name.capitalize(), exact=True)
        if isinstance(value, bool):
            box.set_checked(value)
        else:
            box.fill(str(value))
    form.get_by_role("button", name="Send").click()


@pytest.fixture(autouse=True)
def patient_toasts(request: pytest.FixtureRequest, settings: Any) -> None:
    """Toasts wait a minute on a slow machine, unless the test drives time."""
    if "frozen" not in request.fixturenames:
        settings.TOASTKIT_DURATIONS = dict.fromkeys((10, 20, 25, 30), 60_000)


@pytest.fixture
def frozen(page: Page) -> Page:
    """The page with its clock stopped: time moves only by ``page.clock.run_for``."""
    page.clock.install(time=0)
    page.clock.pause_at(1000)
    return page
