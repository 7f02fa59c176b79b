"""Every behaviour toastkit promises, one button each.

Each button posts ``kind``; the view adds the messages and answers htmx with
204 No Content (the toasts travel in ``HX-Trigger``). Without JavaScript the
same form posts normally and is redirected back, where ``{% toasts %}``
renders the messages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

import toastkit


@dataclass(frozen=True)
class Demo:
    label: str
    #: The call shown beside the button (``add`` makes the same call).
    code: str
    add: Callable[[HttpRequest], object]
    #: The status of the htmx response.
    status: int = 204


def burst(request: HttpRequest) -> None:
    for number in range(1, 21):
        messages.info(request, f"Message {number} of 20")


LONG = (
    "This is a long message, the kind a real app sends when it explains itself: "
    "your import finished, 1,284 rows were added, 17 were skipped because their "
    "e-mail address was already taken, and 3 had a date in the future. The "
    "skipped rows are in a CSV file on the imports page, with the reason for "
    "each one, so that you can fix them and import them again."
)

SECTIONS: dict[str, dict[str, Demo]] = {
    "Levels": {
        "debug": Demo(
            "Debug",
            'messages.debug(request, "Cache warmed in 12 ms.")',
            lambda r: messages.debug(r, "Cache warmed in 12 ms."),
        ),
        "info": Demo(
            "Info",
            'messages.info(request, "A new report is ready.")',
            lambda r: messages.info(r, "A new report is ready."),
        ),
        "success": Demo(
            "Success",
            'messages.success(request, "Profile saved.")',
            lambda r: messages.success(r, "Profile saved."),
        ),
        "warning": Demo(
            "Warning",
            'messages.warning(request, "Your trial ends in 3 days.")',
            lambda r: messages.warning(r, "Your trial ends in 3 days."),
        ),
        "error": Demo(
            "Error",
            'messages.error(request, "The payment was declined.")',
            lambda r: messages.error(r, "The payment was declined."),
        ),
    },
    "Options": {
        "titled": Demo(
            "Title and duration",
            'toastkit.success(request, "Your export is ready.", title="Export finished", duration=10_000)',
            lambda r: toastkit.success(
                r, "Your export is ready.", title="Export finished", duration=10_000
            ),
        ),
        "sticky": Demo(
            "Sticky",
            'toastkit.warning(request, "Maintenance tonight at 22:00 UTC.", title="Heads up", sticky=True)',
            lambda r: toastkit.warning(
                r, "Maintenance tonight at 22:00 UTC.", title="Heads up", sticky=True
            ),
        ),
        "extra_tags": Demo(
            "extra_tags",
            'messages.info(request, "You found the party toast.", extra_tags="celebrate")',
            lambda r: messages.info(
                r, "You found the party toast.", extra_tags="celebrate"
            ),
        ),
    },
    "Content": {
        "long": Demo(
            "Long message",
            "messages.info(request, LONG)  # 349 characters",
            lambda r: messages.info(r, LONG),
        ),
        "unicode": Demo(
            "Unicode",
            'messages.success(request, "Grüße, café, 東京, Ελληνικά 🎉")',
            lambda r: messages.success(r, "Grüße, café, 東京, Ελληνικά 🎉"),
        ),
        "rtl": Demo(
            "Right-to-left",
            'toastkit.info(request, "تم حفظ المهمة «شراء الحليب».", title="تم الحفظ")',
            lambda r: toastkit.info(
                r, "تم حفظ المهمة «شراء الحليب».", title="تم الحفظ"
            ),
        ),
        "markup": Demo(
            "Markup, escaped",
            "messages.warning(request, '<img src=x onerror=alert(1)> is only text.')",
            lambda r: messages.warning(r, "<img src=x onerror=alert(1)> is only text."),
        ),
        "safe": Demo(
            "mark_safe",
            "messages.success(request, mark_safe('Saved. <a href=\"/\">See your tasks</a>.'))",
            lambda r: messages.success(
                r, mark_safe('Saved. <a href="/">See your tasks</a>.')
            ),
        ),
        "lazy": Demo(
            "gettext_lazy",
            'messages.info(request, _("Translated lazily."))',
            lambda r: messages.info(r, _("Translated lazily.")),
        ),
    },
    "Delivery": {
        "burst": Demo(
            "Burst of 20",
            'for n in range(1, 21): messages.info(request, f"Message {n} of 20")',
            burst,
        ),
        "server_error": Demo(
            "503 response",
            'messages.error(request, "…"); return HttpResponse(status=503)',
            lambda r: messages.error(
                r, "The search service is down; the toast still arrives."
            ),
            status=503,
        ),
    },
}
DEMOS = {kind: demo for section in SECTIONS.values() for kind, demo in section.items()}


def playground(request: HttpRequest) -> HttpResponse:
    return render(request, "playground/playground.html", {"sections": SECTIONS})


@require_POST
def toast(request: HttpRequest) -> HttpResponse:
    demo = DEMOS.get(request.POST.get("kind", ""))
    if demo is None:
        return HttpResponseBadRequest()
    demo.add(request)
    if not request.htmx:
        return redirect("playground")
    return HttpResponse(status=demo.status)
