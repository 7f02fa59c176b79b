"""The demo's Content-Security-Policy on Django 5.2, which has none built in.

The same policy as ``SECURE_CSP`` on Django 6, less the nonce: every script
on the demo's pages is a file from 'self' (toastkit.js, and for a logged-in
user toastkit-live.js), so no nonce is needed.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.http.response import HttpResponseBase

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'"  # the live stream, an EventSource on /toastkit/live/
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", POLICY)
        return response
