"""The public and public buyers find social-economy entities by text and facets."""

import re

import pytest

from directory.models import LegalForm
from tests.factories.directory import EntityFactory

pytestmark = pytest.mark.django_db

URL = "/katalog/"


def names(html):
    return re.findall(r'class="entity-card__title"><a href="[^"]+">([^<]+)</a>', html)


def facet_count(html, input_id):
    match = re.search(
        rf'id="{input_id}"[^>]*>\s*<label[^>]*>[^<]*<span class="count">\((\d+)\)', html
    )
    return int(match.group(1)) if match else None


def test_lists_published_entities_only_twenty_a_page(client):
    for number in range(21):
        EntityFactory(name=f"Fundacja {number:02d}")
    EntityFactory(name="Szkic", live=False)

    first = client.get(URL).content.decode()
    second = client.get(URL, {"page": 2}).content.decode()

    assert len(names(first)) == 20 and names(second) == ["Fundacja 20"]
    assert "Szkic" not in first + second
    assert "Znaleziono 21 podmiotów" in first


def test_free_text_finds_by_name_service_and_town(client):
    EntityFactory(name="Smaczna Kuchnia", services=["catering"])
    EntityFactory(name="Zielony Ogród", town="Kożuchów", county="nowosolski", commune="Kożuchów")

    assert names(client.get(URL, {"q": "catering"}).content.decode()) == ["Smaczna Kuchnia"]
    assert names(client.get(URL, {"q": "kożuchów"}).content.decode()) == ["Zielony Ogród"]
    assert names(client.get(URL, {"q": "zielony ogród"}).content.decode()) == ["Zielony Ogród"]


def test_facets_filter_and_count_with_the_other_filters_applied(client):
    EntityFactory(
        legal_form=LegalForm.FOUNDATION,
        county="gorzowski",
        commune="Santok",
        is_social_enterprise=True,
    )
    EntityFactory(legal_form=LegalForm.FOUNDATION, county="swiebodzinski")
    EntityFactory(legal_form=LegalForm.ASSOCIATION, county="gorzowski", commune="Santok")

    html = client.get(URL, {"powiat": "gorzowski"}).content.decode()

    assert len(names(html)) == 2
    assert facet_count(html, "forma-foundation") == 1
    assert facet_count(html, "forma-association") == 1
    # The county facet ignores its own selection: both counties stay choosable.
    assert facet_count(html, "powiat-gorzowski") == 2
    assert facet_count(html, "powiat-swiebodzinski") == 1
    assert facet_count(html, "ps") == 1
    filtered = client.get(URL, {"powiat": "gorzowski", "forma": "foundation", "ps": "1"})
    assert len(names(filtered.content.decode())) == 1


@pytest.mark.parametrize(
    "params",
    [{"forma": "bank"}, {"powiat": "mazowiecki"}, {"page": "-1"}, {"sortuj": "drop table"}],
    ids=["legal-form", "county", "page", "sort"],
)
def test_unknown_facet_values_and_pages_are_404(client, params):
    EntityFactory()

    assert client.get(URL, params).status_code == 404


def test_very_long_and_odd_queries_answer_a_result_page(client):
    EntityFactory()

    for query in ["spółdzielnia " * 1000, '"', "*:~()", "a AND OR", "🙂"]:
        assert client.get(URL, {"q": query}).status_code == 200


@pytest.mark.usefixtures("fragments_off")
@pytest.mark.parametrize("count", [1, 50], ids=["1-entity", "50-entities"])
def test_listing_query_count_is_constant(client, django_assert_max_num_queries, count):
    for number in range(count):
        EntityFactory(services=["catering", f"usługa {number % 5}"])
    client.get(URL)

    with django_assert_max_num_queries(12):
        client.get(URL, {"q": "razem", "powiat": "swiebodzinski", "usluga": "catering"})
