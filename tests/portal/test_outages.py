"""Degrade, never die: with Redis away (a closed port of this machine) every page answers,
logins and sign-ups work, the outage is logged once and /health/ says so; and the login
limits count each client behind the shipped proxy separately."""

import logging
import uuid

import pytest
from django.urls import reverse

from events.models import Registration
from tests.events.conftest import sign_up_data
from tests.factories.directory import EntityFactory
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.news import NewsIndexPageFactory, NewsPageFactory
from tests.factories.portal import TEST_PASSWORD, StandardPageFactory, UserFactory

pytestmark = pytest.mark.django_db

CLOSED_PORT = "redis://127.0.0.1:6399/0"  # nothing listens there
LIVE_REDIS = "redis://127.0.0.1:6379/15"


def _redis_cache(settings, location):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "portal.cache.FailoverRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            "OPTIONS": {
                "socket_connect_timeout": 0.5,
                "socket_timeout": 0.5,
                "RETRY_SECONDS": 60,
            },
        },
    }


@pytest.fixture
def public_site(home_page):
    news = NewsIndexPageFactory(parent=home_page)
    events = EventIndexPageFactory(parent=home_page)
    EntityFactory(name="Spółdzielnia Socjalna Razem")
    return {
        "event": EventPageFactory(parent=events, capacity=5),
        "urls": [
            home_page.url,
            news.url,
            NewsPageFactory(parent=news).url,
            events.url,
            StandardPageFactory(parent=home_page).url,
            reverse("directory:list"),
            reverse("search") + "?q=spółdzielnia",
        ],
    }


@pytest.fixture
def redis_away(settings):
    _redis_cache(settings, CLOSED_PORT)
    settings.PAGE_CACHE_SECONDS = 60  # the page cache on, as in production


def test_public_pages_answer_without_redis(client, public_site, redis_away, caplog):
    urls = public_site["urls"] + [public_site["event"].url]
    with caplog.at_level(logging.WARNING, logger="portal.cache"):
        statuses = {url: client.get(url).status_code for url in urls * 2}

    assert statuses == dict.fromkeys(urls, 200)
    assert [r.message for r in caplog.records].count(caplog.records[0].message) == 1
    assert "Redis does not answer" in caplog.records[0].message


def test_sign_up_and_login_work_without_redis(client, public_site, redis_away):
    event = public_site["event"]
    response = client.post(event.url, sign_up_data(), follow=True)
    assert response.status_code == 200
    assert Registration.objects.filter(event=event).count() == 1

    member = UserFactory()
    response = client.post(
        reverse("account_login"), {"login": member.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("intranet:dashboard")).status_code == 200


def test_a_change_made_while_redis_is_away_shows_at_once(client, public_site, redis_away):
    page = StandardPageFactory(parent=public_site["event"].get_parent().get_parent())
    assert client.get(page.url).status_code == 200
    page.title = "Nowy tytuł po zmianie"
    page.save_revision().publish()

    assert "Nowy tytuł po zmianie" in client.get(page.url).content.decode()


def test_health_says_503_when_redis_is_away(client, redis_away):
    response = client.get("/health/")

    assert response.status_code == 503
    assert response.content == b"database: ok\ncache: unavailable\n"


def test_health_says_ok_with_redis_up(client, settings):
    _redis_cache(settings, LIVE_REDIS)

    response = client.get("/health/")

    assert response.content == b"database: ok\ncache: ok\n"


@pytest.mark.parametrize("proxies, locked_out", [(0, True), (1, False)], ids=["no", "one"])
def test_login_limits_count_each_client_behind_the_proxy(
    client, home_page, settings, proxies, locked_out
):
    """Ten failed logins from one visitor behind nginx; then another visitor behind the
    same nginx logs in with the right password. Without the proxy count both share the
    proxy's address, and the second is refused: the failure this setting prevents."""
    from django.test import Client

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = proxies
    attacker = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    for number in range(11):
        attacker.post(
            reverse("account_login"),
            {"login": f"losowy{number}@example.org", "password": "zle-haslo-123"},
        )
    member = UserFactory()
    visitor = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")

    response = visitor.post(
        reverse("account_login"), {"login": member.email, "password": TEST_PASSWORD}
    )

    assert (response.status_code != 302) is locked_out


def test_a_request_that_skipped_the_proxy_is_no_server_error(client, home_page, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    response = client.post(
        reverse("account_login"),
        {"login": "ktos@example.org", "password": "zle-haslo-123"},
        HTTP_X_FORWARDED_FOR="203.0.113.5",
    )

    assert response.status_code == 200
