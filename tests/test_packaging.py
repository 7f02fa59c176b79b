"""The built wheel carries static files and templates inside the package.

They are real files in toastkit/static and toastkit/templates (the top-level
static/ and templates/ link to them). This test proves the wheel works on its
own: it builds it, installs it into a fresh virtualenv and asks Django, from
outside the checkout.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parents[1]

PROBE = textwrap.dedent(
    """
    import django
    from django.conf import settings

    settings.configure(
        INSTALLED_APPS=[
            "django.contrib.sessions", "django.contrib.messages",
            "django.contrib.staticfiles", "django_htmx", "django_cotton", "toastkit",
        ],
        TEMPLATES=[{
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "APP_DIRS": True,
            "OPTIONS": {"context_processors": [
                "django.contrib.messages.context_processors.messages"]},
        }],
        STATIC_URL="/static/",
    )
    django.setup()
    import toastkit
    from django.contrib.staticfiles import finders
    from django.template import engines

    assert "site-packages" in toastkit.__file__, toastkit.__file__
    for name in ("toastkit/toastkit.js", "toastkit/toastkit.css"):
        found = finders.find(name)
        assert found and "site-packages" in found, (name, found)
    html = engines["django"].from_string("{% load toastkit %}{% toasts %}").render({})
    assert 'aria-label="Notifications"' in html, html
    assert "data-toastkit-blueprint" in html, html
    print("wheel ok")
    """
)


def run(*args: str | Path, cwd: Path = ROOT) -> str:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_wheel_installed_in_a_fresh_virtualenv_renders_toasts_and_finds_static(
    tmp_path: Path,
) -> None:
    dist = tmp_path / "dist"
    run(sys.executable, "-m", "build", "--wheel", "--outdir", dist, ROOT)
    (wheel,) = dist.glob("toastkit-*.whl")
    venv = tmp_path / "venv"
    python = venv / "bin" / "python"
    uv = shutil.which("uv")
    if uv:
        run(uv, "venv", "--quiet", "--python", sys.executable, venv)
        run(uv, "pip", "install", "--quiet", "--python", python, wheel)
    else:  # pragma: no cover - uv is on PATH under nox
        run(sys.executable, "-m", "venv", venv)
        run(python, "-m", "pip", "install", "--quiet", wheel)
    probe = tmp_path / "probe.py"
    probe.write_text(PROBE)
    assert run(python, probe, cwd=tmp_path).strip() == "wheel ok"
