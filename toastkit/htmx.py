"""What toastkit asks of a request: did htmx make it, and will it read the headers?"""

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


def htmx_reads_headers(request: HttpRequest) -> bool:
    """Whether htmx made this request and will act on the response's headers.

    It does for every request it makes except history restores (the page
    missing from its history cache), whose headers it ignores.
    """
    details = htmx_details(request)
    return bool(details) and not details.history_restore_request
