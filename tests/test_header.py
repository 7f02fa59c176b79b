"""The HX-Trigger header: merging, the byte budget, unicode, other storages."""

from __future__ import annotations

import json
import logging
import re

import pytest
from django.contrib.messages.storage.base import Message
from django.test import Client, override_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import HTMX, Http, noise, shipped, texts, toasts_of
from toastkit.header import build_trigger, parse_trigger
from toastkit.toast import Toast


def test_view_json_trigger_is_kept_beside_the_messages(http: Http) -> None:
    trigger = json.dumps({"taskAdded": {"id": 7}, "plain": "value"})
    response = http.get("/add/", {"kind": "trigger", "trigger": trigger}, headers=HTMX)
    payload = json.loads(response["HX-Trigger"])
    assert payload["taskAdded"] == {"id": 7}
    assert payload["plain"] == "value"
    assert texts(response) == ["Saved"]


def test_toastkits_event_comes_after_the_views_own(http: Http) -> None:
    # htmx 2 lets an event's "target" retarget the events after it in the same
    # header: toastkit's, which targets <body>, must not move the view's.
    trigger = json.dumps({"taskAdded": {"id": 7}, "counterChanged": {}})
    response = http.get("/add/", {"kind": "trigger", "trigger": trigger}, headers=HTMX)
    names = list(json.loads(response["HX-Trigger"]))
    assert names == ["taskAdded", "counterChanged", "toastkit:messages"]


def test_view_comma_separated_event_names_are_kept(http: Http) -> None:
    response = http.get(
        "/add/",
        {"kind": "trigger", "trigger": "taskAdded, counterChanged"},
        headers=HTMX,
    )
    payload = json.loads(response["HX-Trigger"])
    assert payload["taskAdded"] == {}
    assert payload["counterChanged"] == {}
    assert texts(response) == ["Saved"]


