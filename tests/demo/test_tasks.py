"""The task app's flows, on htmx 2 and 4: each one shows its toast exactly once."""

from __future__ import annotations

import itertools

import pytest
from playwright.sync_api import expect

from tests.demo.conftest import Demo

pytestmark = pytest.mark.e2e

_numbers = itertools.count(1)


def unique(title: str) -> str:
    """The tests share one database; unique titles keep them apart."""
    return f"{title} #{next(_numbers)}"


def added(app: Demo, title: str) -> None:
    app.add_task(title)
    expect(app.task(title)).to_be_visible()
    toast = app.toasts(f"Added “{title}”.")
    expect(toast).to_have_count(1)
    toast.get_by_role("button", name="Dismiss").click()
    expect(toast).to_have_count(0)


def test_an_invalid_form_is_a_422_with_its_errors_and_an_error_toast(app: Demo) -> None:
    app.problems.allow(r"status of 422")  # Chromium logs every 4xx response
    with app.page.expect_response("**/tasks/add/") as response:
        app.add_task("")
    assert response.value.status == 422
    expect(app.page.get_by_text("A task needs a title.")).to_be_visible()
    toast = app.toasts("The task was not added: check the form.")
    expect(toast).to_have_count(1)
    expect(toast.get_by_role("alert")).to_have_count(1)


def expect_counter_to_match_the_list(app: Demo) -> None:
    rows = app.page.locator("#task-list .task")
    done = rows.and_(app.page.locator(".task--done")).count()
    expect(app.page.locator("#task-counter")).to_have_text(
        f"{rows.count() - done} open · {done} done"
    )


def test_completing_a_task_shows_an_info_toast_and_the_view_event_updates_the_counter(
    app: Demo,
) -> None:
    title = unique("Water the plants")
    added(app, title)
    app.page.get_by_role("button", name=f"Complete “{title}”").click()
    expect(app.page.get_by_role("button", name=f"Reopen “{title}”")).to_be_visible()
    expect(app.toasts(f"Completed “{title}”.")).to_have_count(1)
    expect_counter_to_match_the_list(app)
    app.page.get_by_role("button", name=f"Reopen “{title}”").click()
    expect(app.page.get_by_role("button", name=f"Complete “{title}”")).to_be_visible()
    expect(app.toasts(f"Reopened “{title}”.")).to_have_count(1)
    expect_counter_to_match_the_list(app)
    expect(app.toasts(f"Completed “{title}”.")).to_have_count(1)


def test_deleting_is_a_204_whose_toast_and_events_still_arrive(app: Demo) -> None:
    title = unique("Call the plumber")
    added(app, title)
    with app.page.expect_response("**/delete/") as response:
        app.page.get_by_role("button", name=f"Delete “{title}”").click()
    assert response.value.status == 204
    expect(app.toasts(f"Deleted “{title}”.")).to_have_count(1)
    expect(app.task(title)).to_have_count(0)
    expect_counter_to_match_the_list(app)


def test_undo_brings_a_deleted_task_back_and_replaces_its_toast(app: Demo) -> None:
    title = unique("Water the plants")
    added(app, title)
    app.page.get_by_role("button", name=f"Delete “{title}”").click()
    deleted = app.toasts(f"Deleted “{title}”.")
    expect(app.task(title)).to_have_count(0)
    with app.page.expect_response("**/tasks/restore/") as response:
        deleted.get_by_role("button", name="Undo").click()
    assert response.value.status == 204
    expect(app.toasts(f"Restored “{title}”.")).to_have_count(1)
    expect(deleted).to_have_count(0)
    expect(app.task(title)).to_be_visible()  # the list reloaded on the events
    expect_counter_to_match_the_list(app)
    app.page.reload()  # stored for good
    expect(app.task(title)).to_be_visible()
    expect(app.toasts()).to_have_count(0)


def test_the_undo_toast_waits_for_the_user(app: Demo) -> None:
    app.page.clock.install()
    app.open("/")
    title = unique("Sort the mail")
    app.add_task(title)
    expect(app.task(title)).to_be_visible()
    app.page.get_by_role("button", name=f"Delete “{title}”").click()
    deleted = app.toasts(f"Deleted “{title}”.")
    expect(deleted).to_have_count(1)
    expect(app.task(title)).to_have_count(0)  # the list has reloaded
    app.page.clock.run_for(30_000)  # a success toast's 5 s, six times over
    expect(deleted).to_have_count(1)
    expect(app.toasts(f"Added “{title}”.")).to_have_count(0)


