"""Settings for Django's test suite with toastkit's storage (see run.py).

runtests.py replaces INSTALLED_APPS and MIDDLEWARE (run.py edits its lists);
everything else comes from here: Django's own SQLite test settings, then
toastkit's storage and the runner that knows the expected differences.
"""

from __future__ import annotations

from test_sqlite import *  # noqa: F403  (Django's tests/test_sqlite.py)

MESSAGE_STORAGE = "toastkit.storage.ToastStorage"
TEST_RUNNER = "compat_runner.CompatRunner"
