"""The public finds events: upcoming soonest first, filters, calendar, archive, iCal."""

import datetime
import re

import pytest
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from events.models import EventKind
from tests.factories.events import EventIndexPageFactory, EventPageFactory, RegistrationFactory
from tests.factories.portal import LocationFactory

pytestmark = pytest.mark.django_db

# SQL queries of a public page with nothing cached, whatever the number of events.
BUDGET = 12


def titles(html):
    return re.findall(r'class="event-card__title"><a href="[^"]+">([^<]+)</a>', html)


def in_days(days, hours=10):
    now = timezone.localtime()
    return now.replace(hour=hours, minute=0, second=0, microsecond=0) + datetime.timedelta(
        days=days
    )


def test_upcoming_events_soonest_first_past_ones_in_the_archive(client, events_index):
    EventPageFactory(parent=events_index, title="Za tydzień", start=in_days(7))
    EventPageFactory(parent=events_index, title="Jutro", start=in_days(1))
    EventPageFactory(
        parent=events_index, title="Wczoraj", start=in_days(-1), end=in_days(-1, hours=12)
    )

    upcoming = client.get(events_index.url).content.decode()
    archive = client.get(f"{events_index.url}archiwum/").content.decode()

    assert titles(upcoming) == ["Jutro", "Za tydzień"]
    assert titles(archive) == ["Wczoraj"]


def test_filters_by_kind_place_and_month_are_shareable_urls(client, events_index):
    kozuchow = LocationFactory(town="Kożuchów")
    EventPageFactory(
        parent=events_index, title="Seminarium", kind=EventKind.NETWORKING_SEMINAR, start=in_days(3)
    )
    EventPageFactory(
        parent=events_index, title="Animacja w Kożuchowie", location=kozuchow, start=in_days(4)
    )
    EventPageFactory(
        parent=events_index, title="Webinarium", online_url="https://meet.example", start=in_days(5)
    )
    month = in_days(40)
    EventPageFactory(parent=events_index, title="Za miesiąc", start=month)

    def shown(**params):
        return titles(client.get(events_index.url, params).content.decode())

    assert shown(rodzaj="networking_seminar") == ["Seminarium"]
    assert shown(miejsce=str(kozuchow.pk)) == ["Animacja w Kożuchowie"]
    assert shown(miejsce="online") == ["Webinarium"]
    assert shown(miesiac=f"{month:%Y-%m}") == ["Za miesiąc"]


@pytest.mark.parametrize(
    "params",
    [
        {"rodzaj": "koncert"},
        {"miejsce": "999"},
        {"miejsce": "<x>"},
        {"miesiac": "2026-13"},
        {"page": "abc"},
    ],
    ids=["kind", "location", "location-junk", "month", "page"],
)
def test_unknown_filter_values_are_404_not_500(client, events_index, params):
    assert client.get(events_index.url, params).status_code == 404


def test_month_calendar_places_events_on_their_days(client, events_index):
    start = in_days(10)
    EventPageFactory(parent=events_index, title="Warsztaty", start=start)

    html = client.get(
        f"{events_index.url}kalendarz/", {"miesiac": f"{start:%Y-%m}"}
    ).content.decode()

    assert "<table>" in html
    assert "Warsztaty" in html


def test_badges_tell_open_last_places_waiting_list_and_cancelled(client, events_index):
    EventPageFactory(parent=events_index, title="Otwarte", capacity=10, start=in_days(2))
    last = EventPageFactory(
        parent=events_index, title="Prawie pełne", capacity=10, start=in_days(3)
    )
    for _ in range(9):
        RegistrationFactory(event=last)
    full = EventPageFactory(parent=events_index, title="Pełne", capacity=1, start=in_days(4))
    RegistrationFactory(event=full)
    EventPageFactory(parent=events_index, title="Odwołane", is_cancelled=True, start=in_days(5))

    html = client.get(events_index.url).content.decode()

    for badge in ["Zapisy otwarte", "Ostatnie miejsca", "Lista rezerwowa", "Odwołane"]:
        assert f">{badge}</span>" in html


