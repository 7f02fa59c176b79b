"""Live delivery across a browser's tabs, in Chromium: the stream passes to
another tab when its leader closes or stays hidden, a new leader's replay
shows nothing twice, and without Web Locks each tab streams on its own."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.conftest import toasts
from tests.inbox.e2e.live_helpers import (
    NO_WEB_LOCKS,
    PAGE,
    RECORD_STREAMS,
    STREAM,
    LiveServer,
    hide,
    stream_requests,
    two_tabs,
    wait_for_stream,
)
from toastkit.inbox import api as inbox

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

#: Pings a minute apart: a test drives the page's clock seconds ahead, and
#: the client's watchdog must not see the (real-time) pings stop.
LIVE_PING = 60


def test_a_closed_leaders_stream_passes_to_the_remaining_tab(
    logged_in: BrowserContext, page: Page, live: LiveServer, user: User
) -> None:
    requests = stream_requests(logged_in)
    other = two_tabs(page, live)
    with other.expect_request(lambda r: STREAM in r.url):
        page.close()
    inbox.info(user, "Export ready")
    expect(toasts(other)).to_contain_text(["Export ready"], timeout=1000)
    assert [r.frame.page for r in requests] == [page, other]


def test_a_leader_hidden_for_ten_seconds_passes_the_stream_to_a_visible_tab(
    logged_in: BrowserContext, page: Page, live: LiveServer, user: User
) -> None:
    logged_in.clock.install(time=0)
    logged_in.clock.pause_at(1000)
    logged_in.add_init_script(RECORD_STREAMS)
    other = two_tabs(page, live)
    hide(page)
    logged_in.clock.run_for(9_900)
    assert page.evaluate("window.__streams[0].source.readyState") == 1  # OPEN
    assert other.evaluate("window.__streams.length") == 0
    with other.expect_request(lambda r: STREAM in r.url):
        logged_in.clock.run_for(100)
    assert page.evaluate("window.__streams[0].source.readyState") == 2  # CLOSED
    inbox.info(user, "Export ready")
    expect(toasts(other)).to_contain_text(["Export ready"], timeout=1000)


def test_a_new_leaders_replay_shows_nothing_twice(
    logged_in: BrowserContext, page: Page, live: LiveServer, user: User
) -> None:
    page.goto(live.url + PAGE)
    wait_for_stream(page)
    key = page.evaluate(
        "Object.keys(localStorage).find((k) => k.startsWith('toastkit-live:last'))"
    )
    opening = page.evaluate("(key) => localStorage.getItem(key)", key)
    inbox.info(user, "Shown once", sticky=True)
    expect(toasts(page)).to_contain_text(["Shown once"], timeout=1000)
    later = logged_in.new_page()  # opened after the toast: it shows none
    later.goto(live.url + PAGE)
    # The shared position as a leader that died before storing the toast's
    # id left it: the new leader's stream sends the toast again.
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [key, opening])
    with later.expect_request(lambda r: STREAM in r.url) as replay:
        page.close()
    assert f"last={opening.replace('@', '%40')}" in replay.value.url
    inbox.info(user, "Sent after", sticky=True)
    expect(toasts(later)).to_contain_text(["Sent after"], timeout=1000)
    expect(toasts(later).filter(has_text="Shown once")).to_have_count(0)


def test_without_web_locks_each_tab_streams_and_shows_a_toast_once(
    logged_in: BrowserContext, page: Page, live: LiveServer, user: User
) -> None:
    logged_in.add_init_script(NO_WEB_LOCKS)
    requests = stream_requests(logged_in)
    other = two_tabs(page, live)
    inbox.info(user, "Export ready", sticky=True)
    for tab in (page, other):
        expect(toasts(tab)).to_have_text(["Export ready"], timeout=1000)
    assert sorted(id(r.frame.page) for r in requests) == sorted([id(page), id(other)])
