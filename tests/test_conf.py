"""Settings are read once, and again when ``setting_changed`` names them."""

from __future__ import annotations

from django.test import override_settings

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
