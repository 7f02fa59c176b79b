"""``{% toasts %}``: region, toasts from the same components, assets, nonce."""

from __future__ import annotations

import html as html_module
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.messages import constants
from django.template import Context, Engine, Template, engines
from django.test import override_settings
from django.test.signals import template_rendered
from django.utils.safestring import mark_safe

from tests.conftest import messages_request, storage_of
from tests.helpers import PAGE, toasts_in
from toastkit.rendering import (
    FRAME_TEMPLATE,
    FRAMES,
    MAX_FRAMES,
    client_config,
    kept_frame,
)


def render(
    messages: list[tuple[int, str, str]] | None = None, **context: object
) -> str:
    request = messages_request()
    storage = storage_of(request)
    storage.level = constants.DEBUG
    for level, text, extra_tags in messages or []:
        storage.add(level, text, extra_tags)
    return engines["django"].from_string(PAGE).render(context, request)


def test_empty_region_is_rendered_with_its_name_and_live_region() -> None:
    html = render()
    assert 'aria-label="Notifications"' in html
    assert 'aria-live="polite"' in html
    assert toasts_in(html) == []


def test_each_message_is_a_toast_with_its_tags_as_classes() -> None:
    html = render([(constants.SUCCESS, "Saved", "big")])
    (toast,) = toasts_in(html)
    assert 'class="toastkit-toast big success"' in toast
    assert "Saved" in toast


@pytest.mark.parametrize(
    ("level", "role"),
    [
        (constants.DEBUG, "status"),
        (constants.INFO, "status"),
        (constants.SUCCESS, "status"),
        (constants.WARNING, "status"),
        (constants.ERROR, "alert"),
    ],
)
def test_errors_are_alerts_and_the_rest_status(level: int, role: str) -> None:
    (toast,) = toasts_in(render([(level, "text", "")]))
    assert f'role="{role}"' in toast


def test_each_toast_has_a_dismiss_button_in_a_dialog_form() -> None:
    (toast,) = toasts_in(render([(constants.INFO, "text", "")]))
    assert '<form method="dialog"' in toast
    assert 'aria-label="Dismiss"' in toast


@override_settings(MESSAGE_TAGS={constants.INFO: "alert-info"})
def test_message_tags_setting_styles_the_toast() -> None:
    (toast,) = toasts_in(render([(constants.INFO, "text", "")]))
    assert 'class="toastkit-toast alert-info"' in toast


def test_markup_in_a_message_is_escaped() -> None:
    html = render([(constants.INFO, "<script>alert(1)</script>", "")])
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_safe_message_is_rendered_as_html() -> None:
    html = render([(constants.INFO, mark_safe("<em>fine</em>"), "")])
    assert "<em>fine</em>" in html


def test_the_blueprint_is_an_empty_toast_from_the_same_component() -> None:
    html = render()
    blueprint = html.split("<template data-toastkit-blueprint>", 1)[1]
    assert "data-toastkit-toast" in blueprint
    assert "data-toastkit-message" in blueprint


@override_settings(DEBUG=True)
def test_under_debug_the_readable_css_and_js_are_included() -> None:
    html = render()
    assert '<link rel="stylesheet" href="/static/toastkit/toastkit.css">' in html
    assert re.search(r'<script src="/static/toastkit/toastkit.js"></script>', html)


def test_without_debug_the_minified_css_and_js_are_included() -> None:
    html = render()
    assert '<link rel="stylesheet" href="/static/toastkit/toastkit.min.css">' in html
    assert html.endswith('<script src="/static/toastkit/toastkit.min.js"></script>')


def page_of(source: str, **context: object) -> str:
    """``source`` rendered by the project's engine, for this request."""
    return engines["django"].from_string(source).render(context, messages_request())


def test_css_false_leaves_out_the_stylesheet_link() -> None:
    html = page_of("{% load toastkit %}{% toasts css=False %}")
    assert "<link" not in html
    assert 'aria-label="Notifications"' in html
    assert html.endswith('<script src="/static/toastkit/toastkit.min.js"></script>')


def test_the_region_with_and_without_the_link_is_kept_apart() -> None:
    # One template renders both: the kept frames must not be mixed up.
    source = "{% load toastkit %}{% if bare %}{% toasts css=False %}{% else %}{% toasts %}{% endif %}"
    assert "<link" in page_of(source, bare=False)
    assert "<link" not in page_of(source, bare=True)
    assert "<link" in page_of(source, bare=False)


def test_toasts_css_is_the_link_toasts_leaves_out() -> None:
    head = page_of("{% load toastkit %}{% toasts_css %}")
    assert head == '<link rel="stylesheet" href="/static/toastkit/toastkit.min.css">'
    assert head in render()


@override_settings(DEBUG=True)
def test_toasts_css_links_the_readable_stylesheet_under_debug() -> None:
    head = page_of("{% load toastkit %}{% toasts_css %}")
    assert head == '<link rel="stylesheet" href="/static/toastkit/toastkit.css">'


