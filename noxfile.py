"""Test sessions: the unit tests on the Python x Django matrix and on the
newest releases, the browser tests, the wheel, the inbox on a real PostgreSQL
server, lint and types, the JavaScript checks, and Django's own tests with
toastkit swapped in.

Run them all with ``./scripts/test.sh``; one with ``./scripts/test.sh -s lint``.
Every session but ``newest`` installs exactly what uv.lock pins
(tests/README.md, "Pinned test environments").
"""

from __future__ import annotations

import glob
import os
import shutil
import tarfile
import tempfile
from pathlib import Path

import nox

nox.options.default_venv_backend = "uv"
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = True

# Every supported (Python, Django) pair: Django 6 needs Python 3.12+. Each
# Django series is a dependency group of pyproject.toml (django52, ...).
MATRIX = [
    ("3.11", "5.2"),
    ("3.12", "5.2"),
    ("3.13", "5.2"),
    ("3.12", "6.0"),
    ("3.13", "6.0"),
    ("3.12", "6.1"),
    ("3.13", "6.1"),
]
NEWEST_PAIR, OLDEST_PAIR = MATRIX[-1], MATRIX[0]
E2E_PYTHON, E2E_DJANGO = NEWEST_PAIR
# The browser tests run on the newest pair and on the oldest.
E2E_MATRIX = [NEWEST_PAIR, OLDEST_PAIR]
# Browser tests: the package's own pages, and the demo driven as a real server.
BROWSER_DIRS = [d for d in ("tests/e2e", "tests/demo") if os.path.isdir(d)]
BROWSER_DIRS_IGNORED = [f"--ignore={d}" for d in BROWSER_DIRS]
# The browser tests on both cores: pytest-xdist runs them in two worker
# processes (the CI machine has two cores), each with its own test database,
# live_server on a free port, Chromium and demo server. They mostly wait on
# the browser (a test's CPU time is about half its wall time), so two workers
# overlap the waits. A file's tests stay together in one worker, in file order
# (-p no:randomly), as they ran before; the files spread over the two workers,
# each taking the next when it finishes one. ``-- -n 0`` runs one process.
#
# The unit tests stay in one process: they compute rather than wait, and
# measured side by side, two workers' start-up (interpreters, Django, a test
# database each) cost more than they saved (tests/README.md, "Both cores").
BROWSER_WORKERS = ["--numprocesses=2", "--dist=loadfile", "-p", "no:randomly"]
# A hung unit test fails after two minutes, naming itself (pytest-timeout; the
# slowest, tests/test_startproject.py, takes about 10 s on a quiet machine and
# several times that on a loaded one). Browser, wheel and PostgreSQL tests
# keep pyproject.toml's 300 s.
UNIT_TIMEOUT = "--timeout=120"
# The unit tests: everything but the browser, the wheel and PostgreSQL.
UNIT_TESTS = [
    UNIT_TIMEOUT,
    *BROWSER_DIRS_IGNORED,
    "-m",
    "not packaging and not postgres and not redis",
]
# Tests that find nothing new on another Python or Django: a fresh
# startproject run in subprocesses (about 10 s) and the browser lookup. Only
# the newest pair's cell runs them.
ONCE_TESTS = ["tests/test_startproject.py", "tests/test_chromium.py"]
# What the oldest pair can break in a browser: the server's side (rendering,
# delivery over htmx, CSP and CSRF, translations, Jinja2, the demo's views,
# the admin's markup, which differs between Django series). The client's own
# behaviour (dismissing, actions, looks, memory) is the same script on every
# pair: the newest pair's full run covers it.
OLDEST_BROWSER_TESTS = [
    "tests/e2e/test_delivery.py",
    "tests/e2e/test_patterns.py",
    "tests/e2e/test_display.py",
    "tests/e2e/test_security.py",
    "tests/e2e/test_jinja.py",
    "tests/e2e/test_translations.py",
    "tests/demo/test_tasks.py",
    "tests/demo/test_inbox.py",
]


