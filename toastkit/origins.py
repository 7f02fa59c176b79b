"""Where an action may send its request, and which requests get the CSRF token.

An action's URL may come from data a user controls (a ``next`` parameter),
and a browser runs a ``javascript:`` URL in a form's ``action``, as htmx 4's
``htmx.ajax()`` runs a path that starts with ``js:``. So an action's URL is
a relative URL, or an ``http(s)`` URL on one of the project's own hosts
(``ALLOWED_HOSTS``). See docs/reference.md, "Actions".
"""

from __future__ import annotations

import re
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
    """The host patterns of ``ALLOWED_HOSTS`` that name hosts of this project.

    ``"*"`` is left out: it switches Host header checking off, it does not
    make every site on the web this project's. Leading-dot patterns
    (``".example.com"``) mean the domain and its subdomains, as in Django;
    with ``DEBUG`` and an empty list, Django's own ``DEBUG_HOSTS``.
    """
    allowed: list[str] = list(settings.ALLOWED_HOSTS)
    if settings.DEBUG and not allowed:
        allowed = list(DEBUG_HOSTS)
    return [pattern for pattern in allowed if pattern != "*"]


def as_browsers_read(url: str) -> str:
    """``url`` as a browser's URL parser starts on it."""
    return url.translate(_REMOVED).strip(_C0_OR_SPACE)


def split(url: str) -> SplitResult | None:
    """``url``'s parts as a browser reads them; ``None`` if it cannot be a URL."""
    try:
        parts = urlsplit(as_browsers_read(url))
        parts.port  # noqa: B018  # raises ValueError for a port out of range
    except ValueError:  # such as "http://[::1" or "http://host:99999"
        return None
    return parts


def is_own_absolute(parts: SplitResult) -> bool:
    """Whether ``parts`` is an ``http(s)`` URL on one of ``own_hosts()``."""
    if parts.scheme not in DEFAULT_PORTS:
        return False
    domain, _port = split_domain_port(parts.netloc)  # "" with user:password@
    return bool(domain) and validate_host(domain, own_hosts())


def is_allowed_url(url: str) -> bool:
    """Whether an action may send a request to ``url``.

    A relative URL (``/tasks/3/restore/``, ``restore/``, ``?page=2``), or an
    ``http(s)`` URL whose host is one of ``own_hosts()``. Anything with
    another scheme (``javascript:``, ``js:``, ``data:``, in any case, split
    by tabs), or a host but no scheme (``//host``, ``/\\host``), is not.
    Django's ``url_has_allowed_host_and_scheme``, which guards ``next``
    redirects, has the last word (leading control characters, backslashes,
    ``///``); the checks before it are for what it allows: any host in
    ``ALLOWED_HOSTS`` patterns, and scheme-relative URLs.
    """
    parts = split(url)
    if parts is None:
        return False
    absolute = bool(parts.netloc or parts.scheme or _SCHEME.match(parts.path))
    if absolute and not (parts.netloc and is_own_absolute(parts)):
        return False
    return url_has_allowed_host_and_scheme(
        url, allowed_hosts={parts.netloc} if parts.netloc else set()
    )


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
    """Whether ``url`` goes to ``origin``: relative, or absolute and the same.

    The CSRF token goes only where this holds (Django's docs: never send it
    to another site).
    """
    parts = split(url)
    if parts is None:
        return False
    if not parts.netloc and not parts.scheme:
        return True
    return origin is not None and origin_of(url) == origin


def csrf_token_for(request: HttpRequest, url: str) -> str | None:
    """``request``'s CSRF token for a ``post`` action's form to ``url``, if it
    goes to the request's own origin; else ``None``."""
    if is_same_origin(url, request_origin(request)):
        return get_token(request)
    return None