def test_the_script_carries_the_csp_nonce_from_the_context() -> None:
    assert 'nonce="abc123"' in render(csp_nonce="abc123")


def test_no_nonce_attribute_without_a_nonce() -> None:
    html = render()
    assert "nonce=" not in html
    assert html.endswith('.js"></script>')


def data_attribute(html: str, name: str) -> str:
    match = re.search(rf'data-{name}="([^"]*)"', html)
    assert match, f"no data-{name}"
    return html_module.unescape(match[1])


@override_settings(
    TOASTKIT_POSITION="top-start",
    TOASTKIT_MAX_VISIBLE=2,
    TOASTKIT_DURATIONS={20: 1234},
    TOASTKIT_NETWORK_ERROR_MESSAGE="You seem to be offline.",
)
def test_settings_reach_the_region_as_data_attributes() -> None:
    html = render()
    assert data_attribute(html, "position") == "top-start"
    assert data_attribute(html, "max-visible") == "2"
    assert json.loads(data_attribute(html, "durations")) == {
        "10": 5000,
        "20": 1234,
        "25": 5000,
        "30": 8000,
        "40": 0,
    }
    assert data_attribute(html, "network-error") == "You seem to be offline."


def test_rendering_marks_the_messages_used() -> None:
    request = messages_request()
    storage_of(request).add(constants.INFO, "shown")
    engines["django"].from_string(PAGE).render({}, request)
    assert storage_of(request).used


def test_without_a_request_in_the_context_the_region_still_renders() -> None:
    html = engines["django"].from_string("{% load toastkit %}{% toasts %}").render({})
    assert 'aria-label="Notifications"' in html


def test_a_project_overrides_the_toast_component_by_template_path(
    tmp_path: Path,
) -> None:
    component = tmp_path / "cotton" / "toastkit" / "toast.html"
    component.parent.mkdir(parents=True)
    component.write_text(
        '<c-vars message /><p class="my-toast">{{ message.message }}</p>'
    )
    templates = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [tmp_path],
            "OPTIONS": {
                "loaders": [
                    "django_cotton.cotton_loader.Loader",
                    "django.template.loaders.filesystem.Loader",
                    "django.template.loaders.app_directories.Loader",
                ],
                "builtins": ["django_cotton.templatetags.cotton"],
                "context_processors": [
                    "django.contrib.messages.context_processors.messages"
                ],
            },
        }
    ]
    with override_settings(TEMPLATES=templates):
        html = render([(constants.INFO, "Overridden", "")])
    assert '<p class="my-toast">Overridden</p>' in html


def override_templates(
    tmp_path: Path, name: str, source: str
) -> list[dict[str, object]]:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source)
    return [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [tmp_path],
            "OPTIONS": {
                "loaders": [
                    (
                        "django.template.loaders.cached.Loader",
                        [
                            "django_cotton.cotton_loader.Loader",
                            "django.template.loaders.filesystem.Loader",
                            "django.template.loaders.app_directories.Loader",
                        ],
                    )
                ],
                "builtins": ["django_cotton.templatetags.cotton"],
            },
        }
    ]


def test_the_cached_region_is_kept_per_language(tmp_path: Path) -> None:
    from django.utils import translation

    region = (
        "{% load i18n %}<c-vars config />{% get_current_language as lang %}"
        "<section data-lang='{{ lang }}'>{{ slot }}</section>"
    )
    with override_settings(
        TEMPLATES=override_templates(tmp_path, "cotton/toastkit/region.html", region)
    ):
        with translation.override("fr"):
            french = render()
        with translation.override("de"):
            german = render()
    assert "data-lang='fr'" in french
    assert "data-lang='de'" in german


def test_a_region_override_without_the_slot_renders_without_caching(
    tmp_path: Path,
) -> None:
    region = "<c-vars config /><section>no toasts here</section>"
    with override_settings(
        TEMPLATES=override_templates(tmp_path, "cotton/toastkit/region.html", region)
    ):
        html = render([(constants.INFO, "hidden", "")])
    assert "no toasts here" in html
    assert "toastkit:toasts" not in html
    assert '<link rel="stylesheet" href="/static/toastkit/toastkit.min.css">' in html
    assert 'src="/static/toastkit/toastkit.min.js"' in html


def test_toasts_of_one_page_are_rendered_each_time_not_cached() -> None:
    assert "first" in render([(constants.INFO, "first", "")])
    second = render([(constants.INFO, "second", "")])
    assert "second" in second
    assert "first" not in second


def test_a_page_can_override_the_position() -> None:
    template = engines["django"].from_string(
        '{% load toastkit %}{% toasts position="top-center" %}'
    )
    assert 'data-position="top-center"' in template.render({})


def test_an_unknown_position_is_a_clear_template_error() -> None:
    from django.template import TemplateSyntaxError

    template = engines["django"].from_string(
        '{% load toastkit %}{% toasts position="middle" %}'
    )
    message = (
        "{% toasts %}: position must be one of top-start, top-center, top-end, "
        "bottom-start, bottom-center, bottom-end, not 'middle'."
    )
    with pytest.raises(TemplateSyntaxError, match=f"^{re.escape(message)}$"):
        template.render({})