@pytest.mark.parametrize(
    ("trigger", "reason"),
    [
        ('["an", "array"]', "HX-Trigger must be a JSON object or event names"),
        ('"a string"', "HX-Trigger must be a JSON object or event names"),
        (
            "=?x-unknown?q?abc?=",
            "undecodable MIME-encoded header: unknown encoding: x-unknown",
        ),
        ("=?not an encoded word", "undecodable MIME-encoded header"),
    ],
    ids=["array", "string", "unknown-charset", "not-mime"],
)
def test_unreadable_view_trigger_is_left_alone_and_messages_wait(
    http: Http, trigger: str, reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        response = http.get(
            "/add/", {"kind": "trigger", "trigger": trigger}, headers=HTMX
        )
    assert response.status_code == 200
    assert response["HX-Trigger"] == trigger
    assert caplog.messages == [
        "toastkit: the response's HX-Trigger header is neither a JSON object nor "
        f"event names ({reason}); messages stay stored for the next response."
    ]
    assert texts(http.get("/add/", {"text": "x"}, headers=HTMX)) == ["Saved", "x"]


@override_settings(TOASTKIT_HEADER_BUDGET=600)
def test_messages_over_the_budget_ship_on_the_next_responses_in_order(
    http: Http,
) -> None:
    sent = [f"{i:02d} " + noise(i, 60) for i in range(25)]
    response = http.get("/add/", {"text": sent}, headers=HTMX)
    received, responses = texts(response), 1
    assert len(response["HX-Trigger"]) <= 600
    while len(received) < len(sent) and responses < 50:
        response = http.get("/add/", {"text": ""}, headers=HTMX)
        assert len(response["HX-Trigger"]) <= 600
        received += texts(response)
        responses += 1
    assert received == sent  # all delivered, in order, none twice
    assert responses > 1


@override_settings(TOASTKIT_HEADER_BUDGET=600)
def test_a_small_message_never_ships_ahead_of_a_larger_earlier_one(
    http: Http,
) -> None:
    # "first" and "larger" do not fit in one header, "larger" and "small" do:
    # "small" would fit beside "first" but must wait behind "larger".
    first, larger, small = "first " + noise(1, 100), "larger " + noise(2, 280), "small"
    response = http.get("/add/", {"text": [first, larger, small]}, headers=HTMX)
    following = http.get("/add/", {"text": ""}, headers=HTMX)
    assert (texts(response), texts(following)) == ([first], [larger, small])


@override_settings(TOASTKIT_HEADER_BUDGET=300)
def test_a_message_too_large_for_any_header_waits_for_a_full_page(
    http: Http, caplog: pytest.LogCaptureFixture
) -> None:
    huge = noise("huge", 1000)
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        response = http.get("/add/", {"text": [huge, "small"]}, headers=HTMX)
    assert texts(response) == ["small"]
    (warning,) = caplog.messages
    assert re.fullmatch(
        r"toastkit: a \d+-byte message is over TOASTKIT_HEADER_BUDGET \(300\); "
        r"it stays stored and shows on the next full page\.",
        warning,
    )
    assert huge in http.get("/page/").content.decode()


@pytest.mark.parametrize(
    "storage",
    [
        "django.contrib.messages.storage.fallback.FallbackStorage",
        "django.contrib.messages.storage.cookie.CookieStorage",
        "django.contrib.messages.storage.session.SessionStorage",
    ],
)
def test_djangos_own_storages_deliver_with_ids_made_at_delivery(
    http: Http, storage: str
) -> None:
    with override_settings(MESSAGE_STORAGE=storage):
        http.get("/add/", {"text": "Stored"})
        response = http.get("/add/", {"text": "New"}, headers=HTMX)
        again = http.get("/add/", {"text": ""}, headers=HTMX)
    items = shipped(response)
    assert [m["message"] for m in items] == ["Stored", "New"]
    assert all(m["id"] for m in items)
    assert items[0]["id"] != items[1]["id"]
    assert shipped(again) == []


@settings(max_examples=200, deadline=None)
@given(text=st.text(min_size=1, max_size=300))
def test_any_unicode_text_gives_an_ascii_header_whose_json_round_trips(
    text: str,
) -> None:
    delivery = build_trigger(None, [Toast(20, text)], budget=100_000)
    assert delivery.header is not None
    assert delivery.header.isascii()
    (item,) = json.loads(delivery.header)["toastkit:messages"]["messages"]
    assert item["message"] == text


@given(
    names=st.lists(
        st.text(
            alphabet=st.characters(
                whitelist_categories=("Ll", "Lu", "Nd"), whitelist_characters=":-_."
            ),
            min_size=1,
            max_size=20,
        ),
        min_size=1,
        max_size=5,
        unique=True,
    )
)
def test_comma_separated_triggers_parse_to_each_name(names: list[str]) -> None:
    assert parse_trigger(", ".join(names)) == {name: {} for name in names}


@settings(deadline=None)
@given(
    texts_=st.lists(st.text(min_size=1, max_size=80), min_size=1, max_size=30),
    budget=st.integers(min_value=256, max_value=3000),
)
def test_the_header_never_exceeds_the_budget_and_keeps_the_rest_in_order(
    texts_: list[str], budget: int
) -> None:
    toasts: list[Message] = [Toast(20, t) for t in texts_]
    delivery = build_trigger('{"mine": 1}', toasts, budget)
    if delivery.header is not None:
        assert len(delivery.header) <= budget
        assert json.loads(delivery.header)["mine"] == 1
    ids = [t.id for t in toasts_of(toasts)]
    shipped_ids = [t.id for t in toasts_of(delivery.shipped)]
    kept_ids = [t.id for t in toasts_of(delivery.kept)]
    assert sorted(shipped_ids + kept_ids) == sorted(ids)  # nothing lost or doubled
    assert kept_ids == [i for i in ids if i in kept_ids]
    # What ships is the first messages in order, skipping only those too large
    # for any header (kept for a full page).
    too_large = {
        t.id for t in toasts_of(toasts) if not build_trigger(None, [t], budget).shipped
    }
    fitting = [i for i in ids if i not in too_large]
    assert shipped_ids == fitting[: len(shipped_ids)]


@override_settings(
    MIDDLEWARE=[
        "django.contrib.sessions.middleware.SessionMiddleware",
        "toastkit.middleware.ToastMiddleware",
    ]
)
def test_works_without_django_htmx_middleware() -> None:
    assert texts(Client().get("/add/", {"text": "Hi"}, headers=HTMX)) == ["Hi"]


@override_settings(TOASTKIT_HEADER_BUDGET=256)
def test_when_nothing_fits_the_views_own_trigger_is_untouched(http: Http) -> None:
    response = http.get(
        "/add/",
        {"text": noise(1, 400), "kind": "trigger", "trigger": "ping"},
        headers=HTMX,
    )
    assert response["HX-Trigger"] == "ping"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=10), children, max_size=3)
    ),
    max_leaves=8,
)


