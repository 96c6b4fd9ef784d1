"""On a 360 px phone the directory shows its results first, the filters folded behind
"Filtry (n)", and an entity's profile never scrolls sideways."""

import pytest
from playwright.sync_api import expect

from directory.models import LegalForm
from tests.factories.directory import EntityFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def directory(home_page):
    for number in range(25):
        EntityFactory(
            name=f"Spółdzielnia Socjalna Razem {number}",
            legal_form=LegalForm.SOCIAL_COOPERATIVE if number % 2 else LegalForm.FOUNDATION,
            county=["gorzowski", "nowosolski", "swiebodzinski", "zielonogorski"][number % 4],
            commune="Santok",
            services=[f"usluga-{number}", "catering"],
        )
    return EntityFactory(
        name="Fundacja Wspierania Przedsiębiorczości Społecznej i Aktywności Lokalnej",
        slug="dluga-nazwa",
        email="sekretariat.fundacji.wspierania.przedsiebiorczosci@przyklad-organizacji.example.org",
        website="https://www.fundacja-wspierania-przedsiebiorczosci-spolecznej.example.org/o-nas/",
        street="ul. Generała Władysława Sikorskiego 123/45",
        areas_of_activity="Reintegracja-społeczno-zawodowa-osób-zagrożonych-wykluczeniem",
        description="<p>Prowadzimy pralnię i szwalnię.</p>",
        services=["szycie", "pranie-przemyslowe-i-wynajem-odziezy-roboczej"],
    )


def assert_results_first(page, toggle, viewport, javascript):
    """The first result starts on the first screen; without JavaScript, where the site's
    menu is a plain list above, only the folded filters and the applied ones precede it."""
    first_result = page.locator(".entity-card").first.bounding_box()
    if javascript:
        assert first_result["y"] < viewport["height"], "the first result is below the fold"
    else:
        gap = first_result["y"] - toggle.bounding_box()["y"]
        assert gap < viewport["height"] / 4, "the filters stand between search and results"


def scroll_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("viewport", [PHONE], ids=["360px"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_results_come_first_and_the_filters_fold_behind_a_disclosure(
    page, assert_accessible, directory, viewport, javascript
):
    page.goto("/katalog/?forma=foundation")

    toggle = page.locator(".directory__filters-toggle")
    assert_results_first(page, toggle, viewport, javascript)
    expect(toggle).to_have_text("Filtry (1)")
    expect(page.locator("#powiat-gorzowski")).to_be_hidden()
    # The applied filter is in sight above the results, with its link to drop it.
    expect(page.get_by_role("link", name="Usuń filtr Forma prawna: fundacja")).to_be_visible()
    assert scroll_width(page) <= viewport["width"]
    if javascript:
        assert_accessible(page)

    toggle.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#powiat-gorzowski")).to_be_visible()
    page.check("#powiat-gorzowski")
    page.get_by_role("button", name="Zastosuj filtry").click()
    page.wait_for_url("**powiat=gorzowski**")
    expect(toggle).to_have_text("Filtry (2)")
    assert_results_first(page, toggle, viewport, javascript)
    if javascript:
        assert_accessible(page)

    page.get_by_role("link", name="Usuń filtr Forma prawna: fundacja").click()
    page.wait_for_load_state()
    assert "forma=" not in page.url and "powiat=gorzowski" in page.url
    expect(toggle).to_have_text("Filtry (1)")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_on_a_desktop_the_filters_are_open_beside_the_results(page, directory, javascript):
    page.goto("/katalog/")

    expect(page.locator(".directory__filters-toggle")).to_be_hidden()
    expect(page.locator("#powiat-gorzowski")).to_be_visible()


@pytest.mark.parametrize("viewport", [PHONE], ids=["360px"])
def test_an_empty_result_on_a_phone_names_the_filters_and_meets_wcag(
    page, assert_accessible, directory, viewport
):
    page.goto("/katalog/?forma=foundation&usluga=szycie")

    expect(page.locator(".directory__empty")).to_contain_text("Usługi i produkty: szycie")
    assert_accessible(page)
    page.get_by_role("link", name="Usuń filtr Usługi i produkty: szycie").click()
    expect(page.locator(".entity-card").first).to_be_visible()


@pytest.mark.parametrize("viewport", [PHONE], ids=["360px"])
def test_a_profile_with_long_names_and_addresses_fits_a_phone(
    page, assert_accessible, directory, viewport
):
    page.goto(directory.get_absolute_url())

    assert scroll_width(page) <= viewport["width"]
    assert_accessible(page)
