from __future__ import annotations

import json

from django.test import Client


def test_htmx_request_ships_the_new_message_in_hx_trigger(client: Client) -> None:
    response = client.get("/add/", {"text": "Saved"}, headers={"HX-Request": "true"})
    payload = json.loads(response["HX-Trigger"])
    assert [m["message"] for m in payload["toastkit:messages"]["messages"]] == ["Saved"]


def test_full_page_renders_the_stored_message_as_a_toast(client: Client) -> None:
    client.get("/add/", {"text": "Saved"})
    html = client.get("/page/").content.decode()
    assert "Saved" in html
    assert 'aria-label="Notifications"' in html
