"""Randomized: two users, two browsers, and inbox messages arriving throughout.

Hypothesis drives interleaved htmx requests (some answered with a redirect,
``HX-Redirect`` or an error), full pages, overlapping requests, logouts,
logins and a staff login as the other user, with ``notify()`` between them.
After every step, each message shown was shown once, to its addressee. At the
end every message was shown exactly once, or is still pending and shows once
its user comes back.

Overlap is modelled as in test_claim.py: both requests leave with the same
cookies, and the Set-Cookie of the one that answers last wins.
"""

from __future__ import annotations

import copy
from collections import Counter

import pytest
from django.contrib.auth.models import User
from django.http import HttpResponseBase
from django.test import Client
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from tests.conftest import HTMX
from tests.inbox.helpers import drain, shown
from toastkit import inbox
from toastkit.inbox.models import InboxMessage

pytestmark = pytest.mark.django_db

USERNAMES = ("alice", "bob")
#: What an htmx request's view answers (tests/views.py, RESPONSES).
KINDS = ("no-content", "ok", "unprocessable", "redirect", "client-redirect")


class Browser:
    """A browser: its cookies (a test client) and who it is logged in as."""

    def __init__(self) -> None:
        self.client = Client()
        self.who: str | None = None


class SharedBrowsers(RuleBasedStateMachine):
    browsers = Bundle("browsers")

    def __init__(self) -> None:
        super().__init__()
        InboxMessage.objects.all().delete()
        self.users = {name: User.objects.get(username=name) for name in USERNAMES}
        self.owner: dict[str, str] = {}  # toast id -> addressee
        self.seen: Counter[str] = Counter()
        self.misdelivered: list[tuple[str, str | None]] = []

    @initialize(target=browsers)
    def a_browser(self) -> Browser:
        return Browser()

    @rule(target=browsers)
    def another_browser(self) -> Browser:
        return Browser()

    @rule(
        name=st.sampled_from(USERNAMES),
        # notify() refuses NUL and lone surrogates (not UTF-8) with ValueError.
        text=st.text(
            st.characters(codec="utf-8", exclude_characters="\x00"), max_size=80
        ),
    )
    def notify(self, name: str, text: str) -> None:
        if not text.strip():
            text = "blank"
        (row,) = inbox.info(self.users[name], text)
        self.owner[row.toast_id] = name

    def saw(self, browser: Browser, who: str | None, ids: list[str]) -> None:
        """``ids`` reached ``browser``, whose user was ``who`` when it asked."""
        for toast_id in ids:
            if toast_id not in self.owner:
                continue  # a message of the request's own
            self.seen[toast_id] += 1
            if self.owner[toast_id] != who:
                self.misdelivered.append((toast_id, who))

    def visible(self, response: HttpResponseBase) -> list[str]:
        """What htmx shows of an htmx response: nothing when the page goes."""
        if 300 <= response.status_code < 400 or "HX-Redirect" in response:
            return []
        return shown(response)

    def htmx_request(self, browser: Browser, kind: str, text: str) -> None:
        who = browser.who
        response = browser.client.get(
            "/add/", {"kind": kind, "text": text}, headers=HTMX
        )
        self.saw(browser, who, self.visible(response))
        if 300 <= response.status_code < 400:  # the browser follows it for htmx
            followed = browser.client.get(response["Location"], headers=HTMX)
            self.saw(browser, who, self.visible(followed))
        elif "HX-Redirect" in response:  # htmx loads the page
            self.saw(browser, who, shown(browser.client.get(response["HX-Redirect"])))

    @rule(
        browser=browsers,
        kind=st.sampled_from(KINDS),
        text=st.sampled_from(["", "Saved", "x" * 300]),
    )
    def htmx(self, browser: Browser, kind: str, text: str) -> None:
        self.htmx_request(browser, kind, text)

    @rule(browser=browsers)
    def page(self, browser: Browser) -> None:
        who = browser.who
        self.saw(browser, who, shown(browser.client.get("/page/")))

    @rule(browser=browsers, later_wins=st.booleans())
    def overlapping_htmx(self, browser: Browser, later_wins: bool) -> None:
        who = browser.who
        before = copy.deepcopy(browser.client.cookies)
        responses = []
        for _ in range(2):
            browser.client.cookies = copy.deepcopy(before)
            response = browser.client.get(
                "/add/", {"kind": "no-content", "text": ""}, headers=HTMX
            )
            responses.append(response)
            self.saw(browser, who, self.visible(response))
        browser.client.cookies = before
        for response in responses if later_wins else responses[::-1]:
            browser.client.cookies.update(response.cookies)

    @rule(browser=browsers, htmx=st.booleans())
    def log_out(self, browser: Browser, htmx: bool) -> None:
        who = browser.who
        if htmx:
            response = browser.client.get(
                "/inbox/log-out/client-redirect/", headers=HTMX
            )
            self.saw(browser, who, self.visible(response))
            browser.who = None
            browser.client.get(response["HX-Redirect"])
        else:
            self.saw(browser, who, shown(browser.client.get("/inbox/log-out/page/")))
            browser.who = None

    @rule(browser=browsers, name=st.sampled_from(USERNAMES))
    def log_in(self, browser: Browser, name: str) -> None:
        browser.client.force_login(self.users[name])  # the messages cookie stays
        browser.who = name

    @rule(browser=browsers, name=st.sampled_from(USERNAMES))
    def log_in_as(self, browser: Browser, name: str) -> None:
        """Impersonation: the page of the login renders {% toasts %} at once."""
        who = browser.who
        if who is None:
            return
        self.saw(browser, who, shown(browser.client.get(f"/inbox/log-in-as/{name}/")))
        browser.who = name

    @invariant()
    def each_message_shown_at_most_once_and_only_to_its_addressee(self) -> None:
        assert self.misdelivered == []
        assert [i for i, n in self.seen.items() if n > 1] == []

    def teardown(self) -> None:
        # Each user comes back on a browser of their own and sees the rest.
        for name, user in self.users.items():
            browser = Browser()
            browser.client.force_login(user)
            browser.who = name
            self.saw(browser, name, drain(browser.client))
        assert self.misdelivered == []
        assert sorted(self.seen.elements()) == sorted(self.owner)
        assert not InboxMessage.objects.filter(delivered_at__isnull=True).exists()


def test_every_inbox_message_is_shown_once_to_its_addressee_or_stays_pending() -> None:
    for name in USERNAMES:
        User.objects.create_user(name)
    run_state_machine_as_test(
        SharedBrowsers,
        settings=settings(
            max_examples=40,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
