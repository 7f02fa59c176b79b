"""Without a browser, the browser tests fail at once and say why (never skip).

Cheap checks of what decides it, with a browser made unavailable: the lookup
the browser tests' conftest asks (tests/chromium.py), and the test command's
first step (scripts/install-chromium.sh, which stops ./scripts/test.sh before
any session runs). Neither starts a browser or installs anything.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

import pytest

from tests.chromium import NoChromium, chromium_executable

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def no_chromium_on_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("TOASTKIT_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty directory


@pytest.mark.usefixtures("no_chromium_on_path")
def test_no_chromium_on_the_path_is_an_error_that_says_what_to_do() -> None:
    with pytest.raises(NoChromium, match=r"install-chromium\.sh.*TOASTKIT_CHROMIUM"):
        chromium_executable()


def test_a_missing_browser_named_by_toastkit_chromium_is_an_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    missing = tmp_path / "chrome"
    monkeypatch.setenv("TOASTKIT_CHROMIUM", str(missing))
    with pytest.raises(NoChromium, match=re.escape(f"TOASTKIT_CHROMIUM={missing}:")):
        chromium_executable()


def test_a_browser_named_by_toastkit_chromium_is_used(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    browser = tmp_path / "chrome"
    browser.write_text("#!/bin/sh\n")
    browser.chmod(0o755)
    monkeypatch.setenv("TOASTKIT_CHROMIUM", str(browser))
    assert chromium_executable() == str(browser)
    monkeypatch.setenv("TOASTKIT_CHROMIUM", "playwright")
    assert chromium_executable() is None


def test_the_test_command_stops_at_once_without_the_browser(tmp_path: Path) -> None:
    """scripts/test.sh runs this script first: a missing browser ends the run
    in seconds, with one line saying what to do."""
    env = {**os.environ, "TOASTKIT_CHROMIUM": str(tmp_path / "chrome")}
    start = time.monotonic()
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "install-chromium.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert time.monotonic() - start < 10
    assert result.returncode == 1
    assert result.stderr.startswith(
        f"No browser at TOASTKIT_CHROMIUM={tmp_path / 'chrome'}: "
    ), result.stderr
