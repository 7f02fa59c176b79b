"""The demo's accounts and toastkit.inbox, on htmx 2 and 4.

A background job (tasks/jobs.py) ends on its own time and tells its user with
``toastkit.inbox.success(user, ...)``: the toast shows on that user's next
response that shows messages, once, and to nobody else. That is what a browser
with no ``EventSource`` sees, so these tests' browsers have none (``NO_STREAM``);
test_live.py has the toast arrive on the open page. The demo server runs
the job after ``DEMO_EXPORT_DELAY`` = 0.5 s (conftest.py). Nothing here sleeps:
what waits for the job repeats a click or a page load until a Playwright
assertion passes, for a bounded time.
"""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from tests.demo.conftest import Demo, Problems, watch

pytestmark = pytest.mark.e2e

PASSWORDS = {"ada": "ada-demo", "grace": "grace-demo"}
#: ada's list of inbox messages in the admin; reading it claims nothing.
INBOX_ADMIN = "/admin/toastkit_inbox/inboxmessage/"

_numbers = itertools.count(1)

#: Live delivery off: toastkit-live.js does nothing where there is no
#: EventSource, and the inbox waits for the next response, as before it.
NO_STREAM = "delete window.EventSource;"


def log_in(demo: Demo, username: str) -> None:
    """Log in on the login page; back on the tasks page, with a toast."""
    demo.open("/login/")
    demo.page.get_by_label("Username").fill(username)
    demo.page.get_by_label("Password").fill(PASSWORDS[username])
    demo.page.get_by_role("button", name="Log in").click()
    expect(demo.page.get_by_role("heading", name="Tasks")).to_be_visible()
    expect(demo.toasts(f"Signed in as {username}.")).to_have_count(1)
    expect(demo.page.locator(".site-header__user")).to_contain_text(
        f"Signed in as {username}"
    )


def start_export(demo: Demo) -> str:
    """Press Start export; the file name the "Exporting…" toast gives."""
    demo.page.get_by_role("button", name="Start export").click()
    started = demo.toasts("Exporting…")
    expect(started).to_have_count(1)
    found = re.search(r"tasks-\w+\.csv", started.inner_text())
    assert found is not None
    return found.group()


def ready(demo: Demo, filename: str) -> Locator:
    """The job's toast for this export, on ``demo``'s page."""
    toast: Locator = demo.toasts(re.compile(rf"Export ready: {re.escape(filename)}"))
    return toast


def add_task(demo: Demo) -> None:
    """Add a task and wait for its toast: a response that would carry any
    inbox message pending for this visitor, in the same ``HX-Trigger``."""
    title = f"Inbox check #{next(_numbers)}"
    demo.add_task(title)
    expect(demo.toasts(f"Added “{title}”.")).to_have_count(1)


def until(action: Callable[[], object], check: Callable[[], None]) -> None:
    """Repeat ``action`` until ``check`` (a Playwright assertion with a short
    timeout) passes: for what happens on its own time, the job. 15 s at most."""
    deadline = time.monotonic() + 15
    while True:
        action()
        try:
            check()
            return
        except AssertionError:
            if time.monotonic() > deadline:
                raise


@pytest.fixture(autouse=True)
def no_stream(context: BrowserContext) -> None:
    context.add_init_script(NO_STREAM)


@pytest.fixture
def visitor(browser: Browser, demo_url: str) -> Iterator[Callable[[str], Demo]]:
    """Another visitor on htmx 2 or 4: a new browser context (its own cookies)."""
    opened: list[tuple[Page, Problems]] = []

    def new(htmx_version: str) -> Demo:
        context = browser.new_context()
        context.add_init_script(NO_STREAM)
        page = context.new_page()
        found = watch(page)
        opened.append((page, found))
        demo = Demo(page, demo_url, found)
        if htmx_version != "2":
            demo.switch(htmx=htmx_version)
        demo.open("/")
        return demo

    yield new
    for page, _ in opened:
        page.context.close()
    assert [p for _, found in opened for p in found.unexpected()] == []


@pytest.fixture
def ada(app: Demo, htmx_version: str) -> Demo:
    """The demo, logged in as ada, on htmx 2 or 4."""
    log_in(app, "ada")
    # Logging in keeps the session's switches (Django cycles the session key).
    app.page.wait_for_function("() => window.htmx !== undefined")  # deferred
    assert app.page.evaluate("htmx.version").startswith(f"{htmx_version}.")
    return app


