"""5. Header size: bytes of ``HX-Trigger`` and responses needed to drain a backlog.

Runs the bench project as the ``toastkit`` variant in process with Django's
test client (it keeps cookies, so leftovers travel as they would in a browser).

    python bench/header.py [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchapp.settings")
os.environ["TOASTKIT_BENCH_VARIANT"] = "toastkit"

LONG = 200  # characters in a "long" message


def shipped(response: Any) -> tuple[int, int]:
    """(header bytes, messages in it)."""
    header = response.headers.get("HX-Trigger", "")
    if not header:
        return 0, 0
    return len(header.encode("latin-1")), len(
        json.loads(header)["toastkit:messages"]["messages"]
    )


def main() -> None:
    import django

    django.setup()
    from _common import write_result
    from django.test import Client, override_settings

    from toastkit.conf import toastkit_settings

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.parse_args()
    budget = toastkit_settings.HEADER_BUDGET
    htmx = {"HTTP_HX_REQUEST": "true"}

    counts = []
    for n in (1, 10, 100):
        row: dict[str, Any] = {"messages": n}
        response = Client().get(f"/htmx/?n={n}", **htmx)
        row["header_bytes"], row["shipped"] = shipped(response)
        with override_settings(TOASTKIT_HEADER_BUDGET=10**7):
            response = Client().get(f"/htmx/?n={n}", **htmx)
            row["unbounded_bytes"], _ = shipped(response)
        counts.append(row)
        print(
            f"{n:4} messages: HX-Trigger {row['header_bytes']} B with {row['shipped']} "
            f"shipped (all in one header: {row['unbounded_bytes']} B)"
        )

    # A backlog of 100 long messages: how many htmx responses until all are shown?
    client = Client()
    responses = []
    delivered = 0
    response = client.get(f"/htmx/?n=100&size={LONG}", **htmx)
    while True:
        size, count = shipped(response)
        if not count:
            break
        responses.append({"header_bytes": size, "messages": count})
        delivered += count
        if len(responses) > 200:
            raise RuntimeError("the backlog does not drain")
        response = client.get("/htmx/?n=0", **htmx)
    assert delivered == 100, delivered
    print(
        f"100 messages of {LONG} characters: {len(responses)} responses under the "
        f"{budget} B budget, largest header {max(r['header_bytes'] for r in responses)} B"
    )
    write_result(
        "header",
        {
            "budget": budget,
            "message_example": "Saved “Task number 1”.",
            "counts": counts,
            "long_message_chars": LONG,
            "backlog_responses": len(responses),
            "backlog": responses,
        },
    )


if __name__ == "__main__":
    main()
