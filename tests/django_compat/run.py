"""Run Django's own ``tests/runtests.py`` with toastkit in place of Django's messages.

Usage: ``python tests/django_compat/run.py DJANGO_TESTS_DIR [runtests.py arguments]``
(``./scripts/test.sh -s django_compat`` downloads DJANGO_TESTS_DIR and calls
this; see README.md beside this file).

runtests.py builds INSTALLED_APPS and MIDDLEWARE itself, from its module-level
lists ``ALWAYS_INSTALLED_APPS`` and ``ALWAYS_MIDDLEWARE``, whatever the settings
module says. So this script imports runtests.py as a module, edits those two
lists in place, and runs its ``if __name__ == "__main__":`` block unchanged: the
command line, the test selection and the runner are Django's own. The storage,
the test runner and the database come from ``compat_settings``.
"""

from __future__ import annotations

import ast
import multiprocessing
import sys
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent

DJANGO_MESSAGE_MIDDLEWARE = "django.contrib.messages.middleware.MessageMiddleware"
TOAST_MIDDLEWARE = "toastkit.middleware.ToastMiddleware"
TOASTKIT_APPS = ["django_htmx", "django_cotton", "toastkit"]


def import_runtests(tests_dir: Path) -> ModuleType:
    """Import ``tests_dir/runtests.py`` without running its command line."""
    # Django's test apps ("admin_views", "urls", "test_sqlite") are top-level
    # modules of that directory; this one holds compat_settings, compat_runner
    # and toastkit_storages.
    sys.path[:0] = [str(tests_dir), str(HERE)]
    import runtests

    return runtests


def swap_in_toastkit(runtests: ModuleType) -> None:
    """ToastMiddleware where MessageMiddleware was; toastkit's apps installed."""
    middleware: list[str] = runtests.ALWAYS_MIDDLEWARE
    middleware[middleware.index(DJANGO_MESSAGE_MIDDLEWARE)] = TOAST_MIDDLEWARE
    apps: list[str] = runtests.ALWAYS_INSTALLED_APPS
    apps.extend(TOASTKIT_APPS)


def run_command_line(runtests: ModuleType, args: list[str]) -> None:
    """Run runtests.py's ``__main__`` block in the module's own namespace."""
    source = Path(runtests.__file__).read_text()
    (main_block,) = (
        node
        for node in ast.parse(source).body
        if isinstance(node, ast.If)
        and ast.unparse(node.test) == "__name__ == '__main__'"
    )
    code = compile(
        ast.Module(body=main_block.body, type_ignores=[]), runtests.__file__, "exec"
    )
    sys.argv = [runtests.__file__, "--settings=compat_settings", *args]
    exec(code, vars(runtests))


def main() -> None:
    # Parallel test workers must inherit the edited lists: a forked worker
    # does; a spawned one (the default on macOS, and on Linux from Python
    # 3.14) would import runtests.py afresh and test Django's middleware.
    multiprocessing.set_start_method("fork")
    tests_dir, *args = sys.argv[1:]
    runtests = import_runtests(Path(tests_dir).resolve())
    swap_in_toastkit(runtests)
    run_command_line(runtests, args)


if __name__ == "__main__":
    main()
