"""Secure by default: CSP on public pages, no caching of personal pages, a quiet health check."""

import pytest
from django.db import DatabaseError

pytestmark = pytest.mark.django_db


def test_public_pages_carry_a_strict_content_security_policy(client, home_page):
    policy = client.get("/")["Content-Security-Policy"]

    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_the_wagtail_admin_is_left_out_of_the_policy(client, home_page):
    response = client.get("/admin/", follow=False)

    assert "Content-Security-Policy" not in response


@pytest.mark.parametrize("path", ["/intranet/", "/konto/login/"], ids=str)
def test_personal_pages_are_never_stored(client, home_page, member, path):
    client.force_login(member)

    response = client.get(path)

    assert response["Cache-Control"] == "no-store, private"


def test_security_headers_on_every_response(client, home_page):
    response = client.get("/")

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("path", ["/", "/admin/login/", "/health/", "/nie-ma-takiej/"], ids=str)
def test_the_permissions_policy_refuses_camera_microphone_and_location(client, home_page, path):
    client.get("/")  # the home page from the page cache too, on the second request
    policy = client.get(path)["Permissions-Policy"]

    assert "camera=()" in policy and "microphone=()" in policy and "geolocation=()" in policy


def test_health_answers_ok_when_the_database_answers(client):
    response = client.get("/health/")

    assert response.status_code == 200
    assert response.content == b"database: ok\ncache: ok\n"


def test_health_answers_503_when_elasticsearch_is_configured_and_down(client, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # a closed port of this machine

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.content == b"database: ok\ncache: ok\nsearch: unavailable\n"


def test_health_answers_503_without_details_when_the_database_is_down(client, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise DatabaseError("connection refused to 10.0.0.5: password authentication failed")

    monkeypatch.setattr(connection, "cursor", broken_cursor)

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.content == b"database: unavailable\ncache: ok\n"