@settings(deadline=None)
@given(
    existing=st.dictionaries(
        st.text(min_size=1, max_size=20).filter(lambda k: k != "toastkit:messages"),
        json_values,
        max_size=5,
    )
)
def test_any_json_trigger_from_the_view_survives_the_merge(
    existing: dict[str, object],
) -> None:
    header = json.dumps(existing, ensure_ascii=False)
    delivery = build_trigger(header, [Toast(20, "hi")], budget=100_000)
    assert delivery.header is not None
    merged = json.loads(delivery.header)
    assert {k: v for k, v in merged.items() if k != "toastkit:messages"} == existing


def test_a_view_trigger_django_mime_encoded_is_decoded_and_made_ascii(
    http: Http,
) -> None:
    trigger = json.dumps({"greet": "日本語 ✓"}, ensure_ascii=False)
    response = http.get("/add/", {"kind": "trigger", "trigger": trigger}, headers=HTMX)
    assert response["HX-Trigger"].isascii()
    assert json.loads(response["HX-Trigger"])["greet"] == "日本語 ✓"
    assert texts(response) == ["Saved"]


@pytest.mark.parametrize(("size", "ships"), [(2048, True), (2049, False)])
def test_the_default_header_budget_is_2048_bytes(
    http: Http, size: int, ships: bool
) -> None:
    # The message's length makes a header of exactly ``size`` bytes.
    text = "x" * (size - len(header_alone(Toast(20, "", id="x" * 12))))
    response = http.get("/add/", {"text": text}, headers=HTMX)
    assert texts(response) == ([text] if ships else [])


def test_a_view_trigger_mime_encoded_before_plain_text_is_decoded_whole() -> None:
    # RFC 2047 lets an encoded word sit beside plain text in one value.
    value = '=?utf-8?q?=7B=22greet=22=3A_=22caf=C3=A9=22=2C?= "n": 1}'
    assert parse_trigger(value) == {"greet": "café", "n": 1}


def header_alone(*toasts: Message) -> str:
    """The header ``toasts`` make on a response with no trigger of its own."""
    header = build_trigger(None, list(toasts), budget=100_000).header
    assert header is not None
    return header


def test_a_message_without_extra_tags_is_sent_tagged_with_its_level_alone() -> None:
    (item,) = json.loads(header_alone(Toast(20, "plain")))["toastkit:messages"][
        "messages"
    ]
    assert (item["extra_tags"], item["tags"]) == ("", "info")


def test_the_header_is_compact_json() -> None:
    header = header_alone(Toast(20, "Saved", "big", options={"title": "Tasks"}))
    assert header == json.dumps(json.loads(header), separators=(",", ":"))


def test_messages_that_fill_the_budget_to_the_byte_all_ship() -> None:
    toasts: list[Message] = [Toast(20, "first"), Toast(20, "second")]
    exact = len(header_alone(*toasts))
    assert build_trigger(None, toasts, exact).shipped == toasts
    one_byte_short = build_trigger(None, toasts, exact - 1)
    assert (one_byte_short.shipped, one_byte_short.kept) == (toasts[:1], toasts[1:])


@pytest.mark.parametrize(
    ("spare", "shipped_now"),
    [(0, ["first"]), (-1, ["first", "small"])],
    ids=["fits-alone-to-the-byte", "one-byte-too-large-for-any-header"],
)
def test_a_large_message_holds_back_the_next_only_if_some_header_can_carry_it(
    spare: int, shipped_now: list[str]
) -> None:
    # "large" does not fit beside "first". If it fits a header on its own, it
    # ships next time and "small" waits behind it; if no header can carry it,
    # it waits for a full page and "small" goes ahead.
    large = Toast(20, noise("large", 300))
    budget = len(header_alone(large)) + spare
    toasts: list[Message] = [Toast(20, "first"), large, Toast(20, "small")]
    delivery = build_trigger(None, toasts, budget)
    assert [m.message for m in delivery.shipped] == shipped_now


