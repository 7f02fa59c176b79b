"""Live delivery when the stream fails, in Chromium: pings that stop, a
server that answers 502 or 204, a crash and restart, a logout elsewhere.

Time is the page's (``page.clock``); a stream the test wants silent or
failing is answered by ``page.route`` on the page's way to the real
server.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import BrowserContext, Page, Route, expect

from tests.e2e.conftest import toasts
from tests.inbox.e2e.live_helpers import (
    COUNT_ANSWERS,
    PAGE,
    RECORD_STREAMS,
    STREAM,
    LiveServer,
    streams_opened,
    wait_for_stream,
)
from toastkit.inbox import api as inbox

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

STREAM_URL = re.compile(re.escape(STREAM))
#: The reconnect delays, each jittered down to half: 1 s doubling to 60 s.
DELAYS = [1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]


def silent_stream(route: Route) -> None:
    """A stream that says its pings come each second, then none comes (and
    the browser's own reconnect waits an hour)."""
    route.fulfill(
        status=200,
        content_type="text/event-stream",
        body='retry: 3600000\nid: @1\nevent: ready\ndata: {"ping":1000}\n\n',
    )


def answer(status: int) -> Callable[[Route], None]:
    return lambda route: route.fulfill(status=status, body="")


@pytest.fixture
def paused(logged_in: BrowserContext, page: Page) -> Page:
    """The page with its clock stopped, recording its streams and answers."""
    page.clock.install(time=0)
    page.clock.pause_at(1000)
    page.add_init_script(RECORD_STREAMS)
    page.add_init_script(COUNT_ANSWERS)
    return page


def answered(page: Page, count: int) -> None:
    """The client had ``count`` answers to its question after a closed
    stream (so it scheduled what comes next)."""
    page.wait_for_function(f"() => window.__answered >= {count}", polling=20)


def test_a_stream_whose_pings_stop_is_reopened_after_two_and_a_half_pings(
    paused: Page, live: LiveServer
) -> None:
    paused.route(STREAM_URL, silent_stream)
    paused.goto(live.url + PAGE)
    wait_for_stream(paused)
    paused.clock.run_for(2499)
    assert streams_opened(paused) == 1
    paused.clock.run_for(1 + 1000)  # the watchdog, then at most a second's backoff
    assert streams_opened(paused) == 2
    assert paused.evaluate("window.__streams[0].source.readyState") == 2  # CLOSED


def test_reconnects_after_502s_double_from_one_second_to_a_minute_with_jitter(
    paused: Page, live: LiveServer
) -> None:
    paused.route(STREAM_URL, answer(502))
    paused.goto(live.url + PAGE)
    for failures, delay in enumerate(DELAYS, start=1):
        answered(paused, failures)
        paused.clock.run_for(delay // 2 - 1)
        assert streams_opened(paused) == failures, f"before half of {delay} ms"
        paused.clock.run_for(delay // 2 + 1)
        assert streams_opened(paused) == failures + 1, f"by {delay} ms"
    opened = paused.evaluate("window.__streams.map((stream) => stream.at)")
    fractions = {
        (b - a) / d for (a, b), d in zip(pairwise(opened), DELAYS, strict=True)
    }
    assert len(fractions) > 1, "the delays are jittered"


def test_a_502_is_tried_again_for_minutes(paused: Page, live: LiveServer) -> None:
    paused.route(STREAM_URL, answer(502))
    paused.goto(live.url + PAGE)
    for _ in range(60):  # ten minutes, ten seconds at a time
        answered(paused, streams_opened(paused))
        paused.clock.run_for(10_000)
    opened = paused.evaluate("window.__streams.map((stream) => stream.at)")
    assert len(opened) > 10
    assert max(b - a for a, b in pairwise(opened)) <= 60_000 + 10_000


def test_a_204_stops_reconnecting(paused: Page, live: LiveServer) -> None:
    asked: list[str] = []

    def logged_out(route: Route) -> None:
        asked.append(route.request.resource_type)
        route.fulfill(status=204)

    paused.route(STREAM_URL, logged_out)
    paused.goto(live.url + PAGE)
    answered(paused, 1)
    for _ in range(10):
        paused.clock.run_for(60_000)
    paused.evaluate("0")  # a round trip: a request made by now is seen
    assert streams_opened(paused) == 1
    assert asked == ["eventsource", "fetch"]


def test_a_logout_in_another_tab_ends_the_stream_and_nothing_shows_after(
    logged_in: BrowserContext, page: Page, live: LiveServer, user: User
) -> None:
    page.goto(live.url + PAGE)
    wait_for_stream(page)
    other = logged_in.new_page()
    other.goto(live.url + PAGE)
    with (
        page.expect_request_finished(lambda r: STREAM in r.url, timeout=1500),
        page.expect_response(lambda r: STREAM in r.url and r.status == 204),
    ):
        other.goto(live.url + "/inbox/log-out/page/")
    inbox.info(user, "After the logout", sticky=True)
    # Logged in again, the next request shows it: the old page took nothing.
    other.goto(live.url + f"/inbox/log-in-as/{user.username}/")
    expect(toasts(other)).to_contain_text(["After the logout"])
    expect(toasts(page)).to_have_count(0)
