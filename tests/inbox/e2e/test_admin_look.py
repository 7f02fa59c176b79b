"""Django's admin with toasts, in Chromium: the step of docs/reference.md
("Django's admin") on the real admin, in its light and dark themes.

Run with the inbox's settings, which install the admin (the e2e session does):

    pytest -p no:randomly tests/inbox/e2e --ds tests.inbox.settings

Screenshots for a person to look at: test-results/admin-toasts-light.png and
admin-toasts-dark.png.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from playwright.sync_api import Locator, Page, expect
from pytest_django import Settings

from tests.e2e.conftest import (
    ARTIFACTS,
    axe_script,
    browser_type_launch_args,
    page,
    toasts,
)
from tests.e2e.helpers import finish_animations
from tests.inbox.helpers import base_site, documented_step, template_dirs

__all__ = ["axe_script", "browser_type_launch_args", "page"]  # fixtures, by name

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WHITE, DARK_SURFACE = "rgb(255, 255, 255)", "rgb(28, 28, 31)"  # --toastkit-bg

#: WCAG's contrast ratio of a link in a toast with the toast's background.
LINK_CONTRAST = """(link) => {
  const luminance = (colour) => {
    const [r, g, b] = colour.match(/[\\d.]+/g).slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const toast = link.closest('[data-toastkit-toast]');
  const [a, b] = [getComputedStyle(link).color, getComputedStyle(toast).backgroundColor].map(luminance);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


@pytest.fixture
def admin(
    page: Page, live_server: Any, tmp_path: Path, settings: Settings
) -> Callable[[str], None]:
    """``admin(path)``: ``page`` opens ``path`` logged in as a superuser, on an
    admin with the documented step; toasts wait a minute."""
    template_dirs(settings, base_site(tmp_path / "project", documented_step()))
    settings.TOASTKIT_DURATIONS = dict.fromkeys((10, 20, 25, 30), 60_000)
    client = Client()
    client.force_login(User.objects.create_superuser("boss", password="pw"))
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )

    def open_page(path: str) -> None:
        page.goto(live_server.url + path)

    return open_page


def admin_theme(page: Page, theme: str) -> None:
    """The admin's stored theme choice ("auto", "light", "dark"), as its
    toggle keeps it, before any page loads."""
    page.add_init_script(f"localStorage.setItem('theme', {theme!r})")


def surface(toast: Locator) -> str:
    colour: str = toast.evaluate("(toast) => getComputedStyle(toast).backgroundColor")
    return colour


def test_adding_a_group_says_so_in_a_toast_with_a_link(
    page: Page, admin: Callable[[str], None]
) -> None:
    admin("/admin/auth/group/add/")
    page.get_by_label("Name:").fill("Editors")
    page.get_by_role("button", name="Save", exact=True).click()
    toast = toasts(page).filter(has_text="was added successfully")
    expect(toast).to_have_count(1)
    expect(toast.get_by_role("link", name="Editors")).to_be_visible()
    expect(page.locator(".messagelist")).to_have_count(0)


#: (the admin's stored theme, the system's scheme, the toasts' surface)
THEMES = [
    pytest.param("dark", "light", DARK_SURFACE, id="admin-dark-system-light"),
    pytest.param("light", "dark", WHITE, id="admin-light-system-dark"),
    pytest.param("auto", "dark", DARK_SURFACE, id="admin-auto-system-dark"),
    pytest.param("auto", "light", WHITE, id="admin-auto-system-light"),
]


@pytest.mark.parametrize(("theme", "system", "expected"), THEMES)
def test_toasts_take_the_admins_theme(
    page: Page,
    admin: Callable[[str], None],
    theme: str,
    system: str,
    expected: str,
) -> None:
    page.emulate_media(color_scheme=system)  # type: ignore[arg-type]
    admin_theme(page, theme)
    admin("/inbox/admin-messages/")
    expect(toasts(page)).to_have_count(3)
    for toast in toasts(page).all():
        assert surface(toast) == expected


def test_the_admins_theme_toggle_turns_the_toasts_dark(
    page: Page, admin: Callable[[str], None]
) -> None:
    page.emulate_media(color_scheme="light")
    admin("/inbox/admin-messages/")
    toast = toasts(page).first
    expect(toast).to_have_css("background-color", WHITE)
    # With a light system the toggle goes auto -> dark.
    page.get_by_role("button", name=re.compile("Toggle theme")).first.click()
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    expect(toast).to_have_css("background-color", DARK_SURFACE)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_links_in_the_admins_toasts_have_4_5_to_1_contrast(
    page: Page, admin: Callable[[str], None], theme: str
) -> None:
    admin_theme(page, theme)
    admin("/inbox/admin-messages/")
    links = toasts(page).get_by_role("link", name="Editors")
    expect(links).to_have_count(3)  # success, warning, error
    finish_animations(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"admin-toasts-{theme}.png")
    ratios = [link.evaluate(LINK_CONTRAST) for link in links.all()]
    assert min(ratios) >= 4.5, ratios


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_admins_toasts_have_no_serious_axe_finding(
    page: Page, admin: Callable[[str], None], axe_script: Path, theme: str
) -> None:
    admin_theme(page, theme)
    admin("/inbox/admin-messages/")
    expect(toasts(page)).to_have_count(3)
    finish_animations(page)
    page.evaluate(axe_script.read_text())
    findings = page.evaluate(
        "axe.run({include: ['[data-toastkit]']}, {resultTypes: ['violations']})"
        ".then((r) => r.violations.map((v) => [v.impact, v.id, v.nodes.length, v.help]))"
    )
    assert [f for f in findings if f[0] in ("serious", "critical")] == []
