"""``{% toasts %}`` switches live delivery on: the stream's URL on the
region and the live script after toastkit.js, only where a stream would
answer (toastkit.inbox's URLs included, a logged-in user)."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from toastkit.inbox.live.views import user_tag

pytestmark = pytest.mark.django_db

LIVE_SCRIPT = re.compile(r'<script src="[^"]*/toastkit-live(\.min)?\.js"></script>')


def page(client: Client) -> str:
    return client.get("/page/").content.decode()


@pytest.mark.urls("tests.inbox.live.urls")
def test_a_logged_in_page_announces_the_stream_and_loads_the_live_script(
    user: User,
) -> None:
    client = Client()
    client.force_login(user)
    html = page(client)
    assert f'data-toastkit-live="/toastkit/live/?u={user_tag(user.pk)}"' in html
    # Right after toastkit.js's script: the live script finds the region there.
    assert re.search(r"toastkit(\.min)?\.js\"></script>" + LIVE_SCRIPT.pattern, html)


@pytest.mark.urls("tests.inbox.live.urls")
def test_an_anonymous_page_has_no_live_delivery() -> None:
    html = page(Client())
    assert "data-toastkit-live" not in html
    assert not LIVE_SCRIPT.search(html)


def test_without_the_inbox_urls_a_page_has_no_live_delivery(user: User) -> None:
    client = Client()
    client.force_login(user)
    html = page(client)  # tests.inbox.urls: no toastkit.inbox.urls
    assert "data-toastkit-live" not in html
    assert not LIVE_SCRIPT.search(html)
