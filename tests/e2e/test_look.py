"""How toasts look: light and dark (with screenshots in test-results/ for a
person to look at), a colour per level, the six positions, right-to-left,
reduced motion."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

import pytest
from playwright.sync_api import Page, ViewportSize, expect

from tests.e2e.conftest import ARTIFACTS, send, toasts
from tests.e2e.helpers import COLOURS, EVERY_LEVEL, brightness, finish_animations

if TYPE_CHECKING:
    from pytest_django import Settings


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_toasts_follow_the_systems_colour_scheme(
    page: Page,
    url: Callable[..., str],
    scheme: Literal["light", "dark"],
    settings: Settings,
) -> None:
    settings.TOASTKIT_MAX_VISIBLE = 8
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size({"width": 900, "height": 640})
    page.goto(url(2, levels=EVERY_LEVEL, text="Three tasks were archived", times=2))
    send(page, "Project “Apollo” was renamed to “Artemis”.", level=25, title="Renamed")
    expect(toasts(page)).to_have_count(7)
    finish_animations(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"toasts-{scheme}.png")
    for surface, text, _ in (toast.evaluate(COLOURS) for toast in toasts(page).all()):
        # Dark text on a light surface, or light text on a dark one.
        assert (brightness(surface) < 0.5) is (scheme == "dark")
        assert (brightness(text) > 0.5) is (scheme == "dark")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_each_level_has_a_colour_of_its_own(
    page: Page, url: Callable[..., str], scheme: Literal["light", "dark"]
) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(url(2, levels=EVERY_LEVEL))
    expect(toasts(page)).to_have_count(5)
    marks = [toast.evaluate(COLOURS)[2] for toast in toasts(page).all()]
    assert len(set(marks)) == 5, marks


VIEW: ViewportSize = {"width": 1000, "height": 700}
OFFSET = 20  # --toastkit-offset: 1.25rem


@pytest.mark.parametrize(
    ("position", "x", "y"),
    [
        ("top-start", "start", "top"),
        ("top-center", "center", "top"),
        ("top-end", "end", "top"),
        ("bottom-start", "start", "bottom"),
        ("bottom-center", "center", "bottom"),
        ("bottom-end", "end", "bottom"),
    ],
)
def test_the_position_setting_places_the_toasts(
    page: Page,
    url: Callable[..., str],
    settings: Settings,
    position: str,
    x: str,
    y: str,
) -> None:
    settings.TOASTKIT_POSITION = position
    page.set_viewport_size(VIEW)
    page.goto(url(2, text="Placed"))
    expect(toasts(page)).to_have_count(1)
    finish_animations(page)
    box = toasts(page).first.bounding_box()
    assert box is not None
    left, right = box["x"], VIEW["width"] - box["x"] - box["width"]
    top, bottom = box["y"], VIEW["height"] - box["y"] - box["height"]
    expected_x = {"start": left, "end": right, "center": abs(left - right)}
    assert round(expected_x[x]) == (0 if x == "center" else OFFSET)
    assert round(top if y == "top" else bottom) == OFFSET


@pytest.mark.parametrize("position", ["top-end", "bottom-end"])
def test_the_newest_toast_is_nearest_the_edge(
    page: Page, url: Callable[..., str], settings: Settings, position: str
) -> None:
    settings.TOASTKIT_POSITION = position
    page.goto(url(2, text="Older"))
    send(page, "Newer")
    expect(toasts(page)).to_have_count(2)
    finish_animations(page)
    older = toasts(page).filter(has_text="Older").bounding_box()
    newer = toasts(page).filter(has_text="Newer").bounding_box()
    assert older is not None
    assert newer is not None
    assert (newer["y"] < older["y"]) == position.startswith("top")


def test_right_to_left_mirrors_the_position(
    page: Page, url: Callable[..., str]
) -> None:
    page.set_viewport_size(VIEW)
    page.goto(url(2, text="مرحبا", dir="rtl"))  # bottom-end: bottom left in RTL
    expect(toasts(page)).to_have_count(1)
    finish_animations(page)
    box = toasts(page).first.bounding_box()
    assert box is not None
    assert round(box["x"]) == OFFSET
    dismiss = toasts(page).get_by_role("button", name="Dismiss").bounding_box()
    assert dismiss is not None
    assert dismiss["x"] < box["x"] + 60  # at the inline end


ANIMATIONS = """(toast) => {
  const entering = getComputedStyle(toast).animationName;
  toastkit.dismiss(toast);
  return [entering, getComputedStyle(toast).animationName, toast.getAnimations().length];
}"""


def test_toasts_animate_in_and_out(page: Page, url: Callable[..., str]) -> None:
    page.emulate_media(reduced_motion="no-preference")
    page.goto(url(2))
    page.evaluate("toastkit.show({level: 20, message: 'Moving'})")
    assert toasts(page).first.evaluate(ANIMATIONS) == ["toastkit-in", "toastkit-out", 1]


def test_reduced_motion_turns_animation_off(
    page: Page, url: Callable[..., str]
) -> None:
    page.emulate_media(reduced_motion="reduce")
    page.goto(url(2))
    page.evaluate("toastkit.show({level: 20, message: 'Still'})")
    assert toasts(page).first.evaluate(ANIMATIONS) == ["none", "none", 0]
    expect(page.locator("[data-toastkit-toast]", has_text="Still")).to_have_count(0)
