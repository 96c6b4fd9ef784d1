"""Every applied filter is shown with a link that drops it, and an empty result says why."""

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from directory.models import LegalForm
from tests.factories.directory import EntityFactory

pytestmark = pytest.mark.django_db

URL = "/katalog/"


def applied(html):
    """{visible text of each applied filter: the query its link leads to}."""
    soup = BeautifulSoup(html, "html.parser")
    chips = soup.select(".applied-filters a")
    result = {}
    for chip in chips:
        for hidden in chip.select(".visually-hidden, [aria-hidden=true]"):
            hidden.extract()
        link = urlsplit(chip["href"])
        assert link.path == URL
        result[chip.get_text(" ", strip=True)] = parse_qs(link.query)
    return result


@pytest.fixture
def entities():
    EntityFactory(
        name="Fundacja Pomocna Dłoń",
        legal_form=LegalForm.FOUNDATION,
        county="gorzowski",
        commune="Santok",
        services=["catering"],
    )
    EntityFactory(
        name="Spółdzielnia Razem",
        legal_form=LegalForm.SOCIAL_COOPERATIVE,
        county="swiebodzinski",
        commune="Świebodzin",
        is_social_enterprise=True,
        services=["szycie"],
    )


def test_each_applied_filter_links_to_the_same_search_without_it(client, entities):
    response = client.get(
        URL, {"q": "razem", "forma": ["foundation", "social_cooperative"], "ps": "1", "page": "1"}
    )

    chips = applied(response.content.decode())
    assert chips == {
        "Forma prawna: fundacja": {
            "q": ["razem"],
            "forma": ["social_cooperative"],
            "ps": ["1"],
        },
        "Forma prawna: spółdzielnia socjalna": {
            "q": ["razem"],
            "forma": ["foundation"],
            "ps": ["1"],
        },
        "Status: Status przedsiębiorstwa społecznego (PS)": {
            "q": ["razem"],
            "forma": ["foundation", "social_cooperative"],
        },
    }
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".directory__filters-toggle").get_text(strip=True) == "Filtry (3)"


def test_filters_that_leave_nothing_are_still_shown_and_the_empty_state_names_them(
    client, entities
):
    response = client.get(URL, {"forma": "foundation", "usluga": "szycie", "powiat": "gorzowski"})
    html = response.content.decode()

    assert "Fundacja Pomocna Dłoń" not in html and "Spółdzielnia Razem" not in html
    chips = applied(html)
    assert set(chips) == {"Forma prawna: fundacja", "powiat gorzowski", "Usługi i produkty: szycie"}
    assert chips["Usługi i produkty: szycie"] == {"forma": ["foundation"], "powiat": ["gorzowski"]}
    empty = BeautifulSoup(html, "html.parser").select_one(".directory__empty")
    assert "Żaden podmiot nie spełnia jednocześnie wszystkich tych filtrów" in empty.get_text()
    assert [item.get_text() for item in empty.select("li")] == [
        "Forma prawna: fundacja",
        "powiat gorzowski",
        "Usługi i produkty: szycie",
    ]
    # The service with no entity left stays ticked, so "Apply filters" keeps it.
    assert 'value="szycie" checked' in html

    # Following the link that drops the service finds the foundation again.
    without_service = client.get(URL, {"forma": "foundation", "powiat": "gorzowski"})
    assert "Fundacja Pomocna Dłoń" in without_service.content.decode()


def test_without_filters_nothing_is_listed_as_applied(client, entities):
    html = client.get(URL).content.decode()

    assert applied(html) == {}
    assert "Zastosowane filtry" not in html
