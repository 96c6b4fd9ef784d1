"""Cached fragments and routes make pages cheap, and never show stale or personal content.

The fragment cache is on in the whole suite; these tests change content *after* a page
was rendered (so its fragments and route are cached) and look for the change at once.
"""

import pytest
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag
from wagtail.models import PageViewRestriction, Site

from events.models import EventPage
from portal.models import SiteSettings, StandardPage
from portal.versions import CONTENT, version_of
from tests.events.conftest import sign_up_data
from tests.factories.directory import EntityFactory
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.news import NewsIndexPageFactory, NewsPageFactory
from tests.factories.portal import HomePageFactory, StandardPageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page)


@pytest.fixture
def events_index(home_page):
    return EventIndexPageFactory(parent=home_page)


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_news_published_after_a_visit_is_on_the_home_page_and_the_list_at_once(client, news_index):
    html_of(client, "/")
    html_of(client, news_index.url)

    news = NewsPageFactory(parent=news_index, title="Nowy nabór wniosków", live=False)
    news.save_revision().publish()

    assert "Nowy nabór wniosków" in html_of(client, "/")
    assert "Nowy nabór wniosków" in html_of(client, news_index.url)


def test_an_edited_page_shows_its_new_text_and_title_in_the_menu(client, home_page):
    page = StandardPageFactory(parent=home_page, title="O nas", slug="o-nas", show_in_menus=True)
    page.save_revision().publish()
    assert "O nas" in html_of(client, "/o-nas/")

    page.title = "O ośrodku"
    page.save_revision().publish()

    html = html_of(client, "/o-nas/")
    assert "<h1>O ośrodku</h1>" in html
    assert "O ośrodku</a>" in html_of(client, "/")  # the menu of another page


def test_a_new_phone_number_in_the_site_settings_is_in_the_footer_at_once(client, home_page):
    html_of(client, "/")
    settings = SiteSettings.objects.get()
    settings.phone = "95 111 22 33"
    settings.save()

    assert "95 111 22 33" in html_of(client, "/")


def test_an_unpublished_page_is_gone_although_its_route_was_cached(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Nabór", slug="nabor")
    page.save_revision().publish()
    html_of(client, "/nabor/")

    page.unpublish()

    assert client.get("/nabor/").status_code == 404


def test_a_moved_page_is_served_at_its_new_address_and_the_old_one_redirects(client, home_page):
    section = StandardPageFactory(parent=home_page, title="Dla NGO", slug="dla-ngo")
    page = StandardPageFactory(parent=home_page, title="Dotacje", slug="dotacje")
    page.save_revision().publish()
    html_of(client, "/dotacje/")

    page.move(section, pos="last-child")

    old = client.get("/dotacje/")
    assert old.status_code == 301 and old["Location"] == "/dla-ngo/dotacje/"
    assert "<h1>Dotacje</h1>" in html_of(client, "/dla-ngo/dotacje/")


def test_a_page_made_private_is_no_longer_shown_to_anonymous_visitors(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Dla kadry", slug="dla-kadry")
    page.save_revision().publish()
    html_of(client, "/dla-kadry/")

    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.create(name="Zarząd")])

    response = client.get("/dla-kadry/")
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


def test_a_representatives_change_shows_in_the_directory_and_the_profile_at_once(client):
    entity = EntityFactory(name="Spółdzielnia Smaki Lubuskie", slug="smaki")
    html_of(client, "/katalog/")
    html_of(client, "/katalog/smaki/")
    html_of(client, "/katalog/?q=smaki")

    entity.name = "Spółdzielnia Smaki Ziemi Lubuskiej"
    entity.phone = "68 000 11 22"
    entity.save()

    assert "Smaki Ziemi Lubuskiej" in html_of(client, "/katalog/")
    profile = html_of(client, "/katalog/smaki/")
    assert "Smaki Ziemi Lubuskiej" in profile and "68 000 11 22" in profile
    assert "Smaki Ziemi Lubuskiej" in html_of(client, "/katalog/?q=smaki")


def test_a_sign_up_lowers_the_free_places_on_the_event_page_and_the_list(
    client, events_index, django_capture_on_commit_callbacks
):
    event = EventPageFactory(parent=events_index, capacity=1)
    assert "wolnych miejsc: 1 z 1" in html_of(client, event.url)
    assert "badge--last" in html_of(client, events_index.url)  # "Ostatnie miejsca"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(event.url, sign_up_data())

    assert "wolnych miejsc: 0 z 1" in html_of(Client(), event.url)
    listing = html_of(Client(), events_index.url)
    assert "badge--waiting" in listing and "badge--last" not in listing


def test_one_persons_details_never_reach_anothers_page_and_both_can_sign_up(
    events_index, django_capture_on_commit_callbacks
):
    event = EventPageFactory(parent=events_index, capacity=10)
    member = UserFactory(email="ala.nowak@example.org", first_name="Ala")
    logged_in = Client(enforce_csrf_checks=True)
    logged_in.force_login(member)
    assert "ala.nowak@example.org" in html_of(logged_in, event.url)  # the form is prefilled

    visitor = Client(enforce_csrf_checks=True)
    page = html_of(visitor, event.url)
    assert "ala.nowak@example.org" not in page
    token = visitor.cookies["csrftoken"].value  # the page's own token
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post(event.url, {**sign_up_data(), "csrfmiddlewaretoken": token})

    assert response.status_code == 302  # signed up, not refused by the CSRF check
    assert event.registrations.count() == 1


