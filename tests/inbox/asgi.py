"""A real ASGI server (uvicorn) around the project, for tests of overlapping requests.

It serves ``django.core.asgi.get_asgi_application()`` from a thread of the
test process, so it uses the test database pytest-django set up (use it with
``django_db(transaction=True)``: its requests commit on their own
connections). Each request runs its sync middleware and view in a thread of
its own, as in production, so requests sent at once do overlap.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
from django.core.asgi import get_asgi_application

#: Longest the server may take to start or stop.
STARTUP_TIMEOUT = 10.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def asgi_server(*, static: bool = False) -> Iterator[str]:
    """Serve the project on a loopback port; yields its base URL. With
    ``static``, its static files too (a browser's page needs its scripts)."""
    port = free_port()
    app = get_asgi_application()
    config = uvicorn.Config(
        ASGIStaticFilesHandler(app) if static else app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="off",  # Django's ASGI handler has no lifespan events
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    try:
        for _ in range(int(STARTUP_TIMEOUT / 0.01)):
            if server.started or not thread.is_alive():
                break
            threading.Event().wait(0.01)
        if not server.started:
            raise RuntimeError(f"uvicorn did not start on port {port}")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(STARTUP_TIMEOUT)
