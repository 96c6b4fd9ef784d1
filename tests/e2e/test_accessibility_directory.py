"""The directory listing (with facets applied) and a profile pass axe-core."""

import pytest

from directory.models import LegalForm
from tests.factories.directory import EntityFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def directory(home_page):
    for number in range(25):
        EntityFactory(
            name=f"Spółdzielnia Socjalna Razem {number}",
            legal_form=LegalForm.SOCIAL_COOPERATIVE if number % 2 else LegalForm.FOUNDATION,
            is_social_enterprise=number % 3 == 0,
            services=["catering", "szycie"] if number % 2 else ["catering"],
        )
    return EntityFactory(
        name="Fundacja Pomocna Dłoń",
        slug="pomocna-dlon",
        nip="5261040828",
        email="biuro@example.org",
        latitude="52.25",
        longitude="15.53",
        description="<p>Prowadzimy pralnię i szwalnię.</p>",
        services=["szycie"],
    )


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("/katalog/", id="listing"),
        pytest.param("/katalog/?forma=foundation&usluga=catering&ps=1&q=razem", id="facets"),
        pytest.param("/katalog/?q=nic-takiego", id="no-results"),
        pytest.param("/katalog/pomocna-dlon/", id="profile"),
    ],
)
def test_directory_pages_meet_wcag_21_aa(page, assert_accessible, directory, path):
    assert page.goto(path).status == 200
    assert_accessible(page)


@pytest.mark.parametrize("javascript", [False], ids=["no-javascript"])
def test_facets_work_without_javascript(page, directory):
    page.goto("/katalog/")
    page.check("#forma-foundation")
    page.click(".directory__facets button[type=submit]")

    assert "forma=foundation" in page.url
    assert page.locator(".entity-card").count() == 13


def test_claim_form_and_the_profile_form_with_errors(page, assert_accessible, log_in, directory):
    from directory.models import Representative
    from tests.factories.portal import UserFactory

    member = UserFactory()
    log_in(page, member)
    page.goto("/katalog/pomocna-dlon/")
    assert_accessible(page)  # the "I represent this entity" form
    page.click(".entity__claim button[type=submit]")
    page.wait_for_url("**/intranet/")
    assert_accessible(page)  # the dashboard with the pending request

    Representative.objects.filter(user=member).update(status="approved")
    page.goto(f"/intranet/katalog/{directory.pk}/edycja/")
    page.fill("#id_nip", "1234567890")
    page.click(".entity-form button[type=submit]")
    page.wait_for_selector(".errorlist")
    assert_accessible(page)
