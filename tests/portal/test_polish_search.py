"""Search that understands Polish: inflected forms, missing diacritics, several words.

The behaviour suite runs on PostgreSQL (CI), where `polish_unaccent` (Polish ispell
dictionary, accent folding) is the search configuration. SQLite, the no-services default,
matches plain words only: `test_sqlite_finds_the_plain_word_cases` measures how many of the
same cases it gets right.
"""

import io
import os

import pytest
from django.db import connection

from portal.search import site_search, suggestions
from tests.factories.portal import StandardPageFactory

PAGES = {
    "dotacje": (
        "Dotacje na nowe miejsca pracy",
        "Dotacja dla spółdzielni na utworzenie stanowiska pracy.",
    ),
    "spoldzielnie": (
        "Spółdzielnie socjalne w regionie",
        "Jak założyć spółdzielnię socjalną i ją prowadzić.",
    ),
    "szkolenia": (
        "Szkolenia w Gorzowie Wielkopolskim",
        "Bezpłatne szkolenia dla organizacji pozarządowych.",
    ),
    "klauzule": (
        "Klauzule społeczne w zamówieniach publicznych",
        "Samorządy mogą zastrzec zamówienie dla podmiotów ekonomii społecznej.",
    ),
    "doradztwo": (
        "Doradztwo prawne i księgowe",
        "Doradca prawny pomoże w sprawach statutu i umów.",
    ),
    "pomostowe": ("Wsparcie pomostowe", "Wypłacane przez sześć miesięcy po założeniu firmy."),
    "ngo": ("Stowarzyszenia i fundacje", "Ekonomizacja organizacji: działalność odpłatna."),
    "cis": (
        "Centrum Integracji Społecznej w Kożuchowie",
        "Reintegracja zawodowa osób bezrobotnych.",
    ),
    "animacja": ("Spotkania animacyjne", "Animatorzy lokalni spotykają się z mieszkańcami wsi."),
    "ps": ("Status przedsiębiorstwa społecznego", "Status nadaje wojewoda na wniosek podmiotu."),
}

# (query, the page it must find among the first three results, a plain-word case?)
CASES = [
    ("dotacji", "dotacje", False),
    ("dotacjami", "dotacje", False),
    ("dotacje", "dotacje", True),
    ("spółdzielni socjalnych", "spoldzielnie", False),
    ("spółdzielnią", "spoldzielnie", False),
    ("szkoleniach", "szkolenia", False),
    ("szkolenie", "szkolenia", False),
    ("zamówień publicznych", "klauzule", False),
    ("klauzula społeczna", "klauzule", False),
    ("doradcy prawnego", "doradztwo", False),
    ("umowy", "doradztwo", False),
    ("stowarzyszeniom", "ngo", False),
    ("fundacjach", "ngo", False),
    ("bezrobotnym", "cis", False),
    ("animatorów", "animacja", False),
    ("mieszkańców", "animacja", False),
    ("przedsiębiorstwo społeczne", "ps", False),
    ("wojewody", "ps", False),
    ("spoldzielnie socjalne", "spoldzielnie", False),
    ("spoldzielnia", "spoldzielnie", False),
    ("spoldzielniom", "spoldzielnie", False),
    ("szkolenia gorzowie", "szkolenia", False),
    ("zamowienia", "klauzule", False),
    ("ksiegowe", "doradztwo", False),
    ("kozuchowie", "cis", False),
    ("wsparcie pomostowe", "pomostowe", True),
    ("doradztwo", "doradztwo", True),
    ("organizacji pozarządowych", "szkolenia", True),
    ("dzialalnosc odplatna", "ngo", False),
    ("Kożuchowie", "cis", True),
    ("spoldz", "spoldzielnie", False),  # autocomplete: the beginning of a word
    ("szkol", "szkolenia", False),
]


@pytest.fixture
def polish_pages(home_page):
    return {
        slug: StandardPageFactory(parent=home_page, slug=slug, title=title, intro=intro)
        for slug, (title, intro) in PAGES.items()
    }


def found(query):
    from portal.search import backend_query

    return [page.slug for page in list(site_search(backend_query(query)))[:3]]


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the Polish configuration is PostgreSQL's; CI runs this with DATABASE_URL set",
)


@postgresql_only
@pytest.mark.django_db
@pytest.mark.parametrize(("query", "expected", "plain"), CASES, ids=[c[0] for c in CASES])
def test_polish_query_finds_the_page(polish_pages, query, expected, plain):
    assert expected in found(query)


@postgresql_only
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typo", "expected"),
    [("spułdzielnie", "spoldzielnie"), ("szkolenai", "szkolenia"), ("klauzle", "klauzule")],
    ids=str,
)
def test_a_typo_gets_did_you_mean_suggestions(polish_pages, typo, expected):
    assert expected in [page.slug for page in suggestions(typo)]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="measures the SQLite fallback")
@pytest.mark.django_db
def test_sqlite_finds_the_plain_word_cases(polish_pages):
    passed = [query for query, expected, _ in CASES if expected in found(query)]
    print(f"SQLite: {len(passed)} of {len(CASES)} cases pass")
    plain = [query for query, _, is_plain in CASES if is_plain]
    assert set(plain) <= set(passed)


@pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"),
    reason="runs against Elasticsearch whenever ELASTICSEARCH_URL is set",
)
@pytest.mark.django_db
@pytest.mark.parametrize(("query", "expected", "plain"), CASES, ids=[c[0] for c in CASES])
def test_elasticsearch_query_finds_the_page(polish_pages, query, expected, plain):
    from django.core.management import call_command

    call_command("update_index", backend_name="default", stdout=io.StringIO())
    assert expected in found(query)


@pytest.mark.django_db
def test_with_elasticsearch_down_site_search_answers_from_the_database(
    client, settings, home_page, caplog
):
    from portal.elasticsearch import wagtail_backend

    settings.WAGTAILSEARCH_BACKENDS = {
        "default": wagtail_backend(
            url="http://127.0.0.1:9", stempel=True, index_prefix="owes_test"
        ),
        "database": settings.DATABASE_SEARCH_BACKEND,
    }
    StandardPageFactory(parent=home_page, slug="dotacje", title="Dotacje na miejsca pracy")
    response = client.get("/szukaj/", {"q": "dotacje"})
    assert response.status_code == 200
    assert "Dotacje na miejsca pracy" in response.content.decode()
    assert "site search used the database" in caplog.text
