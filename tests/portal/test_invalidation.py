"""A change makes stale what shows it, and nothing else (portal/versions.py, registry.py).

The fragment cache is on in the whole suite; each test renders pages first (so their
fragments are cached), changes one thing the way an editor or a visitor would, and
looks at what a visitor sees next.
"""

import datetime
import uuid

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.documents import get_document_model

from tests.events.conftest import sign_up_data
from tests.factories.directory import EntityFactory
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.news import NewsIndexPageFactory, NewsPageFactory
from tests.factories.portal import AccessibilityStatementPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(home_page):
    news_index = NewsIndexPageFactory(parent=home_page)
    events_index = EventIndexPageFactory(parent=home_page)
    for number in range(4):
        NewsPageFactory(parent=news_index, title=f"Wiadomość {number}", slug=f"w-{number}")
    event = EventPageFactory(parent=events_index, capacity=1, slug="seminarium")
    return {"news": news_index, "events": events_index, "event": event}


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def queries_for(url):
    with CaptureQueriesContext(connection) as queries:
        assert Client().get(url).status_code == 200
    return [query["sql"] for query in queries]


def news_on_the_home_page(site):
    home = html_of(Client(), "/")
    return next(news.specific for news in site["news"].get_children().live() if news.title in home)


def warm(*urls):
    for _ in range(2):
        for url in urls:
            html_of(Client(), url)


def test_a_sign_up_changes_the_counts_everywhere_and_leaves_the_news_list_cached(
    site, django_capture_on_commit_callbacks
):
    event, news_url = site["event"], site["news"].url
    warm("/", site["events"].url, event.url, news_url)
    news_list_before = queries_for(news_url)
    assert "badge--last" in html_of(Client(), "/")  # "Ostatnie miejsca": 1 of 1 free

    with django_capture_on_commit_callbacks(execute=True):
        Client().post(event.url, sign_up_data())

    for url in ("/", site["events"].url):
        html = html_of(Client(), url)
        assert "badge--waiting" in html and "badge--last" not in html, url
    assert "wolnych miejsc: 0 z 1" in html_of(Client(), event.url)
    # The news list was not rendered again: the same (few) queries, none for news rows.
    news_list_after = queries_for(news_url)
    assert len(news_list_after) == len(news_list_before)
    assert not any("news_newspage" in sql for sql in news_list_after)


def test_a_sign_up_leaves_the_events_list_fragment_cached_too(
    site, django_capture_on_commit_callbacks
):
    """Only the event's tiny state is read again (its counts), not the list."""
    warm(site["events"].url)
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(site["event"].url, sign_up_data())

    after = queries_for(site["events"].url)

    # No event rows with their dates (what the list is rendered from) were read.
    assert not any('"events_eventpage"."start"' in sql for sql in after)
    assert any("events_registration" in sql for sql in after)  # the counts, read once


def test_an_edited_news_item_shows_in_the_lists_the_home_page_and_its_own_page(site):
    news = news_on_the_home_page(site)
    warm("/", site["news"].url, news.url)

    news.title = "Nabór wniosków przedłużony"
    news.save_revision().publish()

    for url in ("/", site["news"].url, news.url):
        assert "Nabór wniosków przedłużony" in html_of(Client(), url), url


def test_an_edited_entity_shows_in_the_directory_lists_facets_and_profile(home_page):
    entity = EntityFactory(name="Spółdzielnia Smaki", slug="smaki", legal_form="foundation")
    warm("/katalog/", "/katalog/smaki/", "/katalog/?forma=foundation", "/")

    entity.name = "Spółdzielnia Smaki Lubuskie"
    entity.legal_form = "association"
    entity.save()

    assert "Smaki Lubuskie" in html_of(Client(), "/katalog/")
    assert "Smaki Lubuskie" in html_of(Client(), "/katalog/smaki/")
    assert "Smaki Lubuskie" in html_of(Client(), "/")  # recently updated profiles
    assert "Smaki Lubuskie" not in html_of(Client(), "/katalog/?forma=foundation")


def test_a_text_query_counts_a_newly_published_entity(home_page):
    EntityFactory(name="Catering Smaki", slug="smaki")
    warm("/katalog/?q=catering")
    assert "Znaleziono 1 podmiot." in html_of(Client(), "/katalog/?q=catering")

    EntityFactory(name="Catering Lubuski", slug="lubuski")

    html = html_of(Client(), "/katalog/?q=catering")
    assert "Znaleziono 2 podmioty." in html and "Catering Lubuski" in html


def test_a_renamed_document_shows_its_new_title_on_the_pages_linking_it(home_page):
    document = get_document_model().objects.create(
        title="Regulamin 2026", file=ContentFile(b"%PDF-1.4", name="regulamin.pdf")
    )
    page = StandardPageFactory(parent=home_page, title="Dokumenty", slug="dokumenty")
    page.body = [("document", {"document": document, "title": ""})]
    page.save_revision().publish()
    warm("/dokumenty/")
    assert "Regulamin 2026" in html_of(Client(), "/dokumenty/")

    document.title = "Regulamin 2027"
    document.save()

    html = html_of(Client(), "/dokumenty/")
    assert "Regulamin 2027" in html and "Regulamin 2026" not in html


