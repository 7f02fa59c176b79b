"""The playground's buttons, on htmx 2 and 4: each shows what it promises, once."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Response, expect

from tests.demo.conftest import Demo

pytestmark = pytest.mark.e2e


@pytest.fixture
def playground(app: Demo) -> Demo:
    app.open("/playground/")
    return app


def press(demo: Demo, label: str) -> None:
    demo.page.get_by_role("button", name=label, exact=True).click()


@pytest.mark.parametrize(
    ("label", "text", "role", "tag"),
    [
        ("Debug", "Cache warmed in 12 ms.", "status", "is-debug"),
        ("Info", "A new report is ready.", "status", "is-info"),
        ("Success", "Profile saved.", "status", "is-success"),
        ("Warning", "Your trial ends in 3 days.", "status", "is-warning"),
        ("Error", "The payment was declined.", "alert", "is-error"),
    ],
)
def test_each_level_shows_once_with_its_message_tags_class(
    playground: Demo, label: str, text: str, role: str, tag: str
) -> None:
    press(playground, label)
    toast = playground.toasts(text)
    expect(toast).to_have_count(1)
    expect(toast.get_by_role(role)).to_have_count(1)
    expect(toast).to_have_class(re.compile(rf"\b{tag}\b"))
    expect(playground.toasts()).to_have_count(1)


def test_extra_tags_become_classes(playground: Demo) -> None:
    press(playground, "extra_tags")
    toast = playground.toasts("You found the party toast.")
    expect(toast).to_have_count(1)
    expect(toast).to_have_class(re.compile(r"\bcelebrate\b"))


def test_a_title_is_shown_above_the_message(playground: Demo) -> None:
    press(playground, "Title and duration")
    toast = playground.toasts("Your export is ready.")
    expect(toast).to_have_count(1)
    expect(toast.get_by_text("Export finished", exact=True)).to_be_visible()


def test_markup_is_shown_as_text(playground: Demo) -> None:
    press(playground, "Markup, escaped")
    toast = playground.toasts("<img src=x onerror=alert(1)> is only text.")
    expect(toast).to_have_count(1)
    expect(toast.locator("img")).to_have_count(0)


def test_a_mark_safe_message_keeps_its_link(playground: Demo) -> None:
    press(playground, "mark_safe")
    toast = playground.toasts("Saved. See your tasks.")
    expect(toast).to_have_count(1)
    expect(toast.get_by_role("link", name="See your tasks")).to_have_attribute(
        "href", "/"
    )


@pytest.mark.parametrize(
    ("label", "text"),
    [
        ("Long message", "each one, so that you can fix them and import them again."),
        ("Unicode", "Grüße, café, 東京, Ελληνικά 🎉"),
        ("Right-to-left", "تم حفظ المهمة «شراء الحليب»."),
        ("gettext_lazy", "Translated lazily."),
    ],
)
def test_content_arrives_intact(playground: Demo, label: str, text: str) -> None:
    press(playground, label)
    expect(playground.toasts(text)).to_have_count(1)


def delivered(response: Response) -> list[str]:
    """The messages an htmx response carries in its HX-Trigger header."""
    trigger = json.loads(response.headers.get("hx-trigger", "{}"))
    return [item["message"] for item in trigger["toastkit:messages"]["messages"]]


def test_a_burst_of_20_arrives_in_order_over_two_responses_each_once(
    playground: Demo,
) -> None:
    page = playground.page
    with page.expect_response("**/playground/toast/") as burst:
        press(playground, "Burst of 20")
    expect(playground.toasts(re.compile(r"^\s*Message 1 of 20\s*$"))).to_have_count(1)
    # What did not fit in TOASTKIT_HEADER_BUDGET rides on the next response.
    with page.expect_response("**/playground/toast/") as following:
        press(playground, "Info")
    messages = delivered(burst.value) + delivered(following.value)
    expected = [f"Message {n} of 20" for n in range(1, 21)]
    assert messages == [*expected, "A new report is ready."]
    assert len(delivered(following.value)) > 1
    texts = playground.toasts().all_inner_texts()
    assert len(texts) == len(set(texts))


def test_a_503_still_delivers_its_toast(playground: Demo) -> None:
    # Expected: Chromium logs each 5xx response, and htmx 2 logs it as an error.
    playground.problems.allow(r"status of 503")
    playground.problems.allow(r"Response Status Error Code 503")
    with playground.page.expect_response("**/playground/toast/") as response:
        press(playground, "503 response")
    assert response.value.status == 503
    toast = playground.toasts("The search service is down; the toast still arrives.")
    expect(toast).to_have_count(1)


def test_posting_without_htmx_renders_the_toast_with_the_page(playground: Demo) -> None:
    with playground.page.expect_navigation():
        press(playground, "Post without htmx")
    expect(playground.toasts("Profile saved.")).to_have_count(1)


def test_toasts_leave_after_their_duration_and_sticky_ones_stay(
    playground: Demo,
) -> None:
    page = playground.page
    page.clock.install()
    page.reload()
    press(playground, "Success")  # the level's duration: 5 s
    press(playground, "Title and duration")  # duration=10_000
    press(playground, "Sticky")  # sticky=True
    press(playground, "Error")  # errors are sticky by default
    success = playground.toasts("Profile saved.")
    titled = playground.toasts("Your export is ready.")
    sticky = playground.toasts("Maintenance tonight at 22:00 UTC.")
    error = playground.toasts("The payment was declined.")
    for toast in (success, titled, sticky, error):
        expect(toast).to_have_count(1)
    page.mouse.move(0, 0)  # hovering the toasts would pause their timers
    page.get_by_role("heading", name="Playground").click()  # focus leaves the buttons
    page.clock.run_for(6_000)
    expect(success).to_have_count(0)
    expect(titled).to_have_count(1)
    page.clock.run_for(5_000)
    expect(titled).to_have_count(0)
    page.clock.run_for(60_000)
    expect(sticky).to_have_count(1)
    expect(error).to_have_count(1)


def test_a_network_failure_shows_the_network_error_toast_once(playground: Demo) -> None:
    # Expected: the browser and htmx both log the request we abort.
    playground.problems.allow(r"net::ERR_FAILED|Failed to fetch")
    playground.problems.allow(r"htmx:(error|sendError|afterRequest)")
    playground.page.route("**/playground/toast/", lambda route: route.abort())
    press(playground, "Info")
    # TOASTKIT_NETWORK_ERROR_MESSAGE in the demo's settings.
    toast = playground.toasts("The server could not be reached. Try again.")
    expect(toast).to_have_count(1)
    expect(toast.get_by_role("alert")).to_have_count(1)
