"""The live bench's Django project: its database, its users, its servers.

bench/live.py sets up one database per run (a SQLite file in WAL mode, or a
fresh database on the PostgreSQL server of ``TOASTKIT_TEST_POSTGRES``), runs
Django in its own process for ``notify()`` and the checks, and starts the
servers as subprocesses on the same database: uvicorn (one worker, or
``--workers 2``) and ``manage.py runserver``. Users are made in bulk, each
with a database session whose key is the cookie a client sends.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
BENCH_DB = "toastkit_live_bench"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def database(scratch: Path) -> dict[str, Any]:
    """The run's ``DATABASES["default"]``: PostgreSQL if the environment names a
    server (a fresh database on it), else a SQLite file in ``scratch``."""
    url = os.environ.get("TOASTKIT_TEST_POSTGRES", "")
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(scratch / "live.sqlite3"),
            # Several processes write: wait for the lock rather than fail.
            "OPTIONS": {"timeout": 30, "transaction_mode": "IMMEDIATE"},
        }
    parts = urlsplit(url)
    import psycopg

    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {BENCH_DB}")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": BENCH_DB,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        # Django's connection pool (psycopg_pool), as an ASGI site on
        # PostgreSQL should have: each concurrent request holds a connection
        # while its session and user load, and a restart's reconnects would
        # otherwise pass max_connections (100). Its connections serve the
        # requests and toastkit's pool alike.
        "OPTIONS": {"pool": {"min_size": 0, "max_size": 10, "timeout": 30}},
    }


def environment(db: dict[str, Any], doorbell: str) -> dict[str, str]:
    """The environment of every process of the run (this one included)."""
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(BENCH), str(ROOT)]),
        "DJANGO_SETTINGS_MODULE": "live_settings",
        "TOASTKIT_BENCH_LIVE_DB": json.dumps(db),
        "TOASTKIT_LIVE_DOORBELL": doorbell,
    }


def setup_django(env: dict[str, str]) -> None:
    """Django in this process, on the run's database, migrated."""
    os.environ.update(env)
    for path in (str(ROOT), str(BENCH)):
        if path not in sys.path:
            sys.path.insert(0, path)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # readers never wait for the writer
            cursor.execute("PRAGMA journal_mode=WAL")


def make_users(count: int, prefix: str) -> list[tuple[int, str]]:
    """``count`` users, each logged in: ``(pk, session cookie)``, in bulk."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User

    password = make_password(None)  # unusable, made once
    User.objects.bulk_create(
        [User(username=f"{prefix}-{n}", password=password) for n in range(count)],
        batch_size=500,
    )
    users = User.objects.filter(username__startswith=f"{prefix}-").order_by("pk")
    return sessions(list(users))


def sessions(users: list[Any]) -> list[tuple[int, str]]:
    """A new session for each of ``users``, as ``login()`` leaves it, written
    with one bulk insert: ``(pk, session cookie)``."""
    from datetime import timedelta

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    model = SessionStore.get_model_class()
    encoder = SessionStore()
    expires = timezone.now() + timedelta(days=1)
    rows, cookies = [], []
    for user in users:
        key = get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789")
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        rows.append(
            model(
                session_key=key, session_data=encoder.encode(data), expire_date=expires
            )
        )
        cookies.append((user.pk, key))
    model.objects.bulk_create(rows, batch_size=500)
    return cookies


# Servers


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_for_port(
    port: int, process: subprocess.Popen[bytes], timeout: float = 60
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped: {process.args}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"no server on port {port} after {timeout} s")


def uvicorn_command(port: int, workers: int = 0) -> list[str]:
    """uvicorn serving the project; ``workers`` 0: one process, no supervisor."""
    return [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "django.core.asgi:get_asgi_application",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        *(["--workers", str(workers)] if workers else []),
        "--lifespan",
        "off",
        "--log-level",
        "warning",
        "--no-access-log",
        # A restart (bench row 7) cuts the open streams after 1 s.
        "--timeout-graceful-shutdown",
        "1",
    ]


def runserver_command(port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "django",
        "runserver",
        "--noreload",
        f"127.0.0.1:{port}",
    ]


def start(
    command: list[str], env: dict[str, str], port: int
) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(command, env=env, cwd=BENCH)
    wait_for_port(port, process)
    return process


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def server(
    env: dict[str, str], *, workers: int = 0, runserver: bool = False
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A server on a free loopback port: ``(base URL, process)``. ``workers``
    0 is one uvicorn process serving itself (its pid is the server's)."""
    port = free_port()
    command = runserver_command(port) if runserver else uvicorn_command(port, workers)
    process = start(command, env, port)
    try:
        yield f"http://127.0.0.1:{port}", process
    finally:
        stop(process)


# /proc


def proc_status(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def rss_kib(pid: int) -> int:
    return proc_status(pid, "VmRSS")


def threads(pid: int) -> int:
    return proc_status(pid, "Threads")


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of the process, all its threads."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
