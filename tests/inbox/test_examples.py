"""The examples of docs/inbox.md, run."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.conftest import HTMX, texts

pytestmark = pytest.mark.django_db


def test_a_django_6_task_notifies_at_the_end(alice: Client, user: User) -> None:
    pytest.importorskip("django.tasks", reason="Django 6's tasks framework")
    from tests.inbox.tasks import export

    # Django's default task backend runs the task at once, in this process.
    result = export.enqueue(user.pk, "march")
    assert result.return_value == "/exports/march.csv"
    assert texts(alice.get("/add/", {"kind": "no-content"}, headers=HTMX)) == [
        "Saved",
        "Your export march.csv is ready.",
    ]
