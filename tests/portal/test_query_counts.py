"""Public pages cost the same number of SQL queries whatever the number of items."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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
    """`items` menu pages (each with a word to search for) and `items` locations."""
    for number in range(items):
        StandardPageFactory(parent=home_page, title=f"Warsztat {number}", slug=f"s-{number}")
        LocationFactory()


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

    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


@pytest.mark.usefixtures("fragments_off")
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_page_costs_the_same_with_1_and_30_items(client, home_page, page):
    fill(home_page, 1)
    url = PAGES[page](home_page)
    with_one = count_queries(client, url)

    fill_more = 29
    for number in range(1, 1 + fill_more):
        StandardPageFactory(parent=home_page, title=f"Warsztat {number}", slug=f"s-{number}")
        LocationFactory()

    with_thirty = count_queries(client, url)
    print(f"{page}: {with_one} queries with 1 item, {with_thirty} with 30")
    assert with_thirty == with_one
