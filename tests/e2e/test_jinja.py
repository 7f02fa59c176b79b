"""A page rendered by Django's Jinja2 backend, with ``{{ toasts() }}``
(toastkit.jinja): server toasts, toasts over htmx, dismissing."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from playwright.sync_api import Page, expect

from tests.e2e.conftest import toasts
from tests.e2e.helpers import HTMX


@HTMX
def test_a_jinja2_page_shows_server_and_htmx_toasts_and_dismisses_them(
    page: Page, live_server: Any, htmx_version: int
) -> None:
    query = urlencode({"text": "From the server", "level": 25})
    response = page.goto(f"{live_server.url}/e2e/jinja{htmx_version}/?{query}")
    assert response is not None
    html = response.text()
    assert "rendered by Jinja2" in html
    # The request's nonce (no csp_nonce in the Jinja2 context).
    assert re.search(r'toastkit[.a-z]*\.js" nonce="[^"]+"', html)
    region = page.get_by_role("region", name="Notifications")
    expect(
        region.get_by_role("status").filter(has_text="From the server")
    ).to_be_visible()

    page.get_by_role("button", name="Save").click()
    expect(region.get_by_role("status").filter(has_text="Task saved")).to_be_visible()
    expect(toasts(page)).to_have_text(["From the server", "Task saved"])

    for text in ("Task saved", "From the server"):
        toasts(page).filter(has_text=text).get_by_role("button", name="Dismiss").click()
        expect(page.get_by_text(text, exact=True)).to_have_count(0)
    expect(toasts(page)).to_have_count(0)
