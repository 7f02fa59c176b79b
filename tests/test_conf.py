"""Settings are read once, and again when ``setting_changed`` names them."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client, override_settings

from toastkit import conf
from toastkit.conf import toastkit_settings


def test_a_setting_read_before_override_settings_is_read_again_inside_and_after() -> (
    None
):
    assert toastkit_settings.HEADER_BUDGET == 2048
    with override_settings(TOASTKIT_HEADER_BUDGET=512):
        assert toastkit_settings.HEADER_BUDGET == 512
    assert toastkit_settings.HEADER_BUDGET == 2048


def test_a_dict_setting_is_a_fresh_copy_each_read() -> None:
    toastkit_settings.DURATIONS[25] = 1
    assert toastkit_settings.DURATIONS[25] == 5000


class _SlowSettings:
    """Django's settings, with one read that stops after it read its value."""

    def __init__(self) -> None:
        self.read = threading.Event()
        self.go_on = threading.Event()

    def __getattr__(self, name: str) -> Any:
        value = getattr(django_settings, name)
        if name == "TOASTKIT_MAX_VISIBLE" and not self.read.is_set():
            self.read.set()
            self.go_on.wait(5)
        return value


def test_a_setting_changed_during_another_threads_first_read_is_not_kept_stale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    slow = _SlowSettings()
    monkeypatch.setattr(conf, "django_settings", slow)
    conf.forget_setting(setting="TOASTKIT_MAX_VISIBLE")
    with override_settings(TOASTKIT_MAX_VISIBLE=5):
        reader = threading.Thread(target=lambda: toastkit_settings.MAX_VISIBLE)
        reader.start()
        assert slow.read.wait(5)  # the reader has read 5 and not yet kept it
        with override_settings(TOASTKIT_MAX_VISIBLE=3):
            slow.go_on.set()
            reader.join(5)
            assert toastkit_settings.MAX_VISIBLE == 3


def test_every_toastkit_setting_is_seen_inside_override_settings() -> None:
    values: dict[str, Any] = {
        "TOASTKIT_HEADER_BUDGET": 300,
        "TOASTKIT_POSITION": "top-start",
        "TOASTKIT_MAX_VISIBLE": 2,
        "TOASTKIT_DURATIONS": {20: 1},
        "TOASTKIT_NETWORK_ERROR_MESSAGE": "Offline",
        "TOASTKIT_COUNTDOWN": False,
        "TOASTKIT_INBOX_KEEP_DAYS": 3,
        "TOASTKIT_INBOX_CACHE": "default",
        "TOASTKIT_LIVE_DOORBELL": "redis",
        "TOASTKIT_LIVE_REDIS_URL": "redis://127.0.0.1:6379/0",
        "TOASTKIT_LIVE_TICK": 0.1,
        "TOASTKIT_LIVE_SWEEP": 5,
        "TOASTKIT_LIVE_PING": 1.5,
        "TOASTKIT_LIVE_MAX_AGE": 60,
        "TOASTKIT_LIVE_RETRY": 100,
        "TOASTKIT_LIVE_REPLAY": 0,
        "TOASTKIT_LIVE_STREAMS_PER_USER": 1,
        "TOASTKIT_LIVE_THREADS": 2,
    }
    before = {s.name: getattr(toastkit_settings, s.name[9:]) for s in conf.SETTINGS}
    assert sorted(values) == sorted(before)
    with override_settings(**values):
        for name, value in values.items():
            seen = getattr(toastkit_settings, name[9:])
            assert seen == value or (isinstance(seen, dict) and seen[20] == 1)
        html = Client().get("/page/").content.decode()
        assert "top-start" in html
        assert "Offline" in html
    after = {s.name: getattr(toastkit_settings, s.name[9:]) for s in conf.SETTINGS}
    assert after == before
