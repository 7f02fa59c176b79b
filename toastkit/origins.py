"""Where an action may send its request, and which requests get the CSRF token
(docs/reference.md, "Action URLs": a ``javascript:`` URL from a ``next``
parameter must never reach a button)."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import SplitResult, urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest
from django.http.request import split_domain_port, validate_host
from django.middleware.csrf import get_token
from django.utils.http import url_has_allowed_host_and_scheme

#: The schemes of an absolute action URL, and their default ports.
DEFAULT_PORTS = {"http": 80, "https": 443}
#: Django's own hosts when ``DEBUG`` is on and ``ALLOWED_HOSTS`` is empty
#: (``HttpRequest.get_host``).
DEBUG_HOSTS = (".localhost", "127.0.0.1", "[::1]")

#: A browser removes ASCII tab and newline anywhere in a URL (WHATWG URL,
#: "basic URL parser"): ``java<TAB>script:`` is ``javascript:`` to it.
_REMOVED = str.maketrans("", "", "\t\n\r")
#: ... and C0 controls and spaces at either end.
_C0_OR_SPACE = "".join(map(chr, range(0x21)))
_SCHEME = re.compile(r"[a-z][a-z0-9+.\-]*:", re.IGNORECASE)


def own_hosts() -> list[str]:
    """The patterns of ``ALLOWED_HOSTS`` (``DEBUG_HOSTS`` under ``DEBUG`` when
    empty) but ``"*"``, which switches Host checking off: it does not make
    every site on the web this project's."""
    allowed: list[str] = list(settings.ALLOWED_HOSTS)
    if settings.DEBUG and not allowed:
        allowed = list(DEBUG_HOSTS)
    return [pattern for pattern in allowed if pattern != "*"]


def split(url: str) -> SplitResult | None:
    """``url``'s parts as a browser reads them; ``None`` if it cannot be a URL."""
    try:
        parts = urlsplit(url.translate(_REMOVED).strip(_C0_OR_SPACE))
        parts.port  # noqa: B018  # raises ValueError for a port out of range
    except ValueError:  # such as "http://[::1" or "http://host:99999"
        return None
    return parts


def is_allowed_url(url: str) -> bool:
    """Whether an action may send a request to ``url``: a relative URL, or an
    ``http(s)`` URL on one of ``own_hosts()``.

    Django's ``url_has_allowed_host_and_scheme``, which guards ``next``
    redirects, has the last word; the checks before it are for what it
    allows: any host (it takes no patterns), and scheme-relative URLs.
    """
    parts = split(url)
    if parts is None:
        return False
    if parts.netloc or parts.scheme or _SCHEME.match(parts.path):
        domain, _port = split_domain_port(parts.netloc)  # "" with user:password@
        if parts.scheme not in DEFAULT_PORTS or not domain:
            return False
        if not validate_host(domain, own_hosts()):
            return False
    return url_has_allowed_host_and_scheme(url, allowed_hosts={parts.netloc})


def origin_of(url: str) -> str | None:
    """``scheme://host:port`` of an absolute ``url``; ``None`` for a relative one."""
    parts = split(url)
    if parts is None or not parts.netloc or parts.scheme not in DEFAULT_PORTS:
        return None
    # Port 0 is a port of its own to a browser, not the default one.
    port = parts.port if parts.port is not None else DEFAULT_PORTS[parts.scheme]
    return f"{parts.scheme}://{parts.hostname}:{port}"


def request_origin(request: HttpRequest) -> str | None:
    """The origin ``request`` was sent to, as ``origin_of`` writes it."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    return origin_of(f"{request.scheme}://{host}/")


def is_same_origin(url: str, origin: str | None) -> bool:
    """Whether ``url`` goes to ``origin``: relative, or absolute and the same."""
    parts = split(url)
    if parts is None:
        return False
    if not parts.netloc and not parts.scheme:
        return True
    return origin is not None and origin_of(url) == origin


def csrf_token_for(request: HttpRequest, url: str) -> str | None:
    """``request``'s CSRF token for a ``post`` action's form to ``url``, if it
    goes to the request's own origin (Django's docs: never send it to another
    site); else ``None``."""
    if is_same_origin(url, request_origin(request)):
        return get_token(request)
    return None


def csrf_tokens_for(request: HttpRequest) -> Callable[[str], str | None]:
    """``csrf_token_for`` with ``request``'s token and origin taken now, for
    what outlives the request (a live stream sends actions for minutes)."""
    token, origin = get_token(request), request_origin(request)
    return lambda url: token if is_same_origin(url, origin) else None