def test_the_badge_says_closed_the_minute_registration_closes(home_page):
    now = timezone.now()
    closes = now + datetime.timedelta(hours=1)
    index = EventIndexPageFactory(parent=home_page)
    EventPageFactory(
        parent=index,
        capacity=10,
        start=now + datetime.timedelta(days=3),
        end=now + datetime.timedelta(days=3, hours=2),
        registration_closes_at=closes,
    )
    warm(index.url, "/")
    assert "Zapisy otwarte" in html_of(Client(), index.url)

    with time_machine.travel(closes + datetime.timedelta(minutes=1), tick=False):
        for url in (index.url, "/"):
            html = html_of(Client(), url)
            assert "Zapisy zamknięte" in html and "Zapisy otwarte" not in html, url


@pytest.fixture
def live_redis(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "portal.cache.FailoverRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        },
    }
    from django.core.cache import cache

    yield cache
    cache.clear()


def test_a_redis_flush_in_the_middle_never_brings_back_old_fragments(site, live_redis):
    """The process keeps its fragments; the shared versions vanish with the flush. New
    versions are random tokens, so none can equal one an old fragment was kept under."""
    news = news_on_the_home_page(site)
    warm("/", site["news"].url)
    live_redis._cache.get_client().flushdb()  # what a Redis restart without data does
    warm("/", site["news"].url)  # fragments kept under the versions made after the flush
    type(news).objects.filter(pk=news.pk).update(title="Po restarcie")  # no signal
    live_redis._cache.get_client().flushdb()

    assert "Po restarcie" in html_of(Client(), "/")
    assert "Po restarcie" in html_of(Client(), site["news"].url)


def test_the_badges_of_a_whole_events_list_cost_one_read_of_the_versions(
    home_page, live_redis, monkeypatch, django_capture_on_commit_callbacks
):
    """Every response fills in each card's badge (page cache or not); the versions of all
    the listed events and their kept states come from Redis in one round trip, not one per
    card, and a sign-up still changes the badge of its own event's card only."""
    from django.core.cache.backends.redis import RedisCacheClient

    now = timezone.now()
    index = EventIndexPageFactory(parent=home_page)
    events = [
        EventPageFactory(
            parent=index,
            capacity=1,
            start=now + datetime.timedelta(days=2 + number),
            end=now + datetime.timedelta(days=2 + number, hours=2),
        )
        for number in range(12)
    ]
    warm(index.url)
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(events[5].url, sign_up_data())
    reads = []
    read_from_redis = RedisCacheClient.get_many

    def counted(self, keys):  # Django's own client, counted, still reading Redis
        reads.append(list(keys))
        return read_from_redis(self, keys)

    monkeypatch.setattr(RedisCacheClient, "get_many", counted)

    html = html_of(Client(), index.url)

    event_version_reads = [keys for keys in reads if any(":area-version:event:" in k for k in keys)]
    assert len(event_version_reads) == 1
    assert sum(":area-version:event:" in key for key in event_version_reads[0]) == 12
    state_reads = [keys for keys in reads if any(":event-state:" in key for key in keys)]
    assert state_reads == event_version_reads  # the states in the same round trip
    assert html.count("badge--waiting") == 1 and html.count("badge--last") == 11


def test_the_footer_follows_its_statement_page_to_a_new_address(home_page):
    """The footer links the accessibility statement by the page's address: when an editor
    changes the page's slug, every cached footer links the new address at once."""
    from wagtail.models import Site

    from portal.models import SiteSettings

    statement = AccessibilityStatementPageFactory(parent=home_page)
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.accessibility_statement_page = statement
    settings.save()
    warm("/")
    assert 'href="/deklaracja-dostepnosci/"' in html_of(Client(), "/")

    statement.slug = "dostepnosc"
    statement.save_revision().publish()

    home = html_of(Client(), "/")
    assert 'href="/dostepnosc/"' in home
    assert "/deklaracja-dostepnosci/" not in home


def test_the_home_page_links_follow_the_news_index_to_a_new_address(site, home_page):
    """The hero button and "All news" link the news index by its address: a new slug
    shows on the cached home page at once."""
    home_page.hero_cta_page, home_page.hero_cta_label = site["news"], "Czytaj"
    home_page.save_revision().publish()
    warm("/")
    old = site["news"].url
    assert html_of(Client(), "/").count(f'href="{old}"') >= 2

    site["news"].slug = "wiadomosci"
    site["news"].save_revision().publish()

    home = html_of(Client(), "/")
    assert home.count('href="/wiadomosci/"') >= 2 and f'href="{old}"' not in home
