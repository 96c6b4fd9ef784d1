"""A visitor searches the whole site from /szukaj/."""

import pytest
from wagtail.models import PageViewRestriction

from tests.factories.portal import StandardPageFactory

pytestmark = pytest.mark.django_db


def search(client, query, **params):
    return client.get("/szukaj/", {"q": query, **params})


def test_finds_a_live_page_by_a_word_in_its_title(client, home_page):
    StandardPageFactory(parent=home_page, title="Klauzule społeczne", slug="klauzule")

    response = search(client, "klauzule")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/klauzule/"' in html
    assert "Znaleziono 1 wynik " in html


def test_never_shows_drafts_or_private_pages(client, home_page):
    StandardPageFactory(parent=home_page, title="Grant szkic", slug="szkic", live=False)
    private = StandardPageFactory(parent=home_page, title="Grant prywatny", slug="prywatne")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    html = search(client, "grant").content.decode()

    assert "/szkic/" not in html
    assert "/prywatne/" not in html
    assert "Nic nie pasuje" in html


def test_empty_query_explains_what_to_type(client, home_page):
    response = client.get("/szukaj/")

    assert response.status_code == 200
    assert "Wpisz słowo lub frazę" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ["%", '"', "'", "<script>alert(1)</script>", "a AND (b OR", "*:~", "🙂 spółdzielnia", "\\"],
    ids=["percent", "double-quote", "single-quote", "script", "syntax", "operators", "emoji", "bs"],
)
def test_odd_queries_answer_with_a_result_page(client, home_page, query):
    response = search(client, query)

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_very_long_query_is_shortened_with_a_notice(client, home_page):
    response = search(client, "spółdzielnia " * 1000)

    assert response.status_code == 200
    assert "pierwsze 200 znaków" in response.content.decode()


def test_results_are_paginated_ten_per_page(client, home_page):
    for number in range(12):
        StandardPageFactory(parent=home_page, title=f"Warsztat {number}", slug=f"w-{number}")

    first = search(client, "warsztat").content.decode()
    second = search(client, "warsztat", page=2).content.decode()

    assert first.count('class="search-result"') == 10
    assert second.count('class="search-result"') == 2
    assert 'aria-current="page"' in second


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99999"], ids=str)
def test_unknown_result_page_is_404_not_500(client, home_page, page):
    StandardPageFactory(parent=home_page, title="Szkolenie", slug="szkolenie")

    assert search(client, "szkolenie", page=page).status_code == 404
