"""The task app's flows, on htmx 2 and 4: each one shows its toast exactly once."""

from __future__ import annotations

import itertools

import pytest
from playwright.sync_api import expect

from tests.demo.conftest import Demo

pytestmark = pytest.mark.e2e

_numbers = itertools.count(1)


def unique(title: str) -> str:
    """Tests share one database; unique titles keep them apart."""
    return f"{title} #{next(_numbers)}"


def test_adding_a_task_shows_a_success_toast_and_refreshes_the_counter(
    app: Demo,
) -> None:
    title = unique("Buy milk")
    app.add_task(title)
    expect(app.page.locator("#task-list").get_by_text(title)).to_be_visible()
    expect(app.toasts(f"Added “{title}”.")).to_have_count(1)
