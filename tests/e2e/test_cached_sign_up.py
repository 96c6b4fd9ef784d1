"""A sign-up form on a page from the shared page cache works, with and without JavaScript."""

import pytest

from events.models import Registration
from tests.factories.events import EventIndexPageFactory, EventPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def cached_event(settings, home_page):
    settings.PAGE_CACHE_SECONDS = 60
    return EventPageFactory(parent=EventIndexPageFactory(parent=home_page), capacity=5)


def fill_in_and_send(page, email):
    page.fill("#id_first_name", "Ewa")
    page.fill("#id_last_name", "Zielińska")
    page.fill("#id_email", email)
    page.check("#id_participant_type_3")
    page.check("#id_consent")
    page.click("form[method=post] button[type=submit] >> nth=-1")
    page.wait_for_url("**/zapis/**")


def test_a_visitor_signs_up_on_the_cached_page(page, cached_event):
    page.goto(cached_event.url)  # stores the page in the cache
    page.context.clear_cookies()

    response = page.goto(cached_event.url)

    assert "max-age=60" in response.headers["cache-control"]
    assert "set-cookie" not in response.headers  # the same page for everyone
    fill_in_and_send(page, "ewa@example.org")
    assert Registration.objects.get(email="ewa@example.org").status == "confirmed"


@pytest.mark.parametrize("javascript", [False], ids=["no-javascript"])
def test_without_javascript_the_visitor_follows_the_link_and_signs_up(page, cached_event):
    page.goto(cached_event.url)

    page.get_by_role("link", name="otwórz formularz zapisu, który działa bez niego").click()

    fill_in_and_send(page, "bez-js@example.org")
    assert Registration.objects.filter(email="bez-js@example.org").exists()
