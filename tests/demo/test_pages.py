"""Every page loads cleanly under a strict CSP, on htmx 2 and 4, and without JavaScript."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from tests.demo.conftest import Demo
from tests.e2e.helpers import brightness

pytestmark = pytest.mark.e2e

PAGES = ["/", "/playground/"]


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_without_console_errors_or_csp_violations(
    app: Demo, path: str
) -> None:
    # app: the demo on htmx 2 or 4. The problems fixture fails the test on any
    # console error, uncaught exception or securitypolicyviolation event.
    response = app.page.goto(app.url + path)
    assert response is not None
    assert response.status == 200
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp  # and a nonce on Django 6
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    expect(app.page.get_by_role("region", name="Notifications")).to_be_attached()
    html = response.text()
    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None  # no inline script
    assert (
        re.search(r"<style|\sstyle=|\shx-on", html) is None
    )  # no inline style, no hx-on


def test_the_htmx_switch_loads_the_chosen_htmx(demo: Demo) -> None:
    demo.switch(htmx="4")
    assert demo.page.evaluate("htmx.version").startswith("4.")
    demo.switch(htmx="2")
    assert demo.page.evaluate("htmx.version").startswith("2.")


def test_the_theme_position_and_direction_switches_reach_the_page(demo: Demo) -> None:
    demo.switch(theme="dark", position="top-center", dir="rtl")
    html = demo.page.locator("html")
    expect(html).to_have_attribute("data-theme", "dark")
    expect(html).to_have_attribute("dir", "rtl")
    expect(demo.page.locator("[data-toastkit]")).to_have_attribute(
        "data-position", "top-center"
    )
    demo.page.get_by_role("navigation").get_by_role("link", name="Tasks").click()
    expect(demo.page.locator("[data-toastkit]")).to_have_attribute(
        "data-position", "top-center"
    )


def test_without_javascript_toasts_are_rendered_and_dismiss_closes_them(
    browser: Browser, demo_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_url + "/playground/")
    page.get_by_role("button", name="Warning", exact=True).click()
    expect(page).to_have_url(demo_url + "/playground/")
    region = page.get_by_role("region", name="Notifications")
    toast = region.locator("[data-toastkit-toast]:visible")
    expect(toast).to_have_count(1)
    expect(toast).to_contain_text("Your trial ends in 3 days.")
    toast.get_by_role("button", name="Dismiss").click()
    expect(toast).to_have_count(0)
    page.reload()
    expect(region.locator("[data-toastkit-toast]:visible")).to_have_count(0)
    context.close()


@pytest.mark.parametrize(("theme", "dark"), [("dark", True), ("light", False)])
def test_toasts_follow_the_theme_switch_not_only_the_os(
    demo: Demo, theme: str, dark: bool
) -> None:
    # The browser prefers the other scheme: only the demo's switch decides.
    demo.page.emulate_media(color_scheme="light" if dark else "dark")
    demo.switch(theme=theme)
    demo.page.get_by_role("button", name="Success", exact=True).click()
    toast = demo.toasts("Profile saved.")
    expect(toast).to_have_count(1)
    background = toast.evaluate("(toast) => getComputedStyle(toast).backgroundColor")
    assert (brightness(background) < 0.5) is dark