def test_messages_already_in_the_views_toastkit_event_ship_first() -> None:
    earlier = {"id": "e1", "message": "Earlier"}
    existing = json.dumps({"toastkit:messages": {"messages": [earlier]}})
    header = build_trigger(existing, [Toast(20, "New")], budget=100_000).header
    assert header is not None
    events = json.loads(header, object_pairs_hook=lambda pairs: pairs)
    assert [name for name, _ in events] == ["toastkit:messages"]  # one event
    assert [
        m["message"] for m in json.loads(header)["toastkit:messages"]["messages"]
    ] == [
        "Earlier",
        "New",
    ]


def test_messages_already_in_the_header_count_against_the_budget() -> None:
    earlier = {"id": "e1", "message": noise("earlier", 200)}
    existing = json.dumps({"toastkit:messages": {"messages": [earlier]}})
    new = Toast(20, "New")
    delivery = build_trigger(existing, [new], budget=len(existing) + 10)
    assert (delivery.header, delivery.kept) == (None, [new])


def strict_loads(text: str) -> object:
    """``json.loads`` as strict as the browser's ``JSON.parse``: no NaN, Infinity."""

    def refuse(token: str) -> object:
        raise ValueError(f"{token} is not JSON")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize(
    "trigger",
    [
        '{"stats": {"mean": NaN, "max": Infinity, "min": -Infinity}}',
        '{"stats": {"mean": null, "max": 1e400, "min": -1e400}}',
    ],
    ids=["named", "overflowing"],
)
def test_nan_and_infinity_in_the_views_trigger_are_sent_as_null_with_the_messages(
    http: Http, trigger: str, caplog: pytest.LogCaptureFixture
) -> None:
    # Python's json reads and writes them; JSON.parse throws on them, and htmx
    # would fire no event of the header, toastkit's included. null is what
    # JSON.stringify makes of them.
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        response = http.get(
            "/add/", {"kind": "trigger", "trigger": trigger}, headers=HTMX
        )
    payload = strict_loads(response["HX-Trigger"])
    assert isinstance(payload, dict)
    assert payload["stats"] == {"mean": None, "max": None, "min": None}
    assert texts(response) == ["Saved"]
    assert caplog.messages == [
        "toastkit: the response's HX-Trigger header has NaN or Infinity, which "
        "JSON.parse rejects; they are sent as null."
    ]


def test_a_deeply_nested_view_trigger_is_left_alone_and_messages_wait(
    http: Http, caplog: pytest.LogCaptureFixture
) -> None:
    trigger = '{"deep": ' + "[" * 100_000 + "]" * 100_000 + "}"
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        response = http.get(
            "/add/", {"kind": "trigger", "trigger": trigger}, headers=HTMX
        )
    assert response.status_code == 200
    assert response["HX-Trigger"] == trigger
    assert caplog.messages == [
        "toastkit: the response's HX-Trigger header is neither a JSON object nor "
        "event names (nested too deeply); messages stay stored for the next response."
    ]
    assert texts(http.get("/add/", {"text": "x"}, headers=HTMX)) == ["Saved", "x"]


def test_items_of_the_views_toastkit_event_that_are_not_objects_are_dropped(
    caplog: pytest.LogCaptureFixture,
) -> None:
    earlier = {"id": "e1", "message": "Earlier"}
    existing = json.dumps(
        {"toastkit:messages": {"messages": [None, earlier, "text", 5, [earlier]]}}
    )
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        header = build_trigger(existing, [Toast(20, "New")], budget=100_000).header
    assert header is not None
    items = json.loads(header)["toastkit:messages"]["messages"]
    assert [item["message"] for item in items] == ["Earlier", "New"]
    assert caplog.messages == [
        "toastkit: dropping 4 item(s) of the view's toastkit:messages event that "
        "are not objects, such as None."
    ]


