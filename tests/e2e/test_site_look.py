"""At home in a site (issue 21): the site's stylesheet wins over toastkit's,
wherever it loads and however plain its selector; toastkit's stylesheet can
load in the <head>, once; toasts take the page's colour scheme where the page
declares one, and the system's where it does not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import REGION, toasts
from tests.e2e.helpers import (
    COLOURS,
    EVERY_LEVEL,
    brightness,
    finish_animations,
    serious_findings,
)

WHITE, DARK_SURFACE = "rgb(255, 255, 255)", "rgb(28, 28, 31)"  # --toastkit-bg


@pytest.fixture
def site(live_server: Any, settings: Any) -> Callable[..., str]:
    """``site(sheet="dark", text="Hi")``: tests/templates/e2e/site.html."""

    settings.TOASTKIT_MAX_VISIBLE = 8  # every level, and one more

    def build(**query: object) -> str:
        return f"{live_server.url}/e2e/site/?{urlencode(query, doseq=True)}"

    return build


def level_colour(page: Page) -> str:
    """The round mark of the first toast: its level's colour."""
    colour: str = toasts(page).first.evaluate(COLOURS)[2]
    return colour


def test_a_plain_selector_in_a_head_stylesheet_beats_toastkits_defaults(
    page: Page, site: Callable[..., str]
) -> None:
    # docs/client.md's example; toastkit.css comes after it, at the end of <body>.
    page.set_viewport_size({"width": 1000, "height": 700})
    page.goto(site(sheet="restyle", level=25, text="Saved"))
    expect(page.locator(REGION)).to_have_css("width", "416px")  # 26rem
    expect(toasts(page).first).to_have_css("border-radius", "0px")
    assert level_colour(page) == "rgb(10, 125, 50)"  # #0a7d32


def test_a_site_on_cascade_layers_wins_by_naming_toastkits_layer_first(
    page: Page, site: Callable[..., str]
) -> None:
    page.goto(site(sheet="layered", text="Saved"))
    expect(toasts(page).first).to_have_css("border-radius", "0px")


def test_toastkits_stylesheet_loads_in_the_head_once(
    page: Page, site: Callable[..., str]
) -> None:
    page.goto(site(head_css=1, text="Saved"))
    stylesheets = page.locator('link[href*="/toastkit/toastkit"]')
    expect(stylesheets).to_have_count(1)
    expect(page.locator("head").locator(stylesheets)).to_have_count(1)
    expect(page.locator(REGION)).to_have_css("position", "fixed")
    expect(toasts(page).first).to_have_css("background-color", WHITE)


def test_a_site_rule_beats_toastkits_stylesheet_loaded_after_it_in_the_head(
    page: Page, site: Callable[..., str]
) -> None:
    page.goto(site(sheet="restyle", head_css=1, text="Saved"))
    expect(toasts(page).first).to_have_css("border-radius", "0px")


#: (what the page declares, the system's scheme, the toasts' scheme)
SCHEMES = [
    pytest.param({"sheet": "dark"}, "light", "dark", id="page-dark-system-light"),
    pytest.param({"sheet": "light"}, "dark", "light", id="page-light-system-dark"),
    pytest.param({"meta": "dark"}, "light", "dark", id="meta-dark-system-light"),
    pytest.param({}, "dark", "dark", id="undeclared-system-dark"),
    pytest.param({}, "light", "light", id="undeclared-system-light"),
]


def open_every_level(
    page: Page, site: Callable[..., str], declared: dict[str, str], system: str
) -> None:
    page.emulate_media(color_scheme=system)  # type: ignore[arg-type]
    page.goto(site(levels=EVERY_LEVEL, text="Saved", title="Tasks", **declared))
    expect(toasts(page)).to_have_count(6)
    finish_animations(page)


@pytest.mark.parametrize(("declared", "system", "expected"), SCHEMES)
def test_toasts_take_the_pages_colour_scheme_else_the_systems(
    page: Page,
    site: Callable[..., str],
    declared: dict[str, str],
    system: str,
    expected: str,
) -> None:
    open_every_level(page, site, declared, system)
    for surface, text, _ in (toast.evaluate(COLOURS) for toast in toasts(page).all()):
        assert surface == (DARK_SURFACE if expected == "dark" else WHITE)
        assert (brightness(text) > 0.5) is (expected == "dark")


@pytest.mark.parametrize(("declared", "system", "expected"), SCHEMES)
def test_toasts_in_the_pages_colour_scheme_have_no_serious_axe_finding(
    page: Page,
    site: Callable[..., str],
    axe_script: Path,
    declared: dict[str, str],
    system: str,
    expected: str,
) -> None:
    open_every_level(page, site, declared, system)
    assert serious_findings(page, axe_script) == []


def test_a_theme_toggle_on_html_turns_the_toasts_dark_at_once(
    page: Page, site: Callable[..., str]
) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(site(sheet="toggle", level=25, text="Saved"))
    toast = toasts(page).first
    expect(toast).to_have_css("background-color", WHITE)
    page.evaluate("document.documentElement.dataset.theme = 'dark'")
    expect(toast).to_have_css("background-color", DARK_SURFACE)
    page.evaluate("delete document.documentElement.dataset.theme")
    expect(toast).to_have_css("background-color", WHITE)


def test_a_page_that_drops_its_scheme_gives_the_toasts_the_systems(
    page: Page, site: Callable[..., str]
) -> None:
    page.emulate_media(color_scheme="dark")
    page.goto(site(sheet="light", level=25, text="Saved"))
    toast = toasts(page).first
    expect(toast).to_have_css("background-color", WHITE)
    page.evaluate("document.querySelector('link[href$=\"light.css\"]').remove()")
    page.evaluate("document.documentElement.setAttribute('class', 'no-theme')")
    expect(toast).to_have_css("background-color", DARK_SURFACE)
