"""Every kind of public page passes axe-core's WCAG 2.1 A and AA rules."""

import pytest
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from portal.models import SiteSettings
from portal.views import SEARCH_RESULTS_PER_PAGE
from tests.factories.portal import (
    AccessibilityStatementPageFactory,
    LocationFactory,
    LocationIndexPageFactory,
    StandardPageFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def populated_site(home_page, standard_page_with_all_blocks):
    """A site with content in every region: menu, footer with the EU logo strip, locations."""
    statement = AccessibilityStatementPageFactory(parent=home_page)
    LocationIndexPageFactory(parent=home_page, intro="Znajdź ośrodek najbliżej siebie.")
    LocationFactory(name="LOEiIS Świebodzin", town="Świebodzin")
    LocationFactory(name="LOEiIS Kożuchów", town="Kożuchów", latitude=None, longitude=None)
    # More results than fit on one page, so the search results show the pagination too.
    for number in range(SEARCH_RESULTS_PER_PAGE + 1):
        StandardPageFactory(
            parent=home_page,
            title=f"Dotacje na start {number}",
            intro="Wsparcie dla nowych podmiotów ekonomii społecznej.",
            show_in_menus=False,
        )
    home_page.hero_cta_label = "Poznaj ofertę"
    home_page.hero_cta_page = standard_page_with_all_blocks
    home_page.save_revision().publish()
    SiteSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={
            "address": "ul. Wojska Polskiego 1\n65-001 Zielona Góra",
            "phone": "68 123 45 67",
            "email": "biuro@example.org",
            "facebook_url": "https://www.facebook.com/owes",
            "footer_text": "Projekt współfinansowany ze środków Unii Europejskiej.",
            "funding_logos": Image.objects.create(title="Logotypy", file=get_test_image_file()),
            "funding_logos_alt": "Fundusze Europejskie, Rzeczpospolita Polska, Unia Europejska",
            "funding_statement": "Fundusze Europejskie dla Lubuskiego 2021–2027",
            "accessibility_statement_page": statement,
            "privacy_policy_page": standard_page_with_all_blocks,
        },
    )


@pytest.mark.parametrize(
    ("path", "status"),
    [
        pytest.param("/", 200, id="home"),
        pytest.param("/wszystkie-bloki/", 200, id="standard-page-with-every-block"),
        pytest.param("/lokalne-osrodki/", 200, id="locations"),
        pytest.param("/szukaj/?q=dotacje", 200, id="search-results"),
        pytest.param("/szukaj/", 200, id="search-empty"),
        pytest.param("/szukaj/?q=xyzzy", 200, id="search-no-results"),
        pytest.param("/konto/login/", 200, id="login"),
        pytest.param("/konto/signup/", 200, id="signup"),
        pytest.param("/nie-ma-takiej-strony/", 404, id="not-found"),
        pytest.param("/deklaracja-dostepnosci/", 200, id="accessibility-statement"),
    ],
)
def test_page_meets_wcag_21_aa(page, assert_accessible, populated_site, path, status):
    response = page.goto(path)

    assert response.status == status
    assert_accessible(page)


def test_login_with_a_wrong_password_meets_wcag_21_aa_and_alerts(
    page, assert_accessible, populated_site
):
    page.goto("/konto/login/")
    page.get_by_label("Email").fill("nikt@example.org")
    page.get_by_label("Hasło").fill("nie-to-haslo")
    page.get_by_role("button", name="Zaloguj").click()

    alert = page.get_by_role("alert")
    assert "niepoprawne" in alert.inner_text()
    assert_accessible(page)
