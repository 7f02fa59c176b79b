"""``toastkit.jinja.toasts``: ``{% toasts %}`` for Django's Jinja2 backend."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.messages import constants
from django.http import HttpRequest
from django.template import engines
from django.test import override_settings
from django.utils import translation
from django.utils.safestring import mark_safe

import toastkit
from tests.conftest import HTMX, Http, messages_request, shipped, storage_of
from tests.helpers import PAGE, toasts_in
from tests.settings import JINJA2_TEMPLATES, TEMPLATES
from toastkit.jinja import toasts_css, toasts_timing

JINJA_PAGE = "{{ toasts() }}"


@pytest.fixture(autouse=True)
def jinja2_first() -> Iterator[None]:
    """A project on Jinja2: its engine comes first, DjangoTemplates after it
    (for django-cotton's components)."""
    django_engine = next(t for t in TEMPLATES if t is not JINJA2_TEMPLATES)
    with override_settings(TEMPLATES=[JINJA2_TEMPLATES, django_engine]):
        yield


def with_messages(*texts: str, **headers: str) -> HttpRequest:
    request = messages_request(headers=headers)
    for text in texts:
        storage_of(request).add(constants.INFO, text)
    return request


def render(
    source: str = JINJA_PAGE,
    request: HttpRequest | None = None,
    **context: object,
) -> str:
    return engines["jinja2"].from_string(source).render(context, request)


def test_the_region_renders_with_this_requests_toasts() -> None:
    request = with_messages("First", "Second")
    html = render(request=request)
    assert 'aria-label="Notifications"' in html
    first, second = toasts_in(html)
    assert "First" in first
    assert "Second" in second
    assert storage_of(request).used


def test_it_renders_what_the_tag_renders() -> None:
    jinja_request = with_messages("Same")
    django_request = with_messages("Same")
    jinja_html = render(request=jinja_request)
    django_html = engines["django"].from_string(PAGE).render({}, django_request)

    def without_ids(html: str) -> str:
        for toast_id in re.findall(r'data-id="([^"]+)"', html):
            html = html.replace(toast_id, "ID")
        return html

    assert without_ids(jinja_html) == without_ids(django_html)


def test_the_html_is_not_escaped_again_by_jinja2() -> None:
    html = render()
    assert html.startswith("<link ")
    assert "&lt;" not in html


def test_css_false_leaves_out_the_stylesheet_link() -> None:
    html = render("{{ toasts(css=False) }}")
    assert "<link" not in html
    assert 'aria-label="Notifications"' in html


def test_toasts_css_is_the_tags_link() -> None:
    jinja_head = str(toasts_css())
    django_head = (
        engines["django"].from_string("{% load toastkit %}{% toasts_css %}").render()
    )
    assert jinja_head == django_head
    assert jinja_head.startswith('<link rel="stylesheet" ')


def test_markup_in_a_message_is_escaped() -> None:
    html = render(request=with_messages("<script>alert(1)</script>"))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_safe_message_is_rendered_as_html() -> None:
    html = render(request=with_messages(mark_safe("<em>fine</em>")))
    assert "<em>fine</em>" in html


def test_the_script_carries_the_csp_nonce_from_the_context() -> None:
    html = render(csp_nonce="abc123")
    assert html.endswith('nonce="abc123"></script>')


def test_the_script_carries_the_csp_nonce_of_the_request() -> None:
    request = with_messages()
    request.csp_nonce = "fromrequest"  # type: ignore[attr-defined]
    assert 'nonce="fromrequest"' in render(request=request)


def test_the_nonce_of_the_context_comes_before_the_requests() -> None:
    request = with_messages()
    request.csp_nonce = "fromrequest"  # type: ignore[attr-defined]
    html = render(request=request, csp_nonce="fromcontext")
    assert 'nonce="fromcontext"' in html
    assert "fromrequest" not in html


def test_no_nonce_attribute_without_a_nonce() -> None:
    html = render(request=with_messages())
    assert "nonce=" not in html
    assert html.endswith('.js"></script>')


def test_a_nonce_is_escaped() -> None:
    html = render(csp_nonce='"><script>')
    assert 'nonce="&quot;&gt;&lt;script&gt;"' in html


def test_without_a_request_the_region_still_renders() -> None:
    html = render()
    assert 'aria-label="Notifications"' in html
    assert toasts_in(html) == []


def test_on_an_htmx_request_no_message_is_rendered() -> None:
    request = with_messages("Later", **HTMX)
    html = render(request=request)
    assert 'aria-label="Notifications"' in html
    assert "Later" not in html
    assert not storage_of(request).used


def test_a_history_restore_renders_the_messages() -> None:
    request = with_messages(
        "Restored", **HTMX, **{"HX-History-Restore-Request": "true"}
    )
    (toast,) = toasts_in(render(request=request))
    assert "Restored" in toast


def test_a_page_can_override_the_position() -> None:
    html = render('{{ toasts(position="top-center") }}')
    assert 'data-position="top-center"' in html


def test_the_position_can_be_passed_positionally() -> None:
    assert 'data-position="top-start"' in render('{{ toasts("top-start") }}')


def test_an_unknown_position_is_a_clear_error() -> None:
    message = (
        "toasts(): position must be one of top-start, top-center, top-end, "
        "bottom-start, bottom-center, bottom-end, not 'middle'."
    )
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        render('{{ toasts(position="middle") }}')


# Through the test client and ToastMiddleware: /jinja-page/ is rendered by
# the Jinja2 engine (tests/views.py).


def test_a_plain_request_renders_the_messages_in_the_page(http: Http) -> None:
    http.get("/add/", {"text": "Stored"})
    response = http.get("/jinja-page/")
    (toast,) = toasts_in(response.content.decode())
    assert "Stored" in toast
    assert shipped(response) == []
    assert "Stored" not in http.get("/jinja-page/").content.decode()


# An htmx request renders no message and sends them in HX-Trigger:
# tests/test_delivery.py, for Django templates and Jinja2 alike.


def test_a_history_restore_renders_the_messages_not_the_header(http: Http) -> None:
    http.get("/add/", {"text": "Stored"})
    response = http.get(
        "/jinja-page/", headers={**HTMX, "HX-History-Restore-Request": "true"}
    )
    assert response.content.decode().count("Stored") == 1
    assert shipped(response) == []


def test_jinja2_is_imported_by_toastkit_jinja_only() -> None:
    # jinja2 is an optional dependency: a project on Django templates alone
    # never needs it.
    package = Path(toastkit.__file__).parent
    importers = {
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if re.search(r"^\s*(from|import) jinja2\b", path.read_text(), re.M)
    }
    assert importers == {"jinja.py"}


# toasts_timing(): {% toasts_timing %} for Jinja2. tests/jinja_env.py does not
# register it, so these pages get it from their context.

TIMING_PAGE = "{{ toasts_timing() }}"


def render_timing(source: str = TIMING_PAGE) -> str:
    return render(source, toasts_timing=toasts_timing)


def test_toasts_timing_renders_what_the_tag_renders() -> None:
    tag = engines["django"].from_string("{% load toastkit %}{% toasts_timing %}")
    assert render_timing() == tag.render({})


def test_toasts_timing_is_not_escaped_again_by_jinja2() -> None:
    html = render_timing()
    assert html.startswith(
        '<fieldset class="toastkit-timing" data-toastkit-timing hidden>'
    )
    assert "&lt;" not in html


def test_toasts_timing_offers_the_three_choices() -> None:
    values = re.findall(
        r'<input type="radio" name="toastkit-timing" value="(\w+)"', render_timing()
    )
    assert values == ["normal", "longer", "off"]


def test_toasts_timing_is_translated() -> None:
    with translation.override("de"):
        html = render_timing()
    assert "<legend>Benachrichtigungen schließen sich</legend>" in html
    assert "Erst wenn ich sie schließe" in html
