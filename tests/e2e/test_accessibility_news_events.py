"""News and events pages, every sign-up outcome and the door check-in pass axe-core."""

import datetime

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings as django_settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.rich_text import RichText

from events.models import EventPage, Registration
from portal import accounts
from tests.factories.events import EventIndexPageFactory, EventPageFactory, RegistrationFactory
from tests.factories.news import (
    NewsCategoryFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    news_image,
)
from tests.factories.portal import LocationFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def news_site(home_page, standard_page_with_all_blocks):
    index = NewsIndexPageFactory(parent=home_page)
    grants = NewsCategoryFactory(name="Dotacje", slug="dotacje")
    NewsCategoryFactory(name="Partnerstwa", slug="partnerstwa")
    image = news_image()
    for number in range(12):
        NewsPageFactory(
            parent=index,
            title=f"Nabór dotacji {number}",
            categories=[grants],
            main_image=image,
            main_image_alt="Uczestnicy szkolenia",
            tags=["nabór"],
        )
    every_block = [(block.block_type, block.value) for block in standard_page_with_all_blocks.body]
    NewsPageFactory(
        parent=index,
        title="Wszystkie bloki",
        slug="wszystkie-bloki-news",
        categories=[grants],
        main_image=image,
        main_image_alt="Sala szkoleniowa",
        main_image_caption="Fot. OWES",
        body=[
            *every_block,
            ("paragraph", RichText("<p>Akapit.</p>")),
            (
                "gallery",
                {
                    "title": "Galeria",
                    "images": [
                        {"image": image, "alt_text": "Warsztaty", "caption": "Dzień 1"},
                        {"image": image, "alt_text": "Dyskusja", "caption": ""},
                    ],
                },
            ),
            (
                "related_links",
                {
                    "heading": "Zobacz także",
                    "links": [{"title": "Oferta", "page": None, "url": "https://example.org"}],
                },
            ),
        ],
    )
    return index


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("/aktualnosci/", id="news-index"),
        pytest.param("/aktualnosci/?kategoria=dotacje", id="news-category"),
        pytest.param("/aktualnosci/?kategoria=partnerstwa", id="news-empty-category"),
        pytest.param("/aktualnosci/wszystkie-bloki-news/", id="news-page-every-block"),
    ],
)
def test_news_pages_meet_wcag_21_aa(page, assert_accessible, news_site, path):
    assert page.goto(path).status == 200
    assert_accessible(page)


def in_days(days):
    return timezone.now().replace(minute=0, second=0, microsecond=0) + datetime.timedelta(days=days)


@pytest.fixture
def events_site(home_page):
    index = EventIndexPageFactory(parent=home_page)
    location = LocationFactory(town="Kożuchów")
    open_event = EventPageFactory(
        parent=index,
        title="Seminarium",
        slug="seminarium",
        capacity=1,
        location=location,
        start=in_days(3),
        programme=[
            ("agenda_item", {"time": datetime.time(10), "title": "Powitanie", "speaker": "OWES"})
        ],
        accessibility_info="Sala na parterze.",
    )
    EventPageFactory(
        parent=index,
        title="Zamknięte",
        slug="zamkniete",
        start=in_days(4),
        registration_closes_at=in_days(-1),
    )
    EventPageFactory(
        parent=index, title="Odwołane", slug="odwolane", start=in_days(5), is_cancelled=True
    )
    confirmed = RegistrationFactory(event=open_event)
    waiting = RegistrationFactory(event=open_event, status="waiting")
    return {"index": index, "event": open_event, "confirmed": confirmed, "waiting": waiting}


@pytest.mark.parametrize(
    "which",
    [
        "index",
        "calendar",
        "archive",
        "event-with-form",
        "form-errors",
        "confirmed",
        "confirm-cancelling",
        "waiting",
        "closed",
        "cancelled",
    ],
    ids=str,
)
def test_event_pages_and_sign_up_outcomes_meet_wcag_21_aa(
    page, assert_accessible, events_site, which
):
    event = events_site["event"]
    paths = {
        "index": "/wydarzenia/",
        "calendar": f"/wydarzenia/kalendarz/?miesiac={in_days(3):%Y-%m}",
        "archive": "/wydarzenia/archiwum/",
        "event-with-form": event.url,
        "confirmed": f"{event.url}zapis/{events_site['confirmed'].token}/",
        "confirm-cancelling": f"{event.url}zapis/{events_site['confirmed'].token}/?rezygnacja=1",
        "waiting": f"{event.url}zapis/{events_site['waiting'].token}/",
        "closed": "/wydarzenia/zamkniete/",
        "cancelled": "/wydarzenia/odwolane/",
    }
    if which == "form-errors":
        page.goto(event.url)
        page.fill("#id_email", "to-nie-email")
        page.click("form[method=post] button[type=submit] >> nth=-1")
        page.wait_for_selector(".errorlist")
        # The summary has the focus (a deferred script moves it there once the document is
        # parsed, which may come after the error list appears); its link leads to the field.
        expect(page.locator("[data-error-summary]")).to_be_focused()
        first_link = page.get_attribute("[data-error-summary] a", "href")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        assert "#" + page.evaluate("document.activeElement.id") == first_link
    else:
        assert page.goto(paths[which]).status == 200
    assert_accessible(page)


def test_sign_up_in_the_browser_then_the_door_check_in_page(
    page, assert_accessible, events_site, live_server
):
    event = events_site["event"]
    page.goto(event.url)
    page.fill("#id_first_name", "Ewa")
    page.fill("#id_last_name", "Zielińska")
    page.fill("#id_email", "ewa@example.org")
    page.check("#id_participant_type_3")
    page.check("#id_consent")
    page.click("form[method=post] button[type=submit] >> nth=-1")
    page.wait_for_url("**/zapis/**")
    assert Registration.objects.get(email="ewa@example.org").status == "waiting"
    assert_accessible(page)

    staff = UserFactory(roles=[accounts.ROLE_STAFF])
    TOTP.activate(staff, generate_totp_secret())
    client = Client()
    client.force_login(staff)
    page.context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    # The door check-in opens on the event's day: the event starts now.
    EventPage.objects.filter(pk=event.pk).update(
        start=in_days(0), end=in_days(0) + datetime.timedelta(hours=3)
    )
    page.goto(f"/intranet/kadra/wydarzenia/{event.pk}/obecnosc/")
    assert_accessible(page)
    page.click(f"#osoba-{events_site['confirmed'].pk} button")
    page.wait_for_selector(f"#osoba-{events_site['confirmed'].pk} button[aria-pressed=true]")
    events_site["confirmed"].refresh_from_db()
    assert events_site["confirmed"].attended
    page.goto(f"/intranet/kadra/wydarzenia/{event.pk}/")
    assert_accessible(page)
    page.click("text=Odwołaj wydarzenie i powiadom uczestników")  # asks on a page of its own
    page.wait_for_url("**/odwolaj/")
    assert_accessible(page)
