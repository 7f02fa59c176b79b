"""The demo's live delivery: "Start export" ends in "Export ready" on the
pages the user has open, with nothing clicked, on htmx 2 and 4.

The demo includes ``toastkit.inbox``'s URLs, so ``{% toasts %}`` opens the
live stream for a logged-in user. The demo server here is ``runserver``'s
(tests/demo/serve.py: Django's threaded development server and static
files handler, what the README's ``./scripts/demo.sh`` runs), with the
default ``poll`` doorbell and no other service. The job finishes after
``DEMO_EXPORT_DELAY`` = 0.5 s (conftest.py); the assertions wait for it
by themselves, within Playwright's timeout.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.demo.conftest import Demo, watch
from tests.demo.test_inbox import NO_STREAM, log_in, ready, start_export

pytestmark = pytest.mark.e2e


@pytest.fixture
def ada(app: Demo) -> Iterator[Demo]:
    """The demo on the tasks page, logged in as ada: live delivery on.

    Logged out afterwards: under WSGI a stream learns that its browser has
    gone only when a write fails (a ping, 20 s), and until then it would
    claim ada's toasts for the next test. A stream checks its session before
    each claim, so after the logout it claims nothing.
    """
    log_in(app, "ada")
    yield app
    app.open("/")
    app.page.locator(".site-header").get_by_role("button", name="Log out").click()
    expect(app.toasts("Signed out.")).to_have_count(1)


@pytest.fixture
def second_tab(ada: Demo) -> Iterator[Demo]:
    """Another tab of ada's browser (same context, same session)."""
    page = ada.page.context.new_page()
    found = watch(page)
    yield Demo(page, ada.url, found)
    assert found.unexpected() == []


def test_the_demo_is_served_by_runserver(ada: Demo) -> None:
    response = ada.page.request.get(ada.url + "/")
    assert response.headers["server"].startswith("WSGIServer/")


def test_export_ready_shows_live_in_each_tab(ada: Demo, second_tab: Demo) -> None:
    second_tab.open("/playground/")
    expect(second_tab.page.get_by_role("heading", name="Playground")).to_be_visible()
    requests: list[str] = []
    ada.page.on("request", lambda request: requests.append(request.url))

    filename = start_export(ada)

    # Nothing more is clicked or loaded: the toast comes down the stream.
    toast = ready(ada, filename)
    expect(toast).to_have_count(1)
    expect(toast).to_contain_text("Background job done")
    expect(toast.get_by_role("button", name="Download")).to_be_visible()
    # Its key is the "Exporting…" toast's: it took that toast's place.
    expect(ada.toasts(re.compile(re.escape(filename)))).to_have_count(1)
    expect(ada.toasts("Exporting…")).to_have_count(0)
    expect(ready(second_tab, filename)).to_have_count(1)
    # No request brought it: the page sent the export's POST, nothing else.
    assert [url for url in requests if "/toastkit/live/" not in url] == [
        ada.url + "/tasks/export/"
    ]


def test_export_ready_downloads_the_csv(ada: Demo, tmp_path: Path) -> None:
    filename = start_export(ada)
    toast = ready(ada, filename)
    count = re.search(r"(\d+) tasks?\.", toast.inner_text())
    assert count is not None
    with ada.page.expect_download() as started:
        toast.get_by_role("button", name="Download").click()
    download = started.value
    assert download.suggested_filename == filename
    saved = tmp_path / filename
    download.save_as(saved)
    rows = list(csv.reader(io.StringIO(saved.read_text(encoding="utf-8"))))
    assert rows[0] == ["title", "done", "created"]
    assert len(rows) - 1 == int(count.group(1))
    # Whatever earlier tests did to ada's tasks (the demo server is shared
    # by a worker's tests): each row a task, done or not.
    assert {row[1] for row in rows[1:]} <= {"yes", "no"}
    # The toast was answered, so it is gone; the page is still the tasks page.
    expect(toast).to_have_count(0)
    expect(ada.page.get_by_role("heading", name="Tasks")).to_be_visible()


def test_only_its_user_downloads_an_export(ada: Demo, browser: Browser) -> None:
    filename = start_export(ada)
    form = (
        ready(ada, filename)
        .locator("form")
        .filter(has=ada.page.get_by_role("button", name="Download"))
    )
    url = ada.url + str(form.get_attribute("action"))
    assert ada.page.request.get(url, max_redirects=0).status == 200
    # Another browser, logged in as grace: the export is not hers.
    context = browser.new_context()
    context.add_init_script(NO_STREAM)  # no stream left to claim grace's toasts
    try:
        grace = Demo(context.new_page(), ada.url, ada.problems)
        log_in(grace, "grace")
        assert grace.page.request.get(url, max_redirects=0).status == 404
    finally:
        context.close()