def test_drafts_and_restricted_events_stay_out_of_every_public_list(
    client, home_page, events_index
):
    start = in_days(6)
    EventPageFactory(parent=events_index, title="Otwarte dla wszystkich", start=start)
    EventPageFactory(parent=events_index, title="Szkic", start=start, live=False)
    members_only = EventPageFactory(parent=events_index, title="Dla członków", start=start)
    PageViewRestriction.objects.create(page=members_only, restriction_type="login")
    other_index = EventIndexPageFactory(parent=home_page, title="Zamknięte", slug="zamkniete")
    PageViewRestriction.objects.create(page=other_index, restriction_type="login")
    EventPageFactory(parent=other_index, title="Pod zamkniętym działem", start=start)
    public = ["Otwarte dla wszystkich"]

    listing = client.get(events_index.url).content.decode()
    calendar = client.get(f"{events_index.url}kalendarz/", {"miesiac": f"{start:%Y-%m}"})
    feed = Calendar.from_ical(client.get(f"{events_index.url}ical/").content)
    home = client.get(home_page.url).content.decode()

    assert titles(listing) == public
    assert "Dla członków" not in calendar.content.decode()
    assert "Otwarte dla wszystkich" in calendar.content.decode()
    assert [str(event["summary"]) for event in feed.walk("VEVENT")] == public
    assert titles(home) == public


def test_ical_feed_of_upcoming_events_parses_with_time_zones(client, events_index):
    EventPageFactory(parent=events_index, title="Seminarium sieciujące", start=in_days(3))

    response = client.get(f"{events_index.url}ical/")

    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert response["Content-Type"].startswith("text/calendar")
    assert [str(event["summary"]) for event in events] == ["Seminarium sieciujące"]
    assert str(events[0]["dtstart"].dt.tzinfo) == "Europe/Warsaw"
    assert calendar.walk("VTIMEZONE")


def test_the_calendar_time_zone_covers_every_date_it_lists(client, events_index):
    """The VTIMEZONE spans the listed dates only (not 1970-2038), and a calendar program
    reading it puts a winter date at +01:00 and a summer date next year at +02:00."""
    winter = in_days(3).replace(month=12, day=15)
    if winter < timezone.now():
        winter = winter.replace(year=winter.year + 1)
    summer = winter.replace(year=winter.year + 1, month=7)
    EventPageFactory(parent=events_index, title="Zimą", start=winter)
    EventPageFactory(parent=events_index, title="Latem", start=summer)

    calendar = Calendar.from_ical(client.get(f"{events_index.url}ical/").content)

    time_zone = calendar.walk("VTIMEZONE")[0].to_tz()
    offsets = {
        str(event["summary"]): time_zone.utcoffset(event["dtstart"].dt.replace(tzinfo=None))
        for event in calendar.walk("VEVENT")
    }
    assert offsets == {"Zimą": datetime.timedelta(hours=1), "Latem": datetime.timedelta(hours=2)}
    summers = 0  # the onsets of summer time: each DAYLIGHT's start and its RDATEs
    for component in calendar.walk("DAYLIGHT"):
        found = component.get("RDATE") or []
        summers += 1 + sum(
            len(rdate.dts) for rdate in (found if isinstance(found, list) else [found])
        )
    assert summers < 10  # a few years' summer time, not 1970-2038's 60


def test_event_page_has_schema_org_event_and_an_ics_download(client, events_index):
    import json

    event = EventPageFactory(parent=events_index, title="Seminarium", start=in_days(3))

    html = client.get(event.url).content.decode()
    ics = client.get(f"{event.url}ical/")

    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "Event" and data["name"] == "Seminarium"
    assert data["startDate"].endswith(("+01:00", "+02:00"))
    assert ics.status_code == 200
    assert str(Calendar.from_ical(ics.content).walk("VEVENT")[0]["summary"]) == "Seminarium"


@pytest.mark.usefixtures("fragments_off")
@pytest.mark.parametrize("view", ["", "kalendarz/", "archiwum/"], ids=["list", "month", "archive"])
@pytest.mark.parametrize("count", [1, 30], ids=["1-event", "30-events"])
def test_index_query_count_is_constant(
    client, events_index, django_assert_max_num_queries, count, view
):
    location = LocationFactory()
    for number in range(count):
        event = EventPageFactory(
            parent=events_index, location=location, start=in_days(number % 20 - 5)
        )
        RegistrationFactory(event=event)
    EventPageFactory(
        parent=events_index, start=in_days(1), repeat="weekly", repeat_until=in_days(60).date()
    )
    url = f"{events_index.url}{view}"
    client.get(url)

    with django_assert_max_num_queries(BUDGET):
        assert client.get(url).status_code == 200


@pytest.mark.usefixtures("fragments_off")
@pytest.mark.parametrize("registrations", [0, 200], ids=["0-registrations", "200-registrations"])
def test_event_page_query_count_is_constant(
    client, events_index, django_assert_max_num_queries, registrations
):
    event = EventPageFactory(parent=events_index, capacity=500, location=LocationFactory())
    RegistrationFactory.create_batch(registrations, event=event)
    client.get(event.url)

    with django_assert_max_num_queries(BUDGET):
        assert client.get(event.url).status_code == 200