def test_the_classic_edit_page_shows_its_toast_after_the_redirect_once(
    app: Demo,
) -> None:
    title = unique("Renew passport")
    added(app, title)
    app.page.get_by_role("link", name=f"Edit “{title}”").click()
    expect(app.page.get_by_role("heading", name="Edit task")).to_be_visible()
    app.page.get_by_label("Title").fill(title + " (urgent)")
    app.page.get_by_role("button", name="Save").click()
    expect(app.page.get_by_role("heading", name="Tasks")).to_be_visible()
    expect(app.toasts(f"Saved “{title} (urgent)”.")).to_have_count(1)
    app.page.reload()
    expect(app.task(title + " (urgent)")).to_be_visible()
    expect(app.toasts()).to_have_count(0)


def test_the_classic_edit_page_shows_an_error_toast_with_the_form(app: Demo) -> None:
    title = unique("Fix the bike")
    added(app, title)
    app.page.get_by_role("link", name=f"Edit “{title}”").click()
    app.page.get_by_label("Title").fill("")
    app.page.get_by_role("button", name="Save").click()
    expect(app.page.get_by_text("A task needs a title.")).to_be_visible()
    expect(app.toasts("Not saved: check the form.")).to_have_count(1)


def test_hx_redirect_keeps_the_toast_for_the_next_page_and_shows_it_once(
    app: Demo,
) -> None:
    title = unique("Clean the garage")
    added(app, title)
    app.page.get_by_role("button", name=f"Complete “{title}”").click()
    expect(app.toasts(f"Completed “{title}”.")).to_have_count(1)
    with app.page.expect_navigation():
        app.page.get_by_role("button", name="Clear completed").click()
    expect(app.toasts(r"Cleared")).to_have_count(1)
    expect(app.page.get_by_text(title, exact=True)).to_have_count(0)
    # The toast of the previous page is not carried over, and nothing repeats.
    expect(app.toasts(f"Completed “{title}”.")).to_have_count(0)
    app.page.reload()
    expect(app.toasts()).to_have_count(0)


def test_boosted_navigation_keeps_the_page_and_toasts_still_show_once(
    app: Demo,
) -> None:
    app.page.evaluate("window.notReloaded = true")
    app.page.get_by_role("navigation").get_by_role("link", name="Playground").click()
    expect(app.page.get_by_role("heading", name="Playground")).to_be_visible()
    expect(app.page).to_have_title("Playground · toastkit demo")
    expect(app.page).to_have_url(app.url + "/playground/")
    app.page.get_by_role("navigation").get_by_role("link", name="Tasks").click()
    expect(app.page.get_by_role("heading", name="Tasks")).to_be_visible()
    expect(app.page).to_have_title("Tasks · toastkit demo")
    assert app.page.evaluate("window.notReloaded") is True
    title = unique("Boosted")
    app.add_task(title)
    expect(app.toasts(f"Added “{title}”.")).to_have_count(1)
    expect(app.toasts()).to_have_count(1)


def test_a_toast_survives_boosted_navigation_and_history_never_repeats_it(
    app: Demo,
) -> None:
    page = app.page
    page.clock.install()
    page.reload()
    title = unique("History")
    app.add_task(title)
    toast = app.toasts(f"Added “{title}”.")
    expect(toast).to_have_count(1)
    nav = page.get_by_role("navigation")
    nav.get_by_role("link", name="Playground").click()
    expect(page.get_by_role("heading", name="Playground")).to_be_visible()
    expect(toast).to_have_count(1)  # the same toast, carried to the new page
    page.go_back()
    expect(page.get_by_role("heading", name="Tasks")).to_be_visible()
    expect(toast).to_have_count(1)
    page.mouse.move(0, 0)
    page.clock.run_for(10_000)
    expect(toast).to_have_count(0)
    # Gone for good: neither history restore nor a new page brings it back.
    nav.get_by_role("link", name="Playground").click()
    expect(page.get_by_role("heading", name="Playground")).to_be_visible()
    page.go_back()
    expect(page.get_by_role("heading", name="Tasks")).to_be_visible()
    expect(app.task(title)).to_be_visible()
    expect(app.toasts()).to_have_count(0)
