"""Anonymous visitors get cached pages; nobody gets another person's page; changes show."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

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


def test_an_event_page_is_cached_for_everyone_and_each_visitor_gets_their_own_token(
    client, home_page, django_capture_on_commit_callbacks
):
    """The page is stored once; the token of its form is filled in for each visitor, with
    the cookie that goes with it, and the counts come fresh after a sign-up."""
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page), capacity=5)
    client.get(event.url)  # creates the site settings row on the first visit ever
    first = client.__class__(enforce_csrf_checks=True)
    first.get(event.url)
    visitor = client.__class__(enforce_csrf_checks=True)

    response, queries = queries_for(visitor, event.url)

    assert queries == 0  # from the page cache, counts included
    assert "no-store" in response["Cache-Control"]  # it carries this visitor's token
    token = visitor.cookies["csrftoken"].value
    assert token != first.cookies["csrftoken"].value
    page = response.content.decode()
    assert "5 z 5" in page  # "wolnych miejsc: 5 z 5"
    assert page.count('name="csrfmiddlewaretoken"') == 1
    assert "<!--live" not in page

    with django_capture_on_commit_callbacks(execute=True):
        signed_up = visitor.post(event.url, {**sign_up_data(), "csrfmiddlewaretoken": token})

    assert signed_up.status_code == 302
    assert event.registrations.count() == 1
    later, queries = queries_for(client.__class__(), event.url)
    assert "4 z 5" in later.content.decode()
    assert queries <= 2  # the event's new counts; the page itself still from the cache


def test_a_cached_event_page_closes_its_sign_up_the_minute_registration_closes(client, home_page):
    closes = timezone.now() + datetime.timedelta(seconds=30)
    event = EventPageFactory(
        parent=EventIndexPageFactory(parent=home_page), registration_closes_at=closes
    )
    client.get(event.url)  # creates the site settings row on the first visit ever
    assert '<form method="post"' in client.__class__().get(event.url).content.decode()

    with time_machine.travel(closes + datetime.timedelta(seconds=1), tick=False):
        response, queries = queries_for(client.__class__(), event.url)

    page = response.content.decode()
    assert queries == 0  # the same stored page…
    assert '<form method="post"' not in page  # …with no form any more
    assert "Zapisy zamknięte" in page
    assert "csrftoken" not in response.cookies


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


def test_a_visitor_with_the_cookie_of_a_sign_up_form_still_gets_the_shared_pages(client, home_page):
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page))
    client.get("/")  # creates the site settings row on the first visit ever
    client.__class__().get("/")  # the shared copy
    visitor = client.__class__()
    visitor.get(event.url)
    assert "csrftoken" in visitor.cookies

    response, queries = queries_for(visitor, "/")

    assert queries == 0
    assert response.status_code == 200


def test_a_message_is_shown_to_its_visitor_only(client, home_page, member):
    client.get("/")  # creates the site settings row on the first visit ever
    client.__class__().get("/")  # the shared copy
    client.force_login(member)

    logged_out = client.post("/konto/logout/", follow=True)

    assert "Wylogowano" in logged_out.content.decode()  # not the shared copy
    assert "Wylogowano" not in client.__class__().get("/").content.decode()
    assert "Wylogowano" not in client.get("/").content.decode()  # shown once


def test_a_series_page_is_kept_only_until_its_next_date_ends(client, home_page):
    ends = (timezone.now() + datetime.timedelta(seconds=30)).replace(microsecond=0)
    event = EventPageFactory(
        parent=EventIndexPageFactory(parent=home_page),
        start=ends - datetime.timedelta(hours=2),
        end=ends,
        repeat="weekly",
        repeat_until=(ends + datetime.timedelta(weeks=3)).date(),
    )
    client.get(event.url)  # creates the site settings row on the first visit ever
    response = client.__class__().get(event.url)
    assert 0 < int(response["Cache-Control"].split("max-age=")[1].split(",")[0]) <= 30
    first = f'datetime="{timezone.localtime(ends - datetime.timedelta(hours=2)).isoformat()}"'
    assert first in response.content.decode()

    with time_machine.travel(ends + datetime.timedelta(seconds=1), tick=False):
        later = client.__class__().get(event.url).content.decode()

    assert first not in later  # the next date, not the stored page
