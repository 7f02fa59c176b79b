"""Run the demo as a real server: its own settings, a scratch SQLite database.

Used by the smoke tests (a session fixture) and by scripts/screenshots.py. The
demo runs in a subprocess because this process may already have Django set
up with other settings (pytest-django uses tests.settings).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo_project"
SERVE = str(Path(__file__).with_name("serve.py"))


def first_answer(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Wait for the first response (the request queues until Django serves it)."""
    try:
        with urllib.request.urlopen(url, timeout=60):
            return
    except urllib.error.HTTPError:
        return  # it answers; the tests will say what is wrong with the page
    except OSError as exc:
        tail = log.read_text(errors="replace")[-3000:]
        state = "exited" if process.poll() is not None else "running"
        raise RuntimeError(
            f"The demo server ({state}) did not answer {url}: {exc}\n{tail}"
        ) from exc


@contextmanager
def running_demo(python: str = sys.executable) -> Iterator[str]:
    """Migrate a fresh database, serve the demo, yield its base URL."""
    with tempfile.TemporaryDirectory(prefix="toastkit-demo-") as scratch:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "demo.settings",
            "DEMO_DB_PATH": str(Path(scratch) / "db.sqlite3"),
            "PYTHONUNBUFFERED": "1",
        }
        manage = [python, "manage.py"]
        subprocess.run(
            [*manage, "migrate", "--noinput", "-v", "0"],
            cwd=DEMO_DIR,
            env=env,
            check=True,
        )
        log_path = Path(scratch) / "server.log"
        listener = socket.create_server(("127.0.0.1", 0), backlog=64)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}"
        with log_path.open("wb") as log:
            with listener:
                process = subprocess.Popen(
                    [python, SERVE, str(listener.fileno())],
                    cwd=DEMO_DIR,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    pass_fds=(listener.fileno(),),
                )
            # Only the server holds the socket now: if it dies, requests fail fast.
            try:
                first_answer(url + "/", process, log_path)
                yield url
            finally:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
