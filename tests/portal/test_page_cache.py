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


def test_an_event_page_with_its_sign_up_form_is_cached_and_the_form_still_works(
    client, home_page, django_capture_on_commit_callbacks
):
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page), capacity=5)
    client.get("/")  # the first visit ever creates the site settings
    first = client.get(event.url)
    assert "csrftoken" not in first.cookies  # nothing personal in the page
    response, queries = queries_for(client, event.url)
    assert queries == 0  # served from the cache
    html = response.content.decode()
    assert 'name="csrfmiddlewaretoken" value="" data-csrf-refresh="/csrf/"' in html

    visitor = client.__class__(enforce_csrf_checks=True)
    token = visitor.get("/csrf/").json()["token"]  # what static/js/csrf.js does
    with django_capture_on_commit_callbacks(execute=True):
        signed_up = visitor.post(event.url, {**sign_up_data(), "csrfmiddlewaretoken": token})

    assert signed_up.status_code == 302
    assert event.registrations.count() == 1


def test_without_javascript_the_form_link_gives_a_page_with_a_token(client, home_page):
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page), capacity=5)
    cached = client.get(event.url).content.decode()
    assert "?formularz=1#registration-heading" in cached  # in <noscript>

    visitor = client.__class__(enforce_csrf_checks=True)
    page = visitor.get(event.url, {"formularz": "1"})
    token = page.cookies["csrftoken"].value

    assert "data-csrf-refresh" not in page.content.decode()
    response = visitor.post(event.url, {**sign_up_data(), "csrfmiddlewaretoken": token})
    assert response.status_code == 302


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
