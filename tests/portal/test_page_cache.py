"""Anonymous visitors get cached pages; nobody gets another person's page; changes show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.events.conftest import sign_up_data
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.portal import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def test_an_anonymous_visitor_is_served_from_the_cache(client, home_page):
    client.get("/")  # creates the site settings row on the first visit ever
    client.get("/")

    response, queries = queries_for(client, "/")

    assert response.status_code == 200
    assert queries == 0
    assert "max-age=60" in response["Cache-Control"]


def test_publishing_a_change_shows_at_once(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Stary tytuł", slug="strona")
    page.save_revision().publish()
    assert "Stary tytuł" in client.get("/strona/").content.decode()

    page.title = "Nowy tytuł"
    page.save_revision().publish()

    assert "Nowy tytuł" in client.get("/strona/").content.decode()


def test_logged_in_people_never_get_or_leave_cached_pages(client, home_page, member):
    client.get("/")  # an anonymous copy is cached
    client.force_login(member)

    response = client.get("/")

    assert "Wyloguj się" in response.content.decode()  # rendered for them, not the copy
    assert "private" in response["Cache-Control"]
    client.logout()
    assert "Wyloguj się" not in client.get("/").content.decode()


def test_an_event_page_with_its_form_is_never_stored_and_its_own_token_works(
    client, home_page, django_capture_on_commit_callbacks
):
    """Its place counts change with every sign-up and its form carries the visitor's
    CSRF token: it is rendered for each visit (its long-lived parts are fragments)."""
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page), capacity=5)
    visitor = client.__class__(enforce_csrf_checks=True)
    visitor.get(event.url)
    response, queries = queries_for(visitor, event.url)
    assert queries > 0  # rendered, not from the cache
    assert "max-age=0" in response["Cache-Control"]
    token = visitor.cookies["csrftoken"].value

    with django_capture_on_commit_callbacks(execute=True):
        signed_up = visitor.post(event.url, {**sign_up_data(), "csrfmiddlewaretoken": token})

    assert signed_up.status_code == 302
    assert event.registrations.count() == 1
    assert "4 z 5" in visitor.get(event.url).content.decode()  # "wolnych miejsc: 4 z 5"


def test_a_sign_up_without_a_token_is_refused(client, home_page):
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page), capacity=5)
    visitor = client.__class__(enforce_csrf_checks=True)
    visitor.get(event.url)

    response = visitor.post(event.url, {**sign_up_data(), "csrfmiddlewaretoken": ""})

    assert response.status_code == 403
    assert event.registrations.count() == 0


def test_a_sign_up_refreshes_the_place_counts_on_cached_pages(
    client, home_page, django_capture_on_commit_callbacks
):
    index = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=index, capacity=2)
    client.get(index.url)
    assert "Zapisy otwarte" in client.get(index.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(event.url, sign_up_data())
    client.cookies.clear()

    assert "Ostatnie miejsca" in client.get(index.url).content.decode()
