"""What toastkit asks of a request: did htmx make it, will it read the headers,
will anyone see the response?"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from django.http import HttpRequest


def htmx_details(request: HttpRequest) -> HtmxDetails:
    """django-htmx's ``request.htmx``, or the same read from the headers.

    ``HtmxMiddleware`` is recommended, not required: without it, toastkit
    reads the request as django-htmx would.
    """
    details = getattr(request, "htmx", None)
    return details if isinstance(details, HtmxDetails) else HtmxDetails(request)


#: Request headers of a prefetch, as ``request.META`` keys: speculation rules
#: and ``<link rel=prefetch>`` send ``Sec-Purpose``, older browsers ``Purpose``.
PREFETCH_HEADERS = ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE")


def is_prefetch(request: HttpRequest) -> bool:
    """Whether the browser asked ahead, for a page the user may never open.

    A prefetch or prerender, or a preload of htmx's preload extension
    (``HX-Preloaded``), which never reads the response's headers.
    """
    # request.META, not request.headers: it is on every htmx response's path.
    meta = request.META
    if meta.get("HTTP_HX_PRELOADED", "").lower() == "true":
        return True
    return any("prefetch" in meta.get(name, "").lower() for name in PREFETCH_HEADERS)


def htmx_reads_headers(request: HttpRequest) -> bool:
    """Whether htmx made this request and will act on the response's headers.

    It does for every request it makes except history restores (the page
    missing from its history cache), whose headers it ignores, and preloads.
    """
    # HX-History-Restore-Request from request.META, as is_prefetch reads its
    # headers: django-htmx reads it through request.headers, where looking up
    # a header the request lacks raises and catches a KeyError.
    return (
        bool(htmx_details(request))
        and request.META.get("HTTP_HX_HISTORY_RESTORE_REQUEST") != "true"
        and not is_prefetch(request)
    )
