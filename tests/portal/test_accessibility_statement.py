"""The accessibility statement carries the element ids of the ministry's template (v2.0).

Automated validators of the Ministry of Digital Affairs' template (31 July 2024) look for
each of these ids once and read the dates from `<time datetime>`.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

pytestmark = pytest.mark.django_db

TEMPLATE_IDS = [
    "a11y-wstep",
    "a11y-podmiot",
    "a11y-zakres",
    "a11y-url",
    "a11y-data-publikacja",
    "a11y-data-aktualizacja",
    "a11y-status",
    "a11y-kontakt",
    "a11y-email",
    "a11y-telefon",
    "a11y-procedura",
    "a11y-data-sporzadzenie",
    "a11y-architektura",
    "a11y-komunikacja",
]
DATE_IDS = ["a11y-data-publikacja", "a11y-data-aktualizacja", "a11y-data-sporzadzenie"]


@pytest.fixture
def statement(settings, client):
    settings.DEBUG = True
    call_command("seed_demo")
    response = client.get("/deklaracja-dostepnosci/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_each_template_id_occurs_exactly_once_and_dates_are_time_elements(statement):
    counts = {element_id: len(statement.find_all(id=element_id)) for element_id in TEMPLATE_IDS}

    assert counts == dict.fromkeys(TEMPLATE_IDS, 1)
    for element_id in DATE_IDS:
        element = statement.find(id=element_id)
        assert element.name == "time", element_id
        datetime.date.fromisoformat(element["datetime"])
        assert element.get_text(strip=True) == element["datetime"]


def test_the_statement_is_in_polish_with_what_the_editor_filled_in(statement):
    assert "zobowiązuje się zapewnić dostępność" in statement.find(id="a11y-wstep").get_text()
    assert statement.find(id="a11y-zakres").get_text() == "strony internetowej"
    assert statement.find(id="a11y-url")["href"].startswith("http")
    assert statement.find(id="a11y-email")["href"] == "mailto:dostepnosc@owes.example.org"
    assert statement.find(id="a11y-telefon").get_text() == "95 720 55 10"
    assert statement.find(id="a11y-status").get_text().startswith("Strona internetowa jest")
    communication = statement.find(id="a11y-komunikacja").find_next_sibling()
    assert "języka migowego" in communication.get_text()


def test_the_footer_links_the_statement(statement):
    footer = statement.find("footer")

    assert footer.find("a", href="/deklaracja-dostepnosci/").get_text() == "Deklaracja dostępności"
