"""The live view's answers before any stream starts: who gets one, and its headers."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.http import StreamingHttpResponse
from django.test import Client, override_settings

from tests.inbox.conftest import pending
from toastkit.inbox import api as inbox
from toastkit.inbox.live.views import user_tag

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.inbox.live.urls")]

URL = "/toastkit/live/"


def logged_in(user: User, **headers: str) -> Client:
    client = Client(headers=headers)
    client.force_login(user)
    return client


def test_an_anonymous_request_gets_204() -> None:
    assert Client().get(URL).status_code == 204


def test_a_cross_site_request_is_refused(user: User) -> None:
    client = logged_in(user, sec_fetch_site="cross-site")
    assert client.get(URL).status_code == 403


def test_a_request_from_a_sibling_subdomain_is_refused(user: User) -> None:
    assert logged_in(user, sec_fetch_site="same-site").get(URL).status_code == 403


def test_a_request_from_another_origin_is_refused(user: User) -> None:
    client = logged_in(user, origin="https://evil.example")
    assert client.get(URL).status_code == 403


def test_an_opaque_origin_is_refused(user: User) -> None:
    assert logged_in(user, origin="null").get(URL).status_code == 403


def test_a_same_origin_request_gets_the_stream(user: User) -> None:
    client = logged_in(user, origin="http://testserver", sec_fetch_site="same-origin")
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/event-stream"


def test_a_post_is_not_allowed(user: User) -> None:
    assert logged_in(user).post(URL).status_code == 405


def test_gzip_middleware_leaves_the_stream_uncompressed(user: User) -> None:
    gzip_first = ["django.middleware.gzip.GZipMiddleware", *settings.MIDDLEWARE]
    with override_settings(MIDDLEWARE=gzip_first):
        response = logged_in(user, accept_encoding="gzip").get(URL)
    assert response["Content-Encoding"] == "identity"
    assert response["Cache-Control"] == "no-cache, no-store"
    assert response["X-Accel-Buffering"] == "no"
    assert isinstance(response, StreamingHttpResponse)
    assert response.is_async is False  # a WSGI request: a sync iterator
    response.close()


def test_a_head_from_a_user_who_could_stream_gets_200_and_claims_nothing(
    user: User,
) -> None:
    inbox.info(user, "Still pending")
    response = logged_in(user).head(URL)
    assert response.status_code == 200
    assert not isinstance(response, StreamingHttpResponse)
    assert pending(user) == ["Still pending"]


def test_a_head_from_an_anonymous_user_gets_204() -> None:
    assert Client().head(URL).status_code == 204


def test_a_cross_site_head_is_refused(user: User) -> None:
    assert logged_in(user, sec_fetch_site="cross-site").head(URL).status_code == 403


def test_a_stream_for_another_users_page_gets_204(user: User, other_user: User) -> None:
    """The page was rendered for ``other_user``; the session is now ``user``'s
    (a logout and a login in another tab): that tab stops."""
    url = f"{URL}?u={user_tag(other_user.pk)}"
    assert logged_in(user).get(url).status_code == 204
    assert logged_in(user).head(url).status_code == 204


def test_a_stream_for_the_users_own_page_streams(user: User) -> None:
    response = logged_in(user).get(f"{URL}?u={user_tag(user.pk)}")
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    response.close()
