"""Finding a WSGI stream's socket, and whether its browser hung up
(toastkit.inbox.live.peer), on real socket pairs."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from django.core.handlers.wsgi import LimitedStream

from toastkit.inbox.live.peer import client_socket, hang_up_check, has_hung_up


@pytest.fixture
def pair() -> Iterator[tuple[socket.socket, socket.socket]]:
    server, browser = socket.socketpair()
    yield server, browser
    server.close()
    browser.close()


def test_an_open_connection_has_not_hung_up(
    pair: tuple[socket.socket, socket.socket],
) -> None:
    server, _ = pair
    assert has_hung_up(server) is False


def test_a_connection_the_browser_closed_has_hung_up(
    pair: tuple[socket.socket, socket.socket],
) -> None:
    server, browser = pair
    browser.close()
    assert has_hung_up(server) is True


def test_unread_bytes_from_the_browser_are_not_a_hang_up(
    pair: tuple[socket.socket, socket.socket],
) -> None:
    server, browser = pair
    browser.sendall(b"x")
    assert has_hung_up(server) is False
    assert server.recv(1) == b"x"  # peeked, not consumed


def test_runservers_socket_is_found_under_wsgi_input(
    pair: tuple[socket.socket, socket.socket],
) -> None:
    server, _ = pair
    rfile = server.makefile("rb")  # as socketserver's StreamRequestHandler
    environ = {"wsgi.input": LimitedStream(rfile, 0)}  # type: ignore[arg-type]  # as runserver's handler
    assert client_socket(environ) is server


def test_gunicorns_socket_is_found(pair: tuple[socket.socket, socket.socket]) -> None:
    server, _ = pair
    assert client_socket({"gunicorn.socket": server, "wsgi.input": None}) is server


def test_without_a_socket_to_find_the_stream_never_thinks_it_hung_up() -> None:
    import io

    check = hang_up_check({"wsgi.input": io.BytesIO(b"")})
    assert check() is False
