"""A representative updates its entity's profile by following links and pressing keys from
the home page — no `page.goto` after the first. The key presses are counted."""

import pytest
from playwright.sync_api import expect

from directory.models import Representative
from tests.e2e.test_finding_the_intranet import follow, tab_to
from tests.factories.directory import EntityFactory
from tests.factories.portal import TEST_PASSWORD, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_representative_updates_its_entity_profile_from_the_home_page(
    page, home_page, assert_accessible
):
    member = UserFactory()
    entity = EntityFactory(name="Fundacja Pomocna Dłoń", phone="68 111 22 33")
    Representative.objects.create(user=member, entity=entity, status="approved")

    page.goto("/")
    keys = tab_to(page, "Zaloguj się")
    follow(page, "/konto/login/")
    keys += 1
    keys += tab_to(page, "login", by="name")
    page.keyboard.type(member.email)
    keys += len(member.email)
    keys += tab_to(page, "password", by="name")
    page.keyboard.type(TEST_PASSWORD)
    keys += len(TEST_PASSWORD)
    follow(page, "/intranet/")
    keys += 1

    keys += tab_to(
        page,
        "Aktualizuj profil Fundacja Pomocna Dłoń",
        by="textContent.replace(/\\s+/g, ' ').trim()",
    )
    follow(page, f"/intranet/katalog/{entity.pk}/edycja/")
    keys += 1
    assert_accessible(page)
    keys += tab_to(page, "phone", by="name")
    page.keyboard.press("Control+a")
    page.keyboard.type("68 999 00 11")
    keys += 1 + len("68 999 00 11")
    keys += tab_to(page, "Wyślij zmiany do zatwierdzenia")
    follow(page, f"/intranet/katalog/{entity.pk}/edycja/")
    keys += 1

    expect(page.locator("main")).to_contain_text("Zmiany wysłane do zatwierdzenia")
    assert_accessible(page)
    entity.refresh_from_db()
    assert entity.phone == "68 111 22 33"  # public until staff approve
    assert entity.get_latest_revision_as_object().phone == "68 999 00 11"
    typed = len(member.email) + len(TEST_PASSWORD) + len("68 999 00 11")
    print(f"\nrepresentative journey: {keys} key presses, {typed} of them typing text")