def test_the_kept_region_follows_a_change_of_static_url() -> None:
    render()
    with override_settings(STATIC_URL="/assets/"):
        html = render()
    assert '<script src="/assets/toastkit/' in html


def test_the_kept_region_follows_a_change_of_debug(tmp_path: Path) -> None:
    # An engine of its own: override_settings(DEBUG=...) resets the project's.
    (tmp_path / "toastkit").mkdir()
    (tmp_path / "toastkit" / "toasts.html").write_text("{{ css_url }}{{ toasts }}")
    engine = Engine(
        dirs=[str(tmp_path)],
        loaders=[
            (
                "django.template.loaders.cached.Loader",
                ["django.template.loaders.filesystem.Loader"],
            )
        ],
        libraries={"toastkit": "toastkit.templatetags.toastkit"},
    )
    page = engine.from_string("{% load toastkit %}{% toasts %}")
    minified = page.render(Context())
    with override_settings(DEBUG=True):
        readable = page.render(Context())
    assert "toastkit.min.css" in minified
    assert "toastkit.min.css" not in readable


def test_the_region_shows_no_text_but_its_toasts() -> None:
    for messages in ([], [(constants.INFO, "one", ""), (constants.INFO, "two", "")]):
        visible = render(messages).split("<template", 1)[0]
        outside_toasts = re.sub(r"<dialog open.*?</dialog>", "", visible, flags=re.S)
        # The shortcut's description is hidden: only screen readers read it.
        outside_toasts = re.sub(r"<p [^>]*hidden>.*?</p>", "", outside_toasts)
        assert re.sub(r"<[^>]*>", "", outside_toasts).strip() == ""


@pytest.fixture
def rendered_templates() -> Iterator[list[str]]:
    """The names of the templates rendered while the test runs."""
    names: list[str] = []

    def record(sender: object, template: Template, **kwargs: Any) -> None:
        names.append(template.name or "")

    template_rendered.connect(record)
    yield names
    template_rendered.disconnect(record)


# Settings no other test uses: a region no other test has kept.
@override_settings(TOASTKIT_MAX_VISIBLE=97)
def test_the_region_around_the_toasts_is_rendered_once_and_kept(
    rendered_templates: list[str],
) -> None:
    for text in ("first", "second", "third"):
        assert text in render([(constants.INFO, text, "")])
    assert rendered_templates.count(FRAME_TEMPLATE) == 1


def test_the_regions_kept_per_template_are_bounded() -> None:
    engine = Engine.get_default()
    for max_visible in range(1000, 1001 + MAX_FRAMES):
        with override_settings(TOASTKIT_MAX_VISIBLE=max_visible):
            assert kept_frame(engine, client_config(), css=True) is not None
    assert len(FRAMES[engine.get_template(FRAME_TEMPLATE)]) <= MAX_FRAMES


def test_a_region_override_that_renders_the_slot_twice_is_rendered_as_written(
    tmp_path: Path,
) -> None:
    region = (
        "<c-vars config />"
        '<section data-position="{{ config.position }}">{{ slot }}{{ slot }}</section>'
    )
    with override_settings(
        TEMPLATES=override_templates(tmp_path, "cotton/toastkit/region.html", region)
    ):
        html = render([(constants.INFO, "Twice", "")])
    assert html.count("Twice") == 2
    assert "toastkit:toasts" not in html
    assert data_attribute(html, "position") == "bottom-end"


def test_without_settings_the_region_carries_the_documented_defaults() -> None:
    html = render()
    assert data_attribute(html, "position") == "bottom-end"
    assert data_attribute(html, "max-visible") == "5"
    assert data_attribute(html, "network-error") == ""


def test_a_plain_context_holding_the_request_renders_its_messages() -> None:
    # Template.render(Context({"request": request})), not a RequestContext.
    request = messages_request()
    storage_of(request).add(constants.INFO, "From a plain context")
    html = Engine.get_default().from_string(PAGE).render(Context({"request": request}))
    (toast,) = toasts_in(html)
    assert "From a plain context" in toast


def test_the_region_comes_from_the_engine_rendering_the_page(tmp_path: Path) -> None:
    (tmp_path / "toastkit").mkdir()
    (tmp_path / "toastkit" / "toasts.html").write_text("<own>{{ toasts }}</own>")
    engine = Engine(
        dirs=[str(tmp_path)], libraries={"toastkit": "toastkit.templatetags.toastkit"}
    )
    assert engine.from_string(PAGE).render(Context()).startswith("<own></own>")


def test_markup_in_a_message_is_escaped_where_the_engine_does_not_autoescape(
    tmp_path: Path,
) -> None:
    templates = override_templates(tmp_path, "unused.html", "")
    options: dict[str, object] = templates[0]["OPTIONS"]  # type: ignore[assignment]
    options["autoescape"] = False
    with override_settings(TEMPLATES=templates):
        html = render([(constants.INFO, "<script>alert(1)</script>", "")])
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
