"""Public pages cost the same number of SQL queries whatever the number of items."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from events.models import EventIndexPage
from news.models import NewsCategory, NewsIndexPage
from portal.models import Location, SiteSettings
from tests.factories.directory import EntityFactory
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.news import NewsCategoryFactory, NewsIndexPageFactory, NewsPageFactory
from tests.factories.portal import (
    AccessibilityStatementPageFactory,
    LocationFactory,
    LocationIndexPageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    client.get(url)  # warm per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def fill(home_page, items):
    """`items` menu pages (each with a word to search for) and `items` locations, news
    (with categories), events (with a location) and entities: every section of the home
    page, its hero button and both footer links are on."""
    for number in range(items):
        StandardPageFactory(parent=home_page, title=f"Warsztat {number}", slug=f"s-{number}")
        LocationFactory()
    news_index = NewsIndexPage.objects.first() or NewsIndexPageFactory(parent=home_page)
    events_index = EventIndexPage.objects.first() or EventIndexPageFactory(parent=home_page)
    category = NewsCategoryFactory()
    for _number in range(items):
        NewsPageFactory(parent=news_index, categories=[category])
        EventPageFactory(parent=events_index, location=Location.objects.first())
        EntityFactory()
    home_page.hero_cta_page, home_page.hero_cta_label = news_index, "Aktualności"
    home_page.save()
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.accessibility_statement_page = settings.accessibility_statement_page or (
        AccessibilityStatementPageFactory(parent=home_page, slug="dostepnosc")
    )
    settings.privacy_policy_page = news_index
    settings.save()


# The home page shows five sections (news with their categories and images, events,
# directory profiles, centres, the hero button) besides the header and footer: 12 (17 on
# the demo before), of which 2 are Wagtail's own view-restriction check and 1 the news
# images' renditions — prefetched, because Wagtail writes every rendition it reads from
# the cache back to it (a Redis transaction per image; 76 → 63 ms a cold home page). The
# sections' links to their index pages come with the menu's read of the home page's
# children (13 before). Every page: at most 12.
BUDGET = 12

PAGES = {
    "home": lambda home: "/",
    "standard": lambda home: "/s-0/",
    "locations": lambda home: LocationIndexPageFactory(parent=home).url,
    "search": lambda home: "/szukaj/?q=warsztat",
    "accessibility-statement": lambda home: AccessibilityStatementPageFactory(parent=home).url,
}


@pytest.mark.usefixtures("fragments_off")
@pytest.mark.parametrize("page", PAGES, ids=str)
@pytest.mark.parametrize("items", [1, 30], ids=["1-item", "30-items"])
def test_page_stays_within_its_query_budget(
    client, home_page, django_assert_max_num_queries, page, items
):
    fill(home_page, items)
    url = PAGES[page](home_page)
    client.get(url)

    with django_assert_max_num_queries(BUDGET):
        response = client.get(url)
    assert response.status_code == 200
    if page == "home":  # every section is there, not an empty page that costs little
        html = response.content.decode()
        for shown in ("Wiadomość numer", "Spotkanie animacyjne", "Spółdzielnia Socjalna Razem"):
            assert shown in html
        assert 'href="/dostepnosc/"' in html and "Aktualności" in html
        # the sections' links to their index pages, read with the menu
        news_index, events_index = NewsIndexPage.objects.get(), EventIndexPage.objects.get()
        assert f'<a href="{news_index.url}">Wszystkie aktualności</a>' in html
        assert f'<a href="{events_index.url}">Wszystkie wydarzenia i kalendarz</a>' in html


@pytest.mark.usefixtures("fragments_off")
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_page_costs_the_same_with_1_and_30_items(client, home_page, page):
    fill(home_page, 1)
    url = PAGES[page](home_page)
    with_one = count_queries(client, url)

    fill_more = 29
    for number in range(1, 1 + fill_more):
        StandardPageFactory(parent=home_page, title=f"Warsztat {number}", slug=f"s-{number}")
    fill(home_page, 0)  # the indexes and settings as they are
    for _number in range(fill_more):
        LocationFactory()
        NewsPageFactory(parent=NewsIndexPage.objects.get(), categories=NewsCategory.objects.all())
        EventPageFactory(parent=EventIndexPage.objects.get(), location=Location.objects.first())
        EntityFactory()

    with_thirty = count_queries(client, url)
    print(f"{page}: {with_one} queries with 1 item, {with_thirty} with 30")
    assert with_thirty == with_one
