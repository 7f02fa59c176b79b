"""Django's admin shows toasts: the one step of docs/reference.md ("Django's
admin"), on the real admin (these settings install it), through the test client.

The step is read from the docs, so what is documented is what is tested. An
admin theme is an app before ``django.contrib.admin`` that overrides
``admin/base_site.html``; a second ``DIRS`` entry stands for it (the loaders
search both the same way). The browser side is tests/inbox/e2e/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.checks import run_checks
from django.test import Client
from pytest_django import Settings

from tests.helpers import toasts_in
from tests.inbox.helpers import base_site, documented_step, template_dirs
from toastkit import admin_toasts

pytestmark = pytest.mark.django_db


@pytest.fixture
def boss(db: None) -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser("boss", password="pw"))
    return client


@pytest.fixture
def admin_step(tmp_path: Path, settings: Settings) -> None:
    template_dirs(settings, base_site(tmp_path / "project", documented_step()))


def add_group(boss: Client) -> str:
    """Add the group "Editors" in the admin; the page it redirects to."""
    response = boss.post("/admin/auth/group/add/", {"name": "Editors"}, follow=True)
    assert response.redirect_chain, "the group was not added"
    return response.content.decode()


def test_without_the_step_the_admin_lists_its_messages(boss: Client) -> None:
    html = add_group(boss)
    assert '<ul class="messagelist">' in html
    assert "data-toastkit" not in html


def test_the_step_turns_the_admins_success_message_into_a_toast(
    boss: Client, admin_step: None
) -> None:
    html = add_group(boss)
    assert "messagelist" not in html
    (toast,) = toasts_in(html)
    assert 'data-level="25"' in toast
    assert "was added successfully" in toast


def test_the_link_in_the_admins_message_stays_a_link(
    boss: Client, admin_step: None
) -> None:
    (toast,) = toasts_in(add_group(boss))
    assert re.search(r'<a href="/admin/auth/group/\d+/change/">Editors</a>', toast)


def test_the_admins_warning_is_a_warning_toast(boss: Client, admin_step: None) -> None:
    # An action run with nothing selected: the admin warns.
    response = boss.post(
        "/admin/auth/group/", {"action": "delete_selected", "index": 0}, follow=True
    )
    (toast,) = toasts_in(response.content.decode())
    assert 'data-level="30"' in toast
    assert "Items must be selected" in toast


def test_an_error_is_an_alert_toast_on_the_admin(
    boss: Client, admin_step: None
) -> None:
    html = boss.get("/inbox/admin-messages/", follow=True).content.decode()
    success, warning, error = toasts_in(html)
    assert 'data-level="40"' in error
    assert 'role="alert"' in error
    assert 'role="status"' in success
    assert 'role="status"' in warning


def test_the_admin_page_has_one_region_and_one_script(
    boss: Client, admin_step: None
) -> None:
    html = add_group(boss)
    assert html.count("data-toastkit ") == 1
    assert html.count('<script src="/static/toastkit/toastkit.min.js"') == 1


def test_an_admin_theme_overriding_base_site_keeps_its_look(
    boss: Client, tmp_path: Path, settings: Settings
) -> None:
    theme = base_site(
        tmp_path / "theme",
        '{% extends "admin/base.html" %}'
        '{% block branding %}<div id="site-name">Theme branding</div>{% endblock %}',
    )
    template_dirs(settings, base_site(tmp_path / "project", documented_step()), theme)
    html = add_group(boss)
    assert "Theme branding" in html
    assert len(toasts_in(html)) == 1
    assert "messagelist" not in html


def test_a_projects_own_base_site_takes_the_two_lines(
    boss: Client, tmp_path: Path, settings: Settings
) -> None:
    own = base_site(
        tmp_path / "project",
        '{% extends "admin/base.html" %}{% load toastkit %}'
        '{% block branding %}<div id="site-name">Our admin</div>{% endblock %}'
        "{% block messages %}{% toasts %}{% endblock %}",
    )
    template_dirs(settings, own)
    html = add_group(boss)
    assert "Our admin" in html
    assert len(toasts_in(html)) == 1


def test_toastkit_admin_toasts_ships_the_documented_template() -> None:
    shipped = Path(admin_toasts.__file__).parent / "templates/admin/base_site.html"
    assert shipped.read_text(encoding="utf-8") == documented_step()


def test_toastkit_admin_toasts_before_the_admin_turns_its_messages_into_toasts(
    boss: Client, settings: Settings
) -> None:
    settings.INSTALLED_APPS = ["toastkit.admin_toasts", *settings.INSTALLED_APPS]
    html = add_group(boss)
    assert "messagelist" not in html
    (toast,) = toasts_in(html)
    assert "was added successfully" in toast


def test_toastkit_admin_toasts_before_the_admin_passes_the_checks(
    settings: Settings,
) -> None:
    settings.INSTALLED_APPS = ["toastkit.admin_toasts", *settings.INSTALLED_APPS]
    assert [m.id for m in run_checks() if (m.id or "").startswith("toastkit.")] == []


def test_toastkit_admin_toasts_without_toastkit_is_an_error(settings: Settings) -> None:
    settings.INSTALLED_APPS = [
        "toastkit.admin_toasts",
        *(app for app in settings.INSTALLED_APPS if not app.startswith("toastkit")),
    ]
    assert [m.id for m in run_checks() if (m.id or "").startswith("toastkit.")] == [
        "toastkit.E030"
    ]


def test_toastkit_admin_toasts_after_the_admin_is_a_warning(settings: Settings) -> None:
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "toastkit.admin_toasts"]
    assert [m.id for m in run_checks() if (m.id or "").startswith("toastkit.")] == [
        "toastkit.W030"
    ]
