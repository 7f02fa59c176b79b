"""The shipped catalogues: every language has every string of the source, each
one translated or marked fuzzy (for a native speaker to review), each .po
compiles, and the committed .mo is what its .po compiles to.

Needs GNU gettext (msgfmt, xgettext): the tests fail without it, and
scripts/test.sh installs it.
"""

from __future__ import annotations

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.utils import translation

import toastkit
from tests.helpers import LANGUAGES, LOCALE, parse_po

#: The package under test: the checkout's, or in the packaging session the
#: installed wheel's (its catalogues are the ones users get).
PACKAGE = Path(toastkit.__file__).parent


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(
            f"GNU gettext's {name} is missing: install gettext "
            "(scripts/test.sh does, as root)"
        )
    return found


@pytest.fixture(scope="module")
def source_msgids(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The msgids makemessages extracts from the package today (templates
    through the symbolic link, Python sources), in a copy of the package."""
    tool("xgettext")
    tool("msgmerge")
    copy = tmp_path_factory.mktemp("source") / "toastkit"
    shutil.copytree(
        PACKAGE, copy, ignore=shutil.ignore_patterns("locale", "__pycache__", "*.pyc")
    )
    (copy / "locale").mkdir()
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "en", "--no-location"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    msgids = set(parse_po(copy / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    msgids.discard("")
    return msgids


def test_every_language_is_shipped() -> None:
    shipped = sorted(p.name for p in LOCALE.iterdir() if p.is_dir())
    assert shipped == sorted(LANGUAGES)


def test_the_source_has_the_user_facing_strings(source_msgids: set[str]) -> None:
    assert {"Notifications", "Dismiss"} <= source_msgids
    assert "Send a message to the selected %(verbose_name_plural)s" in source_msgids


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_catalogue_has_every_string_translated_or_fuzzy(
    lang: str, source_msgids: set[str]
) -> None:
    entries = parse_po(LOCALE / lang / "LC_MESSAGES" / "django.po")
    header = entries.pop("")
    assert "fuzzy" not in header.flags
    assert f"Language: {lang}\n" in header.msgstrs[0]
    assert set(entries) == source_msgids
    untranslated = [e.msgid for e in entries.values() if not e.translated]
    assert [m for m in untranslated if "fuzzy" not in entries[m].flags] == []
    # The two strings every page has are translated in every language.
    assert entries["Notifications"].translated
    assert entries["Dismiss"].translated
    assert "fuzzy" not in entries["Notifications"].flags
    assert "fuzzy" not in entries["Dismiss"].flags


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_committed_mo_is_the_compiled_po(lang: str, tmp_path: Path) -> None:
    msgfmt = tool("msgfmt")
    messages = LOCALE / lang / "LC_MESSAGES"
    compiled = tmp_path / "django.mo"
    result = subprocess.run(
        [msgfmt, "--check", "-o", str(compiled), str(messages / "django.po")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    with compiled.open("rb") as fresh, (messages / "django.mo").open("rb") as shipped:
        expected = gettext.GNUTranslations(fresh)
        committed = gettext.GNUTranslations(shipped)
    assert committed._catalog == expected._catalog  # type: ignore[attr-defined]


def test_the_region_and_the_dismiss_button_are_translated() -> None:
    with translation.override("ar"):
        html = render_to_string("cotton/toastkit/region.html", {"config": {}})
        toast = render_to_string("cotton/toastkit/toast.html", {"message": {}})
    assert 'aria-label="الإشعارات"' in html
    assert 'aria-label="إغلاق"' in toast
