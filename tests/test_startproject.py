"""The README's quick start, followed in a fresh ``django-admin startproject``.

A new user's first minutes: start a project, edit its settings.py as the
README's Quick start says, run ``manage.py check``, use the admin. The edits
are read from the README itself, so these tests break when its instructions
stop working. Every command runs in a subprocess with the project's own
settings, as the user would run it.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import textwrap
from html import unescape
from pathlib import Path

import pytest

from tests.helpers import toasts_in

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
PASSWORD = "quick-start-password"

#: A README list entry that replaces one of the project's: ``"x",  # in place of Y``.
IN_PLACE_OF = re.compile(r"""["']([\w.]+)["'],\s*#\s*in place of (\w+)""")


def quick_start_settings() -> str:
    """The Python blocks of the README's Quick start that begin ``# settings.py``."""
    text = README.read_text()
    section = text.split("\n## Quick start\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.DOTALL)
    settings = [block for block in blocks if block.startswith("# settings.py\n")]
    assert settings, "the README's Quick start has no '# settings.py' Python block"
    return "\n".join(settings)


def merge(project: list[str], wanted: list[str], replaces: dict[str, str]) -> list[str]:
    """``project`` with ``wanted``'s entries, as a person applies the README's list.

    The README shows a list in order, ``# ...`` standing for the project's own
    entries: one marked "in place of Y" takes Y's place; one the project lacks
    goes in right after the README entry before it (first, when none is).
    """
    result = list(project)
    anchor = -1  # a new entry before any the project has goes first
    for entry in wanted:
        if entry in replaces:
            old = replaces[entry]
            places = [i for i, path in enumerate(result) if path.endswith(f".{old}")]
            assert len(places) == 1, f"no single {old} in {project} to replace"
            anchor = places[0]
            result[anchor] = entry
        elif entry in result:
            anchor = result.index(entry)
        else:
            anchor += 1
            result.insert(anchor, entry)
    return result


def apply_quick_start(settings_py: Path, instructions: str) -> None:
    """Edit ``settings_py`` as ``instructions`` (the README's block) say."""
    replaces = dict(IN_PLACE_OF.findall(instructions))
    source = settings_py.read_text()
    lines = source.splitlines(keepends=True)
    assigned = {
        node.targets[0].id: node
        for node in ast.parse(source).body
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
    }
    edits: list[tuple[int, int, str]] = []  # (first line, end line, new text)
    for node in ast.parse(instructions).body:
        assert isinstance(node, ast.Assign), ast.unparse(node)
        (target,) = node.targets
        assert isinstance(target, ast.Name), ast.unparse(node)
        value = ast.literal_eval(node.value)
        existing = assigned.get(target.id)
        if isinstance(value, list):
            assert existing is not None, f"startproject wrote no {target.id}"
            value = merge(ast.literal_eval(existing.value), value, replaces)
            text = (
                f"{target.id} = [\n" + "".join(f"    {v!r},\n" for v in value) + "]\n"
            )
        else:
            text = f"{target.id} = {value!r}\n"
        if existing is None:
            edits.append((len(lines), len(lines), "\n" + text))
        else:
            assert existing.end_lineno is not None
            edits.append((existing.lineno - 1, existing.end_lineno, text))
    for start, end, text in sorted(edits, reverse=True):
        lines[start:end] = [text]
    settings_py.write_text("".join(lines))


def run(project: Path, *args: str) -> str:
    """``python manage.py ARGS`` in ``project``; its stdout (fails on an error)."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT), env.get("PYTHONPATH")])
    )
    env["DJANGO_SUPERUSER_PASSWORD"] = PASSWORD
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new ``startproject mysite`` with the README's Quick start applied."""
    parent = tmp_path_factory.mktemp("startproject")
    subprocess.run(
        [sys.executable, "-m", "django", "startproject", "mysite"],
        cwd=parent,
        check=True,
    )
    root = parent / "mysite"
    apply_quick_start(root / "mysite" / "settings.py", quick_start_settings())
    return root


SHOW_SETTINGS = textwrap.dedent(
    """
    import json
    from django.conf import settings
    print(json.dumps({
        "INSTALLED_APPS": settings.INSTALLED_APPS,
        "MIDDLEWARE": settings.MIDDLEWARE,
        "MESSAGE_STORAGE": settings.MESSAGE_STORAGE,
    }))
    """
)


def test_quick_start_puts_toastkit_in_place_of_django_messages(project: Path) -> None:
    settings = json.loads(run(project, "shell", "--verbosity=0", "-c", SHOW_SETTINGS))
    assert settings["MIDDLEWARE"] == [
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django_htmx.middleware.HtmxMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "toastkit.middleware.ToastMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ]
    assert settings["INSTALLED_APPS"][:2] == [
        "toastkit.admin_toasts",
        "django.contrib.admin",
    ]
    assert {"django_htmx", "django_cotton", "toastkit"} < set(
        settings["INSTALLED_APPS"]
    )
    assert settings["MESSAGE_STORAGE"] == "toastkit.storage.ToastStorage"


def test_check_finds_no_issues_with_the_admin_installed(project: Path) -> None:
    output = run(project, "check")

    assert output.strip() == "System check identified no issues (0 silenced)."


# Logs in through the admin's form, adds a group, prints the page it lands on.
ADD_GROUP = textwrap.dedent(
    """
    import os
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # lets the test client's host in, as in a test
    client = Client()
    password = os.environ["DJANGO_SUPERUSER_PASSWORD"]
    login = client.post(
        "/admin/login/?next=/admin/",
        {"username": "admin", "password": password},
        follow=True,
    )
    assert login.redirect_chain == [("/admin/", 302)], login.redirect_chain
    added = client.post(
        "/admin/auth/group/add/", {"name": "Editors", "_save": "Save"}, follow=True
    )
    assert added.redirect_chain == [("/admin/auth/group/", 302)], added.redirect_chain
    print(added.content.decode())
    """
)


def test_admin_shows_its_success_message_as_a_toast_after_adding_a_group(
    project: Path,
) -> None:
    run(project, "migrate", "--verbosity=0")
    run(
        project,
        "createsuperuser",
        "--noinput",
        "--username=admin",
        "--email=admin@example.com",
    )

    page = run(project, "shell", "--verbosity=0", "-c", ADD_GROUP)

    # toastkit.admin_toasts: the admin's message as a toast, not its list.
    assert 'class="messagelist"' not in page
    (toast,) = toasts_in(page)
    assert 'data-level="25"' in toast
    assert "The group “Editors” was added successfully." in unescape(
        re.sub(r"<[^>]+>", "", toast)
    )
