"""Where toastkit's server time goes: µs per step, for whoever optimises it.

Not part of ./bench/run.sh (it reaches into toastkit's internals, which may
be renamed). Each step is timed alone, median of many runs, in the
``toastkit`` variant of the bench project; stock Django's steps beside.

    bench/.venv/bin/python bench/breakdown.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
N = 3000
TEXT = "Saved “Task number 1”."


def timed(label: str, setup: Callable[[], Any], step: Callable[[Any], Any]) -> None:
    times = []
    for _ in range(N):
        value = setup()
        start = time.perf_counter_ns()
        step(value)
        times.append(time.perf_counter_ns() - start)
    times.sort()
    print(f"  {label:52} {times[len(times) // 2] / 1000:7.1f} µs")


def worker() -> None:
    sys.path.insert(0, str(BENCH))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.messages.storage import default_storage
    from django.contrib.sessions.backends.cache import SessionStore
    from django.http import HttpResponse
    from django.template import engines
    from django.test import RequestFactory
    from django_htmx.middleware import HtmxDetails

    factory = RequestFactory()

    def request(path: str = "/htmx/", **extra: str) -> Any:
        r = factory.get(path, HTTP_COOKIE="csrftoken=" + "k" * 32, **extra)
        r.session = SessionStore()
        r.htmx = HtmxDetails(r)
        return r

    def with_message(count: int = 1, **extra: str) -> Any:
        r = request(**extra)
        r._messages = default_storage(r)
        for n in range(count):
            r._messages.add(25, TEXT.replace("1", str(n + 1)))
        return r

    print(f"variant {settings.VARIANT}:")
    htmx = {"HTTP_HX_REQUEST": "true"}
    timed(
        "request.headers (built by HtmxDetails.__bool__)",
        lambda: request(**htmx),
        lambda r: r.headers,
    )
    timed("default_storage(request)", lambda: request(**htmx), default_storage)
    timed(
        "storage.add(SUCCESS, text)",
        lambda: default_storage(request(**htmx)),
        lambda s: s.add(25, TEXT),
    )
    timed(
        "storage.update(response), 1 unread message (stock path)",
        lambda: with_message(**htmx)._messages,
        lambda s: s.update(HttpResponse()),
    )
    if settings.VARIANT == "toastkit":
        import importlib

        def internal(dotted: str) -> Any:
            module, _, name = dotted.rpartition(".")
            try:
                return getattr(importlib.import_module(f"toastkit.{module}"), name)
            except (ImportError, AttributeError):
                return None

        steps = [
            (
                "middleware.will_show_headers",
                lambda: request(**htmx),
                lambda f, r: f(r, HttpResponse()),
            ),
            (
                "middleware.deliver",
                lambda: with_message(**htmx),
                lambda f, r: f(r._messages, HttpResponse()),
            ),
            (
                "payload.message_payload",
                lambda: with_message(**htmx)._messages._queued_messages[0],
                lambda f, m: f(m),
            ),
            (
                "payload.build_trigger",
                lambda: with_message(**htmx)._messages._queued_messages,
                lambda f, m: f(None, m, 2048),
            ),
        ]
        for dotted, setup, step in steps:
            func = internal(dotted)
            if func is None:
                print(f"  {dotted}: n/a (moved or renamed)")
                continue
            try:
                timed(f"{dotted}, 1 message", setup, lambda v, f=func, s=step: s(f, v))
            except Exception as exc:  # a changed signature is not fatal here
                print(f"  {dotted}: n/a ({type(exc).__name__}: {exc})")
        engine = engines["django"]
        tag = engine.from_string("{% load toastkit %}{% toasts %}")
        source = (BENCH / "benchapp/templates/bench/page_stock.html").read_text()
        block = source.split("{% block messages %}")[1].split("{% endblock %}")[0]
        hand = engine.from_string("{% load i18n static %}" + block)
        for count in (0, 1, 5):
            timed(
                f"{{% toasts %}}, {count} message(s)",
                lambda c=count: with_message(c),
                lambda r: tag.render({}, r),
            )
            timed(
                f"same markup hand-written, {count} message(s)",
                lambda c=count: with_message(c),
                lambda r: hand.render({}, r),
            )


def main() -> None:
    for variant in ("stock", "toastkit"):
        env = dict(
            os.environ,
            DJANGO_SETTINGS_MODULE="benchapp.settings",
            TOASTKIT_BENCH_VARIANT=variant,
        )
        subprocess.run(
            [sys.executable, __file__, "--worker"], env=env, cwd=BENCH, check=True
        )


if __name__ == "__main__":
    if "--worker" in sys.argv:
        worker()
    else:
        main()
