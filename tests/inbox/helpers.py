"""What several inbox test modules share beyond tests/inbox/conftest.py's
fixtures: what a browser is shown, and the admin step of docs/reference.md.
A test module imports from here (or a conftest), never from another test
module."""

from __future__ import annotations

import re
from pathlib import Path
from typing import cast

from django.http import HttpResponse, HttpResponseBase
from django.test import Client
from pytest_django import Settings

from tests.conftest import HTMX, shipped
from tests.inbox.conftest import page_toasts

#: An htmx request whose view adds nothing and answers 204.
QUIET = ("/add/", {"kind": "no-content", "text": ""})


def shown(response: HttpResponseBase) -> list[str]:
    """The toast ids a response shows: its HX-Trigger's, or its page's."""
    if "HX-Trigger" in response:
        return [message["id"] for message in shipped(response)]
    body = cast("HttpResponse", response).content.decode()
    return [toast_id for toast_id, _ in page_toasts(body)]


def drain(client: Client) -> list[str]:
    """What the browser's next htmx responses and last full page show, until
    nothing is left to show."""
    seen: list[str] = []
    while ids := shown(client.get(*QUIET, headers=HTMX)):
        seen += ids
    return seen + shown(client.get("/page/"))


REFERENCE = Path(__file__).resolve().parents[2] / "docs" / "reference.md"


def documented_step() -> str:
    """The template docs/reference.md tells a project to save."""
    section = REFERENCE.read_text(encoding="utf-8").split("## Django's admin\n")[1]
    found = re.search(r"```django\n(.*?)```", section, re.S)
    assert found is not None, "no template in reference.md's admin section"
    return found.group(1)


def template_dirs(settings: Settings, *dirs: Path) -> None:
    """``dirs`` first on the project's template search path."""
    (engine,) = settings.TEMPLATES
    settings.TEMPLATES = [{**engine, "DIRS": [*dirs, *engine["DIRS"]]}]


def base_site(directory: Path, source: str) -> Path:
    (directory / "admin").mkdir(parents=True)
    (directory / "admin" / "base_site.html").write_text(source, encoding="utf-8")
    return directory