def pair_ids(pairs: list[tuple[str, str]]) -> list[str]:
    return [f"{python}-django{django}" for python, django in pairs]


def install(
    session: nox.Session, django: str, *groups: str, project: bool = True
) -> None:
    """Sync the session's virtualenv to uv.lock: the locked versions of the
    groups' packages and of the Django series' group (django52, ...), with
    toastkit editable (or, ``project=False``, no toastkit), nothing else.

    ``--locked`` fails when uv.lock no longer matches pyproject.toml (run
    ``uv lock``) instead of resolving again: what installs is what passed."""
    series = "django" + django.replace(".", "")
    session.run_install(
        "uv", "sync", "--locked", "--no-default-groups",
        f"--python={session.virtualenv.location}",
        f"--group={series}", *(f"--group={g}" for g in groups),
        *(() if project else ("--no-install-project",)),
        env={"UV_PROJECT_ENVIRONMENT": session.virtualenv.location},
        silent=True,
    )  # fmt: skip


def unit_tests(
    session: nox.Session, *, coverage: bool = True, once: bool = True
) -> None:
    """The unit tests, then the inbox's under their own settings (pytest-django
    takes one settings module a run); with branch coverage unless told not to;
    ``once=False`` leaves out ``ONCE_TESTS``."""
    pytest = ["pytest"]
    if coverage:
        pytest[:0] = ["coverage", "run", "--append", "-m"]
        session.run("coverage", "erase")
    skipped = [] if once else [f"--ignore={path}" for path in ONCE_TESTS]
    session.run(*pytest, *UNIT_TESTS, *skipped, *session.posargs)
    if session.posargs:  # some of the tests: no inbox run, no coverage floor
        return
    session.run(*pytest, *INBOX_TESTS)
    if coverage:
        # Live delivery's code is measured by the live session, which runs its tests.
        session.run("coverage", "report", "--fail-under=95", f"--omit={LIVE_CODE}")


@nox.session(name="tests")
@nox.parametrize(("python", "django"), MATRIX, ids=pair_ids(MATRIX))
def tests(session: nox.Session, django: str) -> None:
    """Unit tests (no browser) with branch coverage, on uv.lock's versions.

    The whole suite on every pair: each Python and Django series can break
    any of it. ``ONCE_TESTS`` on the newest pair only."""
    # live: the test tools and the doorbells' client libraries (psycopg,
    # redis), which the inbox's checks and their tests look for.
    install(session, django, "live")
    unit_tests(session, once=(session.python, django) == NEWEST_PAIR)


# What the newest session takes at its newest release.
NEWEST_PACKAGES = ["django", "django-htmx", "django-cotton"]


@nox.session(python=NEWEST_PAIR[0])
def newest(session: nox.Session) -> None:
    """Unit tests on the newest releases, ignoring uv.lock.

    Django, django-htmx, django-cotton and the test tools at their newest: it
    fails when an upstream release breaks toastkit (or its tests) while the
    pinned sessions still pass, which is its job. Fix toastkit, or pin around
    the release, then ``uv lock --upgrade`` when it passes.

    The whole unit suite, not a part: a new Django can break any of it (a
    private name in toastkit.internals, a template, a check, a header), and
    which part is not known in advance. It leaves out ``ONCE_TESTS`` (their
    subprocesses find the same on any release) and coverage (the pinned
    cells measure it)."""
    session.install("--upgrade", "-e", ".", "--group=live", *NEWEST_PACKAGES)
    session.run("uv", "pip", "list")  # which releases these were
    unit_tests(session, coverage=False, once=False)