@pytest.mark.parametrize(
    "actions",
    [
        [{"label": "Go", "url": "javascript:alert(1)"}],
        [{"label": "Go", "url": "https://elsewhere.example/undo/"}],
        [{"label": "Go", "url": "/undo/", "values": {"toastkit_id": "x"}}],
        "/undo/",
    ],
    ids=["script-url", "other-host", "reserved-name", "not-a-list"],
)
def test_a_views_own_toast_with_a_refused_action_keeps_only_its_message(
    actions: object, caplog: pytest.LogCaptureFixture
) -> None:
    existing = json.dumps(
        {"toastkit:messages": {"messages": [{"message": "Theirs", "actions": actions}]}}
    )
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        header = build_trigger(existing, [Toast(20, "New")], budget=100_000).header
    assert header is not None
    theirs, _ = json.loads(header)["toastkit:messages"]["messages"]
    assert theirs == {"message": "Theirs"}
    assert "dropping the actions of a toast of the view's" in caplog.text


def test_a_views_own_toast_with_an_allowed_action_keeps_it() -> None:
    item = {"message": "Theirs", "actions": [{"label": "Undo", "url": "/undo/"}]}
    existing = json.dumps({"toastkit:messages": {"messages": [item]}})
    header = build_trigger(existing, [Toast(20, "New")], budget=100_000).header
    assert header is not None
    assert json.loads(header)["toastkit:messages"]["messages"][0] == item


@pytest.mark.parametrize(
    "event",
    [None, [{"id": "e1", "message": "Earlier"}], {"messages": "Earlier"}, {}],
    ids=["null", "a-list", "messages-not-a-list", "no-messages"],
)
def test_a_views_toastkit_event_not_holding_a_list_is_replaced_with_a_warning(
    event: object, caplog: pytest.LogCaptureFixture
) -> None:
    existing = json.dumps({"mine": 1, "toastkit:messages": event})
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        header = build_trigger(existing, [Toast(20, "New")], budget=100_000).header
    assert header is not None
    payload = json.loads(header)
    assert payload["mine"] == 1
    assert [m["message"] for m in payload["toastkit:messages"]["messages"]] == ["New"]
    assert caplog.messages == [
        "toastkit: replacing the view's toastkit:messages event, whose detail is "
        'not {"messages": [...]}.'
    ]


def test_a_views_toastkit_event_is_left_as_it_is_when_no_message_ships(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # The header is untouched, so nothing is dropped or replaced: no warning.
    earlier = {"id": "e1", "message": noise("earlier", 300)}
    existing = json.dumps({"toastkit:messages": {"messages": [None, earlier]}})
    with caplog.at_level(logging.WARNING, logger="toastkit"):
        delivery = build_trigger(existing, [Toast(20, "New")], budget=256)
    assert delivery.header is None
    assert caplog.messages == []


#: Header values a view may set: JSON from Python's json (which writes NaN and
#: Infinity), numbers that overflow a float, toastkit's own event in any
#: shape, and any text at all.
any_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(["toastkit:messages", "messages", "a"])
            | st.text(max_size=5),
            children,
            max_size=3,
        )
    ),
    max_leaves=10,
)
overflowing_number = st.sampled_from(["1e400", "-1e999", "1E+309", "-0.1e310"])
view_triggers = st.one_of(
    st.builds(json.dumps, st.dictionaries(st.text(max_size=10), any_json)),
    st.builds(json.dumps, any_json, ensure_ascii=st.booleans()),
    st.builds(
        lambda key, number: "{" + json.dumps(key) + ":" + number + "}",
        st.text(max_size=10),
        overflowing_number,
    ),
    st.text(max_size=50),
)


@settings(max_examples=300, deadline=None)
@given(existing=view_triggers)
def test_whatever_the_views_trigger_toastkits_header_is_ascii_strict_json(
    existing: str,
) -> None:
    toast = Toast(20, "hi")
    try:
        delivery = build_trigger(existing, [toast], budget=100_000)
    except ValueError:
        return  # unreadable: the middleware leaves the view's header alone
    assert delivery.shipped == [toast]
    assert delivery.header is not None
    assert delivery.header.isascii()
    payload = strict_loads(delivery.header)
    assert isinstance(payload, dict)
    assert payload["toastkit:messages"]["messages"][-1]["message"] == "hi"
