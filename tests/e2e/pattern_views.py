"""Views for the htmx patterns of tests/e2e/test_patterns.py.

``patterns`` is a full layout (``#shell`` holds ``#main`` and the region),
the page htmx apps fetch whole and narrow with ``hx-select``. ``gated``
answers only when the test opens ``GATE``: the test can swap the requesting
element away while its request is in flight.
"""

from __future__ import annotations

import itertools
import threading

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

from tests.e2e.views import add_messages, context, strict_csp

#: Opened by the test to let ``gated`` answer.
GATE = threading.Event()
#: How many times ``patterns`` rendered: a page Back shows from the HTTP
#: cache keeps its old number.
VISITS = itertools.count(1)

SWAPS = [
    {"target": target, "swap": swap, "select": select}
    for target in ("#main", "#shell")
    for swap in ("innerHTML", "outerHTML")
    for select in (True, False)
]


def swap_label(target: str, swap: str, select: bool) -> str:
    """The link text of one swap, also the text of the message it adds."""
    return f"{target} {swap} {'select' if select else 'whole'}"


@strict_csp
def patterns(request: HttpRequest, htmx_version: int) -> HttpResponse:
    add_messages(request, request.GET)
    return render(
        request,
        "e2e/patterns.html",
        {
            **context(request, htmx_version),
            "title": request.GET.get("title", "Patterns"),
            "visit": next(VISITS),
            "boost": request.GET.get("boost") == "1",
            "poll": request.GET.get("poll", ""),
            "rows": ["A", "B"],
            "swaps": [
                {**swap, "label": (label := swap_label(**swap)), "text": label}  # type: ignore[arg-type]
                for swap in SWAPS
            ],
        },
    )


@strict_csp
@csrf_exempt
def gated(request: HttpRequest) -> HttpResponse:
    """Wait for the test to open the gate, then add the message."""
    if not GATE.wait(timeout=10):
        return HttpResponse("gate never opened", status=504)
    add_messages(request, request.POST)
    return HttpResponse("<p>done</p>")


@strict_csp
def rows(request: HttpRequest) -> HttpResponse:
    """A refreshed list: the old rows' buttons are gone."""
    return HttpResponse('<ul id="rows"><li>C</li></ul>')


@strict_csp
def poll(request: HttpRequest) -> HttpResponse:
    """A poller (``hx-trigger="load"`` or ``every 2s``) that reports once."""
    messages.info(request, "Polled")
    return HttpResponse("<p>polled</p>")


@strict_csp
@csrf_exempt
def explode(request: HttpRequest) -> HttpResponse:
    """Add the message, then fail: Django's handler renders the 500 page."""
    add_messages(request, request.POST)
    raise RuntimeError("the view crashed (on purpose)")
