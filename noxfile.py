"""Test sessions: the unit tests on the Python x Django matrix, the browser
tests, the packaging test, lint and types, and the JavaScript checks.

Run them all with ``./scripts/test.sh``; one with ``./scripts/test.sh -s lint``.
"""

from __future__ import annotations

import os

import nox

nox.options.default_venv_backend = "uv"
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = True

# (Python, Django) pairs: Django 6 needs Python 3.12+.
MATRIX = [("3.11", "5.2"), ("3.12", "6.0"), ("3.13", "6.1")]
E2E_PYTHON, E2E_DJANGO = MATRIX[-1]
# Browser tests: the package's own pages, and the demo driven as a real server.
BROWSER_DIRS = [d for d in ("tests/e2e", "tests/demo") if os.path.isdir(d)]
BROWSER_DIRS_IGNORED = [f"--ignore={d}" for d in BROWSER_DIRS]


def install(session: nox.Session, django: str, *groups: str) -> None:
    session.install("-e", ".", f"django~={django}.0", *(f"--group={g}" for g in groups))


@nox.session(name="tests")
@nox.parametrize(
    ("python", "django"), MATRIX, ids=[f"{p}-django{d}" for p, d in MATRIX]
)
def tests(session: nox.Session, django: str) -> None:
    """Unit tests (no browser) with branch coverage."""
    install(session, django, "test")
    session.run(
        "coverage",
        "run",
        "-m",
        "pytest",
        *BROWSER_DIRS_IGNORED,
        "-m",
        "not packaging",
        *session.posargs,
    )
    session.run("coverage", "report", "--fail-under=95")


@nox.session(python=E2E_PYTHON)
def e2e(session: nox.Session) -> None:
    """Browser tests in real Chromium (Debian's, see tests/e2e/conftest.py)."""
    install(session, E2E_DJANGO, "e2e")
    # axe-core for the accessibility tests comes from package.json.
    session.run("npm", "ci", "--no-audit", "--no-fund", "--silent", external=True)
    session.run(
        "pytest",
        "-p",
        "no:randomly",  # keep the browser tests in file order
        *(session.posargs or BROWSER_DIRS),
        env={"DJANGO_ALLOW_ASYNC_UNSAFE": "true"},
    )


@nox.session(python=E2E_PYTHON)
def packaging(session: nox.Session) -> None:
    """Build the wheel, install it in a fresh virtualenv, render {% toasts %}."""
    install(session, E2E_DJANGO, "test")
    session.install("build")
    session.run("pytest", *BROWSER_DIRS_IGNORED, "-m", "packaging", *session.posargs)


@nox.session(python=E2E_PYTHON)
def lint(session: nox.Session) -> None:
    """ruff (lint and format) and mypy --strict."""
    install(session, E2E_DJANGO, "lint", "test")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy")


@nox.session(python=False)
def js(session: nox.Session) -> None:
    """ESLint and the gzip size budget of the shipped JS and CSS."""
    session.run("npm", "ci", "--no-audit", "--no-fund", external=True)
    session.run("npm", "run", "--silent", "lint", external=True)
    session.run("npm", "run", "--silent", "size", external=True)


if os.environ.get("CI"):
    nox.options.reuse_existing_virtualenvs = False