def test_the_export_toast_shows_on_a_later_click_exactly_once(ada: Demo) -> None:
    filename = start_export(ada)
    toast = ready(ada, filename)
    tasks = ada.page.get_by_role("navigation").get_by_role("link", name="Tasks")

    def follow_tasks() -> None:
        with ada.page.expect_response(ada.url + "/"):
            tasks.click()

    # Boosted navigation until the job is done: its toast rides on the first
    # response after that.
    until(follow_tasks, lambda: expect(toast).to_have_count(1, timeout=500))
    expect(toast).to_contain_text("Background job done")  # its title
    # Its key is the "Exporting…" toast's: it took that toast's place.
    expect(ada.toasts(re.compile(re.escape(filename)))).to_have_count(1)
    expect(ada.toasts("Exporting…")).to_have_count(0)
    # Carried across boosted navigation as any toast, never shown twice.
    ada.page.get_by_role("navigation").get_by_role("link", name="Playground").click()
    expect(ada.page.get_by_role("heading", name="Playground")).to_be_visible()
    expect(toast).to_have_count(1)
    # Delivered for good: neither a full page nor an htmx response brings it back.
    ada.open("/")
    expect(toast).to_have_count(0)
    add_task(ada)
    expect(toast).to_have_count(0)


def test_the_export_toast_is_for_its_user_only(
    ada: Demo, visitor: Callable[[str], Demo], htmx_version: str
) -> None:
    grace = visitor(htmx_version)
    log_in(grace, "grace")
    anonymous = visitor(htmx_version)
    filename = start_export(ada)

    # ada's admin, in a second tab, shows when the job has stored its toast.
    admin = ada.page.context.new_page()
    admin_problems = watch(admin)
    row = (
        admin.get_by_role("row")
        .filter(has_text=filename)
        .filter(has=admin.get_by_role("cell", name="ada", exact=True))
    )
    until(
        lambda: admin.goto(f"{ada.url}{INBOX_ADMIN}?q={filename}"),
        lambda: expect(row).to_have_count(1, timeout=250),
    )
    expect(row).to_contain_text("pending")

    # Pending now: grace and an anonymous visitor get pages and htmx responses.
    for other in (grace, anonymous):
        other.open("/")
        expect(other.page.get_by_role("heading", name="Tasks")).to_be_visible()
        expect(other.toasts("Export ready")).to_have_count(0)
        add_task(other)
        expect(other.toasts("Export ready")).to_have_count(0)
    expect(anonymous.page.get_by_role("button", name="Start export")).to_have_count(0)
    admin.reload()
    expect(row).to_contain_text("pending")

    # ada's very next response that shows messages delivers it.
    add_task(ada)
    expect(ready(ada, filename)).to_have_count(1)
    admin.reload()
    expect(row).to_contain_text("delivered")
    assert admin_problems.unexpected() == []


def test_logging_in_and_out(app: Demo) -> None:
    # Logged out: the tasks work; the page says the inbox needs a login.
    expect(app.page.get_by_role("button", name="Start export")).to_have_count(0)
    expect(app.page.locator(".inbox")).to_contain_text("needs an account")
    add_task(app)
    app.page.locator(".site-header").get_by_role("link", name="Log in").click()
    expect(app.page.get_by_role("heading", name="Log in")).to_be_visible()
    accounts = app.page.locator(".accounts")
    expect(accounts).to_contain_text("ada / ada-demo: superuser")
    expect(accounts).to_contain_text("grace / grace-demo")
    # A wrong password: the form again, with an error toast.
    app.page.get_by_label("Username").fill("grace")
    app.page.get_by_label("Password").fill("wrong")
    app.page.get_by_role("button", name="Log in").click()
    expect(app.toasts("Not signed in: check the username and password.")).to_have_count(
        1
    )
    log_in(app, "grace")
    header = app.page.locator(".site-header__user")
    expect(header.get_by_role("link", name="Admin")).to_have_count(0)  # not staff
    expect(app.page.get_by_role("button", name="Start export")).to_be_visible()
    header.get_by_role("button", name="Log out").click()
    expect(app.toasts("Signed out.")).to_have_count(1)
    expect(header.get_by_role("link", name="Log in")).to_be_visible()
    expect(app.page.get_by_role("button", name="Start export")).to_have_count(0)


def test_the_admin_sends_a_message_to_a_user(
    demo: Demo, visitor: Callable[[str], Demo]
) -> None:
    # Not per htmx version: the admin has no htmx, and grace's page is a full page.
    log_in(demo, "ada")
    grace = visitor("2")
    log_in(grace, "grace")
    page = demo.page
    demo.open("/admin/auth/user/")
    page.get_by_role("row").filter(has_text="grace").get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option(
        label="Send a message to the selected users"
    )
    page.get_by_role("button", name=re.compile(r"^(Go|Run)$")).click()
    expect(page.get_by_role("heading", name="Send a message")).to_be_visible()
    page.get_by_label("Message").fill("Your account was upgraded.")
    page.get_by_label("Level").select_option(label="Success")
    page.get_by_label("Title").fill("From the admin")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Message sent to 1 user.")).to_be_visible()

    toast = grace.toasts("Your account was upgraded.")
    grace.open("/")
    expect(toast).to_have_count(1)
    expect(toast).to_contain_text("From the admin")
    grace.open("/")
    expect(toast).to_have_count(0)
    demo.open("/")  # ada sent it; it is not hers
    expect(demo.toasts("Your account was upgraded.")).to_have_count(0)
