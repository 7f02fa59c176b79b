"""Where toasts come from (the full page, htmx 2 and 4 partials, boosted
navigation, the API) and how they gather: once per id, collapsed, queued."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.e2e.conftest import send, toasts
from tests.e2e.helpers import HTMX


@HTMX
def test_a_message_of_a_full_page_is_a_toast(
    page: Page, url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(url(htmx_version, text="Welcome back", level=25))
    region = page.get_by_role("region", name="Notifications")
    expect(region.get_by_role("status").filter(has_text="Welcome back")).to_be_visible()


@HTMX
def test_a_message_of_an_htmx_response_is_a_toast(
    page: Page, url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(url(htmx_version))
    page.get_by_role("button", name="Save").click()
    region = page.get_by_role("region", name="Notifications")
    expect(region.get_by_role("status").filter(has_text="Task saved")).to_be_visible()
    expect(toasts(page)).to_have_count(1)


@HTMX
def test_a_toast_shows_when_the_swap_replaces_the_requesting_element(
    page: Page, url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(url(htmx_version))
    page.get_by_role("button", name="Replace me").click()
    expect(page.get_by_role("button", name="Replace me")).to_have_count(0)
    expect(toasts(page).filter(has_text="Replaced")).to_have_count(1)


@HTMX
def test_boosted_navigation_shows_the_message_once(
    page: Page, url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(url(htmx_version))
    page.evaluate("window.toastkit.before = true")
    with page.expect_response(url(htmx_version, text="Boosted page")) as boosted:
        page.get_by_role("link", name="Boosted link").click()
    # On an htmx request {% toasts %} leaves the messages to the header (an
    # hx-select could throw away the part of the body that rendered them).
    assert "Boosted page" in (boosted.value.headers.get("hx-trigger") or "")
    assert "Boosted page" not in boosted.value.text()
    expect(page).to_have_url(url(htmx_version, text="Boosted page"))
    expect(toasts(page).filter(has_text="Boosted page")).to_have_count(1)
    # The script ran again in the swapped body, but kept the one instance.
    assert page.evaluate("window.toastkit.before") is True
    page.get_by_role("button", name="Save").click()
    expect(toasts(page)).to_have_count(2)


@HTMX
def test_toasts_shown_before_a_boosted_navigation_stay(
    page: Page, url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(url(htmx_version))
    page.get_by_role("button", name="Save").click()
    expect(toasts(page)).to_have_count(1)
    page.get_by_role("link", name="Boosted link").click()
    expect(toasts(page)).to_have_text(["Task saved", "Boosted page"])


def test_a_toast_id_is_never_shown_twice(page: Page, url: Callable[..., str]) -> None:
    page.goto(url(4))
    page.evaluate(
        """() => {
        const detail = {messages: [{id: 'same', level: 20, message: 'Once'}]};
        document.dispatchEvent(new CustomEvent('toastkit:messages', {detail}));
        document.dispatchEvent(new CustomEvent('toastkit:messages', {detail}));
        }"""
    )
    expect(toasts(page)).to_have_count(1)
    page.locator("[data-toastkit-dismiss]").click()
    expect(toasts(page)).to_have_count(0)
    page.evaluate("window.toastkit.show({id: 'same', level: 20, message: 'Once'})")
    expect(toasts(page)).to_have_count(0)


@HTMX
def test_identical_toasts_collapse_into_one_with_a_counter(
    page: Page, url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(url(htmx_version, text="Saved", times=2))
    expect(toasts(page)).to_have_count(1)
    expect(toasts(page)).to_contain_text("×2")
    send(page, "Saved")
    expect(toasts(page)).to_contain_text("×3")
    expect(toasts(page)).to_have_count(1)


def test_same_text_at_another_level_does_not_collapse(
    page: Page, url: Callable[..., str]
) -> None:
    page.goto(url(2, text="Careful"))
    send(page, "Careful", level=30)
    expect(toasts(page)).to_have_count(2)


def test_at_most_max_visible_toasts_the_rest_queue(
    page: Page, url: Callable[..., str], settings: object
) -> None:
    settings.TOASTKIT_MAX_VISIBLE = 2  # type: ignore[attr-defined]
    page.goto(url(2, levels="20,25,30"))
    expect(toasts(page)).to_have_text(["Level 20 message", "Level 25 message"])
    send(page, "Fourth")
    expect(toasts(page)).to_have_count(2)
    toasts(page).first.get_by_role("button", name="Dismiss").click()
    expect(toasts(page)).to_have_text(["Level 25 message", "Level 30 message"])
    toasts(page).first.get_by_role("button", name="Dismiss").click()
    expect(toasts(page)).to_have_text(["Level 30 message", "Fourth"])


def test_message_tags_are_classes_on_every_toast(
    page: Page, url: Callable[..., str]
) -> None:
    page.goto(url(2, text="From the server", level=25, tags="big"))
    send(page, "Over htmx", level=25, tags="huge")
    expect(toasts(page).first).to_have_class("toastkit-toast big success")
    expect(toasts(page).last).to_have_class("toastkit-toast huge success")


@HTMX
def test_errors_are_alerts_and_the_rest_status_on_both_paths(
    page: Page, url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(url(htmx_version, text="Server failure", level=40))
    send(page, "Client failure", level=40)
    send(page, "Client note", level=20)
    region = page.get_by_role("region", name="Notifications")
    expect(region.get_by_role("alert")).to_have_text(
        ["Server failure", "Client failure"]
    )
    expect(region.get_by_role("status")).to_have_text(["Client note"])


def test_a_title_shows_above_the_message(page: Page, url: Callable[..., str]) -> None:
    page.goto(url(2, text="Server text", title="Server title"))
    send(page, "Client text", title="Client title")
    for who in ("Server", "Client"):
        toast = toasts(page).filter(has_text=f"{who} text")
        expect(toast.locator("[data-toastkit-title]")).to_have_text(f"{who} title")
        expect(toast.locator("[data-toastkit-title]")).to_be_visible()
    expect(page.locator("[data-toastkit-title]:visible")).to_have_count(2)


@HTMX
def test_going_back_after_a_boosted_navigation_repeats_no_toast(
    page: Page, url: Callable[..., str], htmx_version: int
) -> None:
    page.goto(url(htmx_version, text="First", sticky=1))
    expect(toasts(page)).to_have_count(1)
    page.get_by_role("link", name="Boosted link").click()
    expect(toasts(page)).to_have_text(["First", "Boosted page"])
    page.go_back()
    expect(page).to_have_url(url(htmx_version, text="First", sticky=1))
    expect(page.get_by_role("heading")).to_be_visible()
    expect(toasts(page).filter(has_text="First")).to_have_count(1)
    expect(toasts(page).filter(has_text="Boosted page")).to_have_count(1)


def test_a_duplicate_of_a_waiting_toast_collapses_into_it(
    page: Page, url: Callable[..., str], settings: object
) -> None:
    settings.TOASTKIT_MAX_VISIBLE = 1  # type: ignore[attr-defined]
    page.goto(url(2, levels="20,25"))
    page.evaluate("toastkit.show({level: 25, message: 'Level 25 message'})")
    toasts(page).get_by_role("button", name="Dismiss").click()
    expect(toasts(page)).to_have_count(1)
    expect(toasts(page)).to_contain_text("Level 25 message")
    expect(toasts(page).locator("[data-toastkit-count]")).to_have_text("×2")
