"""Serve the demo on a socket the parent process is already listening on.

    python tests/demo/serve.py FD     (cwd: demo_project/)

The parent binds and listens before starting this process, so its first
request simply waits in the socket's backlog until Django is ready: no
polling for the server to come up. Django's own development server classes
serve it, with static files, as ``runserver`` does.
"""

from __future__ import annotations

import os
import socket
import sys
from socketserver import ThreadingMixIn

from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


def main() -> None:
    sys.path.insert(0, os.getcwd())  # demo_project/, as manage.py would have it
    import django

    django.setup()
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.wsgi import get_wsgi_application

    server = ThreadingServer(
        ("127.0.0.1", 0), WSGIRequestHandler, bind_and_activate=False
    )
    server.socket.close()
    server.socket = socket.socket(fileno=int(sys.argv[1]))
    server.server_name, server.server_port = server.socket.getsockname()[:2]
    server.setup_environ()
    server.set_app(StaticFilesHandler(get_wsgi_application()))
    server.serve_forever()


if __name__ == "__main__":
    main()
