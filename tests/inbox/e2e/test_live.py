"""Live delivery in Chromium: a ``notify()`` from the test process reaches
the open pages of a logged-in user with nothing clicked, one stream for all
the browser's tabs, and a dismissal in one tab clears the others.

The pages are the browser tests' own, under their strict CSP, served by
uvicorn in a process of its own (tests/inbox/e2e/live_helpers.py). Run
with the inbox's settings:

    pytest -p no:randomly tests/inbox/e2e/test_live.py --ds tests.inbox.settings
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.conftest import toasts
from tests.inbox.conftest import pending
from tests.inbox.e2e.live_helpers import (
    ALL_DOORBELLS,
    PAGE,
    LiveServer,
    stream_requests,
    two_tabs,
    wait_for_stream,
)
from toastkit.inbox import api as inbox

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    # What a user sees, under each doorbell (the server fixture's parameter).
    pytest.mark.parametrize("live", ALL_DOORBELLS, indirect=True, scope="module"),
]


def test_a_notified_message_shows_on_the_open_page_with_nothing_clicked(
    logged_in: BrowserContext, page: Page, live: LiveServer, user: User
) -> None:
    page.goto(live.url + PAGE)
    wait_for_stream(page)
    inbox.info(user, "Export ready")
    expect(toasts(page)).to_contain_text(["Export ready"], timeout=1000)


def test_two_tabs_show_the_message_over_one_stream(
    logged_in: BrowserContext, page: Page, live: LiveServer, user: User
) -> None:
    requests = stream_requests(logged_in)
    other = two_tabs(page, live)
    inbox.info(user, "Export ready")
    for tab in (page, other):
        expect(toasts(tab)).to_contain_text(["Export ready"], timeout=1000)
    assert len(requests) == 1


def test_dismissing_in_one_tab_dismisses_in_the_other(
    logged_in: BrowserContext, page: Page, live: LiveServer, user: User
) -> None:
    other = two_tabs(page, live)
    inbox.info(user, "Export ready", sticky=True)
    for tab in (page, other):
        expect(toasts(tab)).to_contain_text(["Export ready"], timeout=1000)
    other.get_by_role("button", name="Dismiss").click()
    expect(toasts(page)).to_have_count(0)


def test_a_notify_from_another_process_shows_in_two_tabs(
    logged_in: BrowserContext, page: Page, live: LiveServer, user: User
) -> None:
    other = two_tabs(page, live)
    live.manage("notify", user.username, "Export ready")
    for tab in (page, other):
        expect(toasts(tab)).to_contain_text(["Export ready"], timeout=1000)


def test_a_killed_and_restarted_server_loses_nothing_and_doubles_nothing(
    logged_in: BrowserContext, page: Page, live: LiveServer, user: User
) -> None:
    page.goto(live.url + PAGE)
    wait_for_stream(page)
    inbox.info(user, "Before", sticky=True)
    expect(toasts(page)).to_contain_text(["Before"], timeout=1000)
    live.kill()
    inbox.info(user, "While down", sticky=True)
    live.start()
    expect(toasts(page).filter(has_text="While down")).to_have_count(1, timeout=5000)
    inbox.info(user, "After", sticky=True)
    expect(toasts(page).filter(has_text="After")).to_have_count(1, timeout=2000)
    expect(toasts(page)).to_have_count(3)
    assert pending(user) == []