@nox.session
@nox.parametrize(("python", "django"), E2E_MATRIX, ids=pair_ids(E2E_MATRIX))
def e2e(session: nox.Session, django: str) -> None:
    """Browser tests in real Chromium: all on the newest pair, and on the
    oldest what it can break (``OLDEST_BROWSER_TESTS``).

    Debian's Chromium by default: tests/e2e/conftest.py."""
    install(session, django, "e2e")
    # axe-core for the accessibility tests comes from package.json.
    session.run("npm", "ci", "--no-audit", "--no-fund", "--silent", external=True)
    env = {"DJANGO_ALLOW_ASYNC_UNSAFE": "true"}
    newest = (session.python, django) == NEWEST_PAIR
    suite = BROWSER_DIRS if newest else OLDEST_BROWSER_TESTS
    session.run("pytest", *BROWSER_WORKERS, *(session.posargs or suite), env=env)
    if not session.posargs:  # the admin's, under the settings that install it
        # One file: a second worker would have nothing to run.
        session.run(
            "pytest", "-p", "no:randomly", ADMIN_BROWSER_TESTS, *LIVE_IGNORED,
            "--ds", "tests.inbox.settings", env=env,
        )  # fmt: skip


@nox.session(python=E2E_PYTHON)
def packaging(session: nox.Session) -> None:
    """The wheel, installed, renders {% toasts %} and passes the unit tests.

    tests/test_packaging.py installs it in a fresh virtualenv; then the unit
    tests run against it, installed, with the checkout's toastkit/ out of reach
    (as tox's ``package = wheel``: what users install is what passes, not only
    the source tree)."""
    install(session, E2E_DJANGO, "packaging")
    tmp = Path(session.create_tmp())
    # The fresh virtualenv of tests/test_packaging.py installs the locked
    # Django, django-htmx and django-cotton too (uv pip reads UV_CONSTRAINT).
    constraints = tmp / "constraints.txt"
    session.run(
        "uv", "export", "--locked", "--quiet", "--no-hashes", "--no-emit-project",
        "--no-default-groups", f"--group=django{E2E_DJANGO.replace('.', '')}",
        f"--output-file={constraints}",
    )  # fmt: skip
    session.run(
        "pytest", *BROWSER_DIRS_IGNORED, "-m", "packaging", *session.posargs,
        env={"UV_CONSTRAINT": str(constraints)},
    )  # fmt: skip
    if session.posargs:
        return
    # The wheel, built with the locked hatchling (no isolation fetching the newest).
    dist = tmp / "dist"
    shutil.rmtree(dist, ignore_errors=True)
    session.run(
        "python", "-m", "build", "--wheel", "--no-isolation", f"--outdir={dist}",
        silent=True,
    )  # fmt: skip
    (wheel,) = dist.glob("toastkit-*.whl")
    # The same locked packages, toastkit from the wheel in place of the checkout.
    install(session, E2E_DJANGO, "live", project=False)
    session.install("--no-deps", "--reinstall", str(wheel))
    # The tests run from a copy: pytest puts its rootdir on sys.path (pythonpath
    # in pyproject.toml), which in the flat checkout would import its toastkit/,
    # and so would the tests' subprocesses (PYTHONPATH).
    copy = tmp / "wheel-tests"
    shutil.rmtree(copy, ignore_errors=True)
    # scripts: tests/test_chromium.py runs one; docs: tests/test_docs.py reads them.
    for tree in ("tests", "scripts", "docs"):
        ignore = shutil.ignore_patterns("__pycache__", "img")
        shutil.copytree(tree, copy / tree, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):  # pytest's settings; the quick start
        shutil.copy(name, copy)
    with session.chdir(copy):
        session.run("python", "-c", FROM_THE_WHEEL)  # sys.path as pytest's
        session.run("pytest", "-p", "no:cacheprovider", *UNIT_TESTS)
        session.run("pytest", "-p", "no:cacheprovider", *INBOX_TESTS)


#: Fails unless the toastkit imported is the installed wheel's.
FROM_THE_WHEEL = (
    "import sysconfig, toastkit; "
    "assert toastkit.__file__.startswith(sysconfig.get_paths()['purelib']), "
    "toastkit.__file__"
)