def test_warm_fragments_and_routes_make_a_page_cheaper_than_rendering_it(
    client, home_page, news_index, settings
):
    for number in range(5):
        NewsPageFactory(parent=news_index, title=f"Wiadomość {number}")
    html_of(client, "/")  # the first visit ever also creates the site settings
    html_of(client, "/")

    warm = queries_for(client, "/")
    settings.FRAGMENT_CACHE_SECONDS = 0
    cold = queries_for(client, "/")

    assert warm <= 4
    assert warm < cold


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/o-nas/",
        "/aktualnosci/",
        "/aktualnosci/nowosc-0/",
        "/wydarzenia/",
        "/wydarzenia/spotkanie-x/",
        "/katalog/",
        "/katalog/?q=catering",
        "/katalog/?forma=foundation&powiat=gorzowski",
        "/katalog/podmiot-x/",
        "/szukaj/?q=doradztwo",
    ],
)
def test_every_public_page_type_needs_at_most_two_queries_once_warm_four_with_live_places(
    client, home_page, news_index, events_index, url
):
    StandardPageFactory(parent=home_page, title="O nas", slug="o-nas", body=None)
    for number in range(12):
        NewsPageFactory(parent=news_index, title=f"Nowość {number}", slug=f"nowosc-{number}")
        EventPageFactory(parent=events_index, slug=f"spotkanie-{number}")
        EntityFactory(name=f"Catering Społeczny {number}", legal_form="foundation")
    EventPageFactory(parent=events_index, slug="spotkanie-x", intro="Doradztwo dla NGO.")
    EntityFactory(slug="podmiot-x")
    html_of(client, url)  # the first visit ever also creates the site settings
    html_of(client, url)

    # Never cached: Wagtail's view-restriction check (two queries), and an event page's
    # place counts, read live, and its location; the site and the page are remembered.
    assert queries_for(client, url) <= (4 if url.startswith("/wydarzenia/spotkanie") else 2)


def test_a_cache_that_lost_its_data_never_brings_back_older_fragments(client, home_page):
    """The per-process fragments outlive a Redis restart; the content version must not
    start again at a number they were stored under."""
    from django.core.cache import cache

    html_of(client, "/")
    html_of(client, "/")
    SiteSettings.objects.update(phone="95 999 00 00")  # a change no signal reported
    cache.clear()  # the shared cache restarted empty; the process's fragments did not

    assert "95 999 00 00" in html_of(client, "/")


def test_an_editors_preview_of_a_draft_never_reaches_visitors(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Regulamin", slug="regulamin")
    page.save_revision().publish()

    draft = StandardPage.objects.get(pk=page.pk)
    draft.title = "Regulamin – szkic"
    draft.make_preview_request()  # what the admin's preview does, nothing saved

    html = html_of(client, "/regulamin/")
    assert "<h1>Regulamin</h1>" in html and "szkic" not in html


def test_an_editors_preview_of_an_event_shows_the_drafts_state(client, home_page):
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page), capacity=7)
    assert "Zapisy otwarte" in html_of(client, event.url)

    draft = EventPage.objects.get(pk=event.pk)
    draft.capacity, draft.is_cancelled = 99, True
    html = draft.make_preview_request().content.decode()  # nothing saved

    assert "Odwołane" in html and "Zapisy otwarte" not in html
    assert "Zapisy otwarte" in html_of(client, event.url)


def test_a_change_made_in_a_transaction_makes_the_cache_stale_again_at_its_commit(
    home_page, django_capture_on_commit_callbacks
):
    """A request served between the change and the commit may have cached the old rows
    under the new version; the commit moves the version once more."""
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            settings = SiteSettings.for_site(home_page.get_site())
            settings.phone = "95 222 33 44"
            settings.save()
            during = version_of(CONTENT)

    assert version_of(CONTENT) != during


def test_a_renamed_tag_shows_its_new_name_on_the_news_page(client, news_index):
    news = NewsPageFactory(parent=news_index, title="Targi", slug="targi", live=False)
    news.tags.add("ekonomia")
    news.save_revision().publish()
    assert "#ekonomia<" in html_of(client, "/aktualnosci/targi/")

    tag = Tag.objects.get(name="ekonomia")
    tag.name = "ekonomia społeczna"
    tag.save()

    assert "#ekonomia społeczna<" in html_of(client, "/aktualnosci/targi/")


def test_two_sites_each_keep_their_own_header_and_footer(client, home_page, settings):
    settings.ALLOWED_HOSTS = ["*"]
    other_home = HomePageFactory(parent=home_page.get_parent(), title="Drugi", slug="drugi")
    other = Site.objects.create(hostname="drugi.example.org", port=80, root_page=other_home)
    SiteSettings.objects.create(site=other, short_name="DRUGI", phone="95 555 55 55")
    html_of(client, "/")

    html = client.get("/", HTTP_HOST="drugi.example.org").content.decode()

    assert "DRUGI" in html and "95 555 55 55" in html
