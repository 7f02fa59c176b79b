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
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo_project"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_until_up(
    url: str, process: subprocess.Popen[bytes], log: Path, timeout: float
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except urllib.error.HTTPError:
            return  # it answers; the tests will say what is wrong with the page
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    tail = log.read_text(errors="replace")[-3000:]
    raise RuntimeError(f"The demo server did not come up at {url}:\n{tail}")


@contextmanager
def running_demo(python: str = sys.executable, timeout: float = 30) -> Iterator[str]:
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
        port = free_port()
        log_path = Path(scratch) / "server.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
                cwd=DEMO_DIR,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            try:
                url = f"http://127.0.0.1:{port}"
                _wait_until_up(url + "/", process, log_path, timeout)
                yield url
            finally:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