# The admin with toasts in Chromium, under the inbox's settings (they install
# the admin): the e2e session runs them, the others leave them out.
ADMIN_BROWSER_TESTS = "tests/inbox/e2e"
# Live delivery (docs/live.md): its servers' tests and its Chromium tests run
# in the live session only, beside real PostgreSQL and Redis servers. They
# wait on servers and browsers, and what they find does not depend on the
# Python and Django pair: running them in each of the seven unit cells cost
# about two minutes.
LIVE_SERVER_TESTS = "tests/inbox/live"
LIVE_BROWSER_TESTS = sorted(glob.glob("tests/inbox/e2e/test_live*.py"))
LIVE_IGNORED = ["--ignore=tests/inbox/live", "--ignore-glob=tests/inbox/e2e/test_live*"]
LIVE_CODE = "toastkit/inbox/live/*"
# The inbox's tests, under their settings (tests/inbox/settings.py).
INBOX_TESTS = [
    UNIT_TIMEOUT,
    "tests/inbox",
    f"--ignore={ADMIN_BROWSER_TESTS}",
    *LIVE_IGNORED,
    "--ds",
    "tests.inbox.settings",
    "-m",
    "not postgres and not redis",
]
# On PostgreSQL: the check that the server answers, and the inbox's tests.
POSTGRES_TESTS = [
    "tests/test_postgres_server.py",
    "tests/inbox",
    f"--ignore={ADMIN_BROWSER_TESTS}",
    *LIVE_IGNORED,
    "--ds",
    "tests.inbox.settings",
]


@nox.session(python=E2E_PYTHON)
def inbox_postgres(session: nox.Session) -> None:
    """The inbox tests on a real PostgreSQL server (scripts/with-postgres.sh).

    The script installs Debian's postgresql when missing (as root), starts a
    throwaway server on a loopback port around pytest, and stops it."""
    install(session, E2E_DJANGO, "postgres")
    session.run(
        "scripts/with-postgres.sh",
        "pytest",
        *POSTGRES_TESTS,
        *session.posargs,
        external=True,
    )


@nox.session(python=E2E_PYTHON)
def live(session: nox.Session) -> None:
    """Live delivery (docs/live.md): the stream under uvicorn and runserver,
    the three doorbells, and the client in Chromium, beside a real Redis server
    (scripts/with-redis.sh) and a real PostgreSQL server (with-postgres.sh).

    First on SQLite (the ``poll`` and ``redis`` doorbells, as most projects
    run), then the tests marked ``postgres`` (the ``postgres`` doorbell) with
    the database on PostgreSQL. The servers' tests run in one process under
    branch coverage of toastkit/inbox/live (the unit cells leave it out); the
    browser tests on both cores."""
    install(session, E2E_DJANGO, "e2e", "live")
    env = {"DJANGO_ALLOW_ASYNC_UNSAFE": "true"}
    inbox = ["--ds", "tests.inbox.settings"]
    redis, postgres = "scripts/with-redis.sh", "scripts/with-postgres.sh"
    if session.posargs:  # some of the tests, beside both servers
        session.run(
            postgres, redis, "pytest", *inbox, *session.posargs, env=env, external=True
        )
        return
    session.run("coverage", "erase")
    # The database is PostgreSQL whenever TOASTKIT_TEST_POSTGRES is set
    # (tests/inbox/settings.py): with-postgres.sh only around the second run.
    for marker, services in (
        ("not postgres", [redis]),
        ("postgres", [postgres, redis]),
    ):
        # Without DJANGO_ALLOW_ASYNC_UNSAFE: the servers run in this process,
        # and database work in the event loop must fail here.
        session.run(
            *services, "coverage", "run", "--append", "-m", "pytest", *inbox,
            UNIT_TIMEOUT, "-m", marker, LIVE_SERVER_TESTS, external=True,
        )  # fmt: skip
        session.run(
            *services, "pytest", *inbox, *BROWSER_WORKERS, "-m", marker,
            *LIVE_BROWSER_TESTS, env=env, external=True,
        )  # fmt: skip
    session.run("coverage", "report", f"--include={LIVE_CODE}", "--fail-under=90")


