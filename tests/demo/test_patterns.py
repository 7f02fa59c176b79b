"""The demo's modal form and its boosted navigation narrowed by hx-select,
on htmx 2 and 4: each toast shows once, above the dialog, and stays usable."""

from __future__ import annotations

import itertools

import pytest
from playwright.sync_api import expect

from tests.demo.conftest import Demo

pytestmark = pytest.mark.e2e

_numbers = itertools.count(1)


def unique(title: str) -> str:
    """The tests share one database; unique titles keep them apart."""
    return f"{title} (patterns #{next(_numbers)})"


def open_quick_add(app: Demo) -> None:
    app.page.get_by_role("button", name="Quick add…").click()
    expect(app.page.get_by_role("dialog", name="Quick add")).to_be_visible()


def test_a_task_added_in_the_modal_dialog_toasts_above_it(app: Demo) -> None:
    title = unique("From the dialog")
    open_quick_add(app)
    dialog = app.page.get_by_role("dialog", name="Quick add")
    dialog.get_by_label("Title").fill(title)
    dialog.get_by_role("button", name="Add in the dialog").click()
    toast = app.toasts(f"Added “{title}”.")
    expect(toast).to_have_count(1)
    toast.get_by_role("button", name="Dismiss").click()  # reachable over the backdrop
    expect(toast).to_have_count(0)
    expect(dialog).to_be_visible()
    expect(app.task(title)).to_be_visible()


def test_escape_closes_the_quick_add_dialog_and_keeps_the_toast(app: Demo) -> None:
    app.problems.allow(r"status of 422")
    open_quick_add(app)
    dialog = app.page.get_by_role("dialog", name="Quick add")
    dialog.get_by_role("button", name="Add in the dialog").click()  # empty: 422
    toast = app.toasts("The task was not added: check the form.")
    expect(toast).to_have_count(1)
    app.page.keyboard.press("Alt+KeyT")  # Escape is toastkit's only in the region
    expect(toast.locator(".toastkit-toast__body")).to_be_focused()
    app.page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(toast).to_be_visible()


def test_saving_an_edit_over_boosted_hx_select_shows_the_toast_once(app: Demo) -> None:
    title = unique("Rename me")
    app.add_task(title)
    expect(app.task(title)).to_be_visible()
    app.page.get_by_role("link", name=f"Edit “{title}”").click()
    expect(app.page.get_by_role("heading", name="Edit task")).to_be_visible()
    app.page.get_by_label("Title").fill(title + " renamed")
    with app.page.expect_response("**/edit/") as posted:
        app.page.get_by_role("button", name="Save").click()
    assert posted.value.request.headers.get("hx-request") == "true"
    expect(app.toasts(f"Saved “{title} renamed”.")).to_have_count(1)
    expect(app.page.get_by_role("heading", name="Tasks")).to_be_visible()
    app.page.get_by_role("link", name="Playground").click()
    expect(app.page.get_by_role("heading", name="Playground")).to_be_visible()
    expect(app.toasts(f"Saved “{title} renamed”.")).to_have_count(1)
