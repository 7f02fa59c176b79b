"""Turn one run's results into Markdown (docs/benchmarks.md), targets included."""

from __future__ import annotations

import statistics
from typing import Any

#: The targets (issue 12): computed and printed, never a pass/fail timing test.
NO_SLOWER = 1.0  # toastkit / stock and toastkit / peer, on every path
FLOOR_OVERHEAD = 1.5  # toastkit's htmx overhead over the floor's

PATHS = {
    "htmx": "htmx request that adds a message",
    "page": "full page rendering it",
    "quiet": "htmx request without messages",
}


def ratios(samples: dict[str, list[float]], a: str, b: str, base: str = "") -> Any:
    """``a / b`` of the medians (of overheads over ``base`` if given), and its
    range over rounds: each round times every variant back to back."""

    def over(v: str) -> list[float]:
        if not base:
            return samples[v]
        return [x - y for x, y in zip(samples[v], samples[base], strict=True)]

    rounds = [x / y for x, y in zip(over(a), over(b), strict=True)]
    median = statistics.median(over(a)) / statistics.median(over(b))
    return median, min(rounds), max(rounds)


def verdict(value: float, low: float, limit: float) -> str:
    if value <= limit:
        return "met"
    noise = " (within the rounds' spread)" if low <= limit else ""
    return f"**missed** by {(value / limit - 1) * 100:.1f}%{noise}"


def render(results: dict[str, Any], quick: bool, note: str) -> tuple[str, list[str]]:
    server, weight, browser, about = (
        results[k] for k in ("server", "weight", "browser", "machine")
    )
    samples = server["samples"]
    median = {
        p: {v: statistics.median(s) for v, s in by.items()} for p, by in samples.items()
    }
    targets, missed = [], []

    def target(
        name: str, value: float, low: float, high: float, limit: float, unit: str
    ) -> None:
        result = verdict(value, low, limit)
        targets.append(
            f"| {name} | {value:.3f}{unit} (rounds {low:.2f}-{high:.2f}) | ≤ {limit}{unit} | {result} |"
        )
        if result != "met":
            missed.append(f"{name}: {value:.3f}{unit}, target ≤ {limit}{unit}")

    for peer, label in (("stock", "stock Django"), ("peer", "the peer pattern")):
        for path in PATHS:
            target(
                f"{path}: toastkit / {label}",
                *ratios(samples[path], "toastkit", peer),
                NO_SLOWER,
                "",
            )
    htmx_vs_floor = ratios(samples["htmx"], "toastkit", "floor", base="none")
    target(
        "htmx: toastkit's overhead / the floor's", *htmx_vs_floor, FLOOR_OVERHEAD, "×"
    )

    def cell(path: str, variant: str) -> str:
        us = median[path][variant]
        return (
            f"{us:.1f}"
            if variant == "none"
            else f"{us:.1f} ({us - median[path]['none']:+.1f})"
        )

    variants = list(median["htmx"])
    tk = weight["rows"][0]
    smallest = min(weight["rows"][1:], key=lambda r: r["total"])
    burst = browser["burst"]
    lines = [
        "# Benchmarks",
        "",
        "<!-- Written by ./bench/run.sh (bench/report.py); do not edit by hand. -->",
        "",
        *(
            [
                "> **Quick mode**: tiny counts that only prove the bench runs; these figures mean nothing.",
                "",
            ]
            if quick
            else []
        ),
        f"Written {about['date']} by `./bench/run.sh{' --quick' if quick else ''}`, every figure from that one run.",
        "What each figure answers and how it is measured: [bench/README.md](../bench/README.md).",
        "Read the ratios, not the absolute times: they compare variants timed side by side.",
        "",
        f"Machine: {about['cpu']} (`nproc` {about['nproc']}), Python {about['python']}, Django {about['django']},",
        f"Chromium {browser['chromium']}; load average (1 min) at the start of each part: {about['load']}.",
        *([f"**Note:** {note}"] if note else []),
        "",
        "## Targets",
        "",
        "| Target | Measured (median) | Target | Result |",
        "|---|---|---|---|",
        *targets,
        "",
        "## Server, in process",
        "",
        "µs per request through Django's `WSGIHandler` and the whole middleware stack (overhead over *none* in",
        f"brackets); median of {server['rounds']} interleaved rounds of {server['requests']} requests each.",
        "",
        "| Path | " + " | ".join(variants) + " | toastkit / stock | toastkit / peer |",
        "|---|" + "---:|" * (len(variants) + 2),
        *(
            f"| {label} | "
            + " | ".join(cell(path, v) for v in variants)
            + f" | {median[path]['toastkit'] / median[path]['stock']:.3f}"
            + f" | {median[path]['toastkit'] / median[path]['peer']:.3f} |"
            for path, label in PATHS.items()
        ),
        "",
        "*none*: no messages framework. *stock*: `MessageMiddleware` + `FallbackStorage`. *peer*: stock plus a",
        "middleware moving the messages into `HX-Trigger` (the django-htmx-messages-framework recipe). *floor*:",
        "the messages API straight into one `json.dumps` header, nothing stored. *toastkit*: `ToastMiddleware` +",
        "`ToastStorage` + `{% toasts %}`. Checked before timing: on the htmx request stock stores the message in its",
        "signed cookie for the next page; the others send `HX-Trigger` ("
        + ", ".join(f"{v} {b} B" for v, b in server["hx_trigger_bytes"].items() if b)
        + "). On the full page every variant but *none* renders the message, the three",
        "non-toastkit ones with a `{% for message in messages %}` loop writing "
        + (
            "the same markup as `{% toasts %}`."
            if server["same_markup"]
            else "**markup that no longer matches `{% toasts %}`: update bench/benchapp/templates/bench/page_loop.html**."
        ),
        "",
        "## Weight",
        "",
        "Bytes after `gzip -9 FILE` of the JS and CSS each package ships for the browser (peers from `npm pack`).",
        "",
        "| Package | JS | CSS | Total | Files |",
        "|---|---:|---:|---:|---|",
        *(
            f"| {r['name']} | {r['js']} | {r['css']} | {r['total']} | {r['note']} |"
            for r in weight["rows"]
        ),
        "",
        f"toastkit is {tk['total'] / smallest['total']:.2f}× the smallest peer ({smallest['name']}).",
        "",
        "## Browser",
        "",
        f"Headless Chromium, {browser['trials']} htmx requests each bringing one message, from the response",
        "(`htmx:beforeOnLoad`) to the toast in the DOM (`toastkit:shown`) and to the end of the first frame painting it",
        "(which includes waiting for the next frame, up to 16.7 ms at 60 Hz).",
        "",
        "| | median ms | p95 ms |",
        "|---|---:|---:|",
        f"| response → toast in the DOM | {browser['dom_ms']['median']:.1f} | {browser['dom_ms']['p95']:.1f} |",
        f"| response → toast painted | {browser['painted_ms']['median']:.1f} | {browser['painted_ms']['p95']:.1f} |",
        "",
        f"Painted in the first frame after the response in {browser['first_frame_share']:.0%} of trials"
        f" (worst: frame {browser['worst_frame']}).",
        "",
        f"Burst: one response carrying {burst['messages']} messages, {burst['runs']} runs, worst: response task"
        f" {burst['response_task_ms']:.1f} ms; longest task "
        + (
            f"{burst['longest_task_ms']:.0f} ms"
            if burst["longest_task_ms"]
            else "under 50 ms (no `longtask` entry)"
        )
        + f"; painted after {burst['painted_ms']:.1f} ms (median).",
        "",
    ]
    return "\n".join(lines), missed