@nox.session(python=E2E_PYTHON, default=False)
def fast(session: nox.Session) -> None:
    """The day-to-day lane: the unit and inbox tests on the newest pair, without
    coverage, the browser or the once-only tests, then ruff and mypy.

    ``./scripts/test.sh -s fast``; a test file or ``-k`` after ``--``."""
    install(session, E2E_DJANGO, "lint", "test")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    unit_tests(session, coverage=False, once=False)
    session.run("mypy")


@nox.session(python=E2E_PYTHON)
def lint(session: nox.Session) -> None:
    """ruff (lint and format) and mypy --strict."""
    install(session, E2E_DJANGO, "lint", "test")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy")


@nox.session(python=False)
def js(session: nox.Session) -> None:
    """ESLint, tsc over the client's JSDoc types, the minified files are what
    the build makes of the sources, and the gzip size budget of the minified
    JS and CSS."""
    session.run("npm", "ci", "--no-audit", "--no-fund", external=True)
    session.run("npm", "run", "--silent", "lint", external=True)
    session.run("npm", "run", "--silent", "typecheck", external=True)
    session.run("npm", "run", "--silent", "build:check", external=True)
    session.run("npm", "run", "--silent", "size", external=True)


# django_compat: Django's own tests with toastkit swapped in, on the newest pair
# (tests/django_compat/README.md); the modules that touch messages or the admin.
COMPAT_PYTHON, COMPAT_DJANGO = MATRIX[-1]
COMPAT_MODULES = [
    "messages_tests",
    "admin_autodiscover",
    "admin_changelist",
    "admin_checks",
    "admin_custom_urls",
    "admin_default_site",
    "admin_docs",
    "admin_filters",
    "admin_inlines",
    "admin_ordering",
    "admin_registration",
    "admin_utils",
    "admin_views",
    "admin_widgets",
    "generic_inline_admin",
    "modeladmin",
    "auth_tests",
    "generic_views",
    "toastkit_storages",  # tests/django_compat/toastkit_storages.py
]


def django_tests_dir(session: nox.Session) -> Path:
    """The tests/ directory of the installed Django's sdist, downloaded once."""
    output = session.run(
        "python", "-c", "import django; print(django.__version__)", silent=True
    )
    assert isinstance(output, str)
    version = output.strip()
    target = Path(session.cache_dir) / f"django-{version}-tests"
    if (target / "runtests.py").exists():
        return target
    # Unpacked beside the target, so that the final rename stays on one file system.
    with tempfile.TemporaryDirectory(dir=session.cache_dir) as tmp:
        session.run(
            "python", "-m", "pip", "download", "--quiet", "--no-deps",
            "--no-binary=:all:", f"--dest={tmp}", f"django=={version}",
        )  # fmt: skip
        (sdist,) = Path(tmp).glob("*.tar.gz")
        with tarfile.open(sdist) as tar:
            top = tar.getmembers()[0].name.split("/")[0]
            tests = [m for m in tar.getmembers() if m.name.startswith(f"{top}/tests/")]
            tar.extractall(tmp, members=tests, filter="data")
        Path(tmp, top, "tests").rename(target)
    return target


@nox.session(python=COMPAT_PYTHON)
def django_compat(session: nox.Session) -> None:
    """Django's admin, messages, auth and generic views tests, on toastkit."""
    install(session, COMPAT_DJANGO, "compat")  # pip and tblib (pyproject.toml)
    session.run(
        "python",
        "tests/django_compat/run.py",
        django_tests_dir(session),
        *(session.posargs or COMPAT_MODULES),
    )


if os.environ.get("CI"):
    nox.options.reuse_existing_virtualenvs = False
