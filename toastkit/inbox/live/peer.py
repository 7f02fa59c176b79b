"""Whether a WSGI stream's browser has hung up, asked before each claim.

Under WSGI a server learns that a connection closed only when a write to it
fails, up to a ping later (``TOASTKIT_LIVE_PING``). A claim in between would
send the user's messages into a dead socket; the replay gives them back only
to a stream of the same browser session, so a user who closed their last
tab and comes back on another device would never see them. So before each
claim a WSGI stream peeks at its socket, where the server lets it be found:
gunicorn's ``gunicorn.socket``, or the socket under ``wsgi.input``
(``runserver`` and wsgiref). Where it cannot be found, the stream claims as
before. ASGI servers tell Django of a disconnect, which ends the stream.

A peer that vanished without closing (a laptop asleep, a cable pulled) is
not seen here either: the replay, within ``TOASTKIT_LIVE_REPLAY``, covers
that one for the same browser.
"""

from __future__ import annotations

import select
import socket
from collections.abc import Callable
from typing import Any

#: How deep to look under ``wsgi.input`` for the socket: runserver's is
#: Django's LimitedStream over a buffered reader over a SocketIO over it.
DEPTH = 4


def wrapped(stream: Any) -> Any:
    """What a file-like object reads from, or ``None``."""
    for name in ("raw", "_sock", "stream"):  # io's, SocketIO's, wrappers'
        if hasattr(stream, name):
            return getattr(stream, name)
    # Django's LimitedStream keeps only the bound ``read`` of what it wraps.
    return getattr(getattr(stream, "_read", None), "__self__", None)


def client_socket(environ: dict[str, Any]) -> socket.socket | None:
    """The connection's socket, if the WSGI server lets it be found."""
    found: Any = environ.get("gunicorn.socket") or environ.get("wsgi.input")
    for _ in range(DEPTH):
        if found is None or isinstance(found, socket.socket):
            break
        found = wrapped(found)
    return found if isinstance(found, socket.socket) else None


def is_readable(sock: socket.socket) -> bool:
    """Whether a read would not block (``poll``: past 1,024 descriptors too)."""
    if hasattr(select, "poll"):
        poller = select.poll()
        poller.register(sock, select.POLLIN)
        return bool(poller.poll(0))
    readable, _, _ = select.select([sock], [], [], 0)  # pragma: no cover
    return bool(readable)  # pragma: no cover


def has_hung_up(sock: socket.socket) -> bool:
    """Whether the peer closed the connection: readable, with nothing to read."""
    try:
        return is_readable(sock) and sock.recv(1, socket.MSG_PEEK) == b""
    except (BlockingIOError, InterruptedError, ValueError):
        return False  # nothing to read yet, or cannot tell
    except OSError:  # reset by the peer, or closed on this side
        return True


def hang_up_check(environ: dict[str, Any]) -> Callable[[], bool]:
    """A function that says whether this WSGI request's browser has gone."""
    sock = client_socket(environ)
    if sock is None:
        return lambda: False
    return lambda: has_hung_up(sock)
