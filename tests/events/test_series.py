"""A monthly animation meeting is one page with a repeat rule; every date has its own places."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from events.models import Registration, Repeat
from events.recurrence import occurrences
from tests.events.conftest import sign_up_data
from tests.factories.events import EventPageFactory

pytestmark = pytest.mark.django_db

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


def local(year, month, day, hour=10):
    return datetime.datetime(year, month, day, hour, tzinfo=WARSAW)


def weekly_series(events_index, **kwargs):
    start = timezone.localtime().replace(hour=17, minute=0, second=0, microsecond=0)
    start += datetime.timedelta(days=1)
    return EventPageFactory(
        parent=events_index,
        title="Spotkania w Kożuchowie",
        slug="spotkania-kozuchow",
        start=start,
        end=start + datetime.timedelta(hours=2),
        repeat=Repeat.WEEKLY,
        repeat_until=(start + datetime.timedelta(weeks=3)).date(),
        **{"capacity": 1, **kwargs},
    )


def test_series_dates_follow_the_rule_skip_excluded_dates_and_keep_wall_clock_time(
    events_index,
):
    event = EventPageFactory.build(
        start=local(2026, 10, 6),
        end=local(2026, 10, 6, 12),
        repeat=Repeat.WEEKLY,
        repeat_until=datetime.date(2026, 11, 3),
        excluded_dates="2026-10-20\n",
    )

    dates = occurrences(event)

    assert [timezone.localtime(o.start).date().isoformat() for o in dates] == [
        "2026-10-06",
        "2026-10-13",
        "2026-10-27",
        "2026-11-03",
    ]
    # Daylight saving ends on 25 October: the meeting stays at 10:00 local time.
    assert {timezone.localtime(o.start).hour for o in dates} == {10}


def test_monthly_on_the_same_weekday(events_index):
    event = EventPageFactory.build(
        start=local(2026, 12, 1),  # the first Tuesday of December
        end=local(2026, 12, 1, 12),
        repeat=Repeat.MONTHLY_WEEKDAY,
        repeat_until=datetime.date(2027, 3, 31),
    )

    assert [o.date.isoformat() for o in occurrences(event)] == [
        "2026-12-01",
        "2027-01-05",
        "2027-02-02",
        "2027-03-02",
    ]


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"repeat": Repeat.WEEKLY, "repeat_until": None}, "repeat_until"),
        ({"repeat": Repeat.WEEKLY, "repeat_until": datetime.date(2030, 1, 1)}, "repeat_until"),
        ({"excluded_dates": "24 grudnia"}, "excluded_dates"),
    ],
    ids=["no-end", "longer-than-two-years", "bad-date"],
)
def test_series_settings_are_validated(fields, error_field):
    event = EventPageFactory.build(start=local(2026, 12, 1), end=local(2026, 12, 1, 12), **fields)

    with pytest.raises(ValidationError) as error:
        event.clean()
    assert error_field in error.value.message_dict


def test_every_date_is_listed_and_has_its_own_places(client, events_index):
    event = weekly_series(events_index)
    first, second = occurrences(event)[:2]

    client.post(f"{event.url}?termin={first.date}", sign_up_data(1))
    client.post(f"{event.url}?termin={first.date}", sign_up_data(2))
    client.post(f"{event.url}?termin={second.date}", sign_up_data(3))

    statuses = {(r.email, r.occurrence_date): r.status for r in Registration.objects.all()}
    assert statuses == {
        ("osoba1@example.org", first.date): "confirmed",
        ("osoba2@example.org", first.date): "waiting",
        ("osoba3@example.org", second.date): "confirmed",
    }
    listing = client.get(events_index.url).content.decode()
    assert listing.count("Spotkania w Kożuchowie") == 4
    assert f"?termin={second.date}" in listing


def test_cancelling_promotes_within_the_same_date_only(client, events_index):
    event = weekly_series(events_index)
    first, second = occurrences(event)[:2]
    client.post(f"{event.url}?termin={first.date}", sign_up_data(1))
    client.post(f"{event.url}?termin={second.date}", sign_up_data(2))
    client.post(f"{event.url}?termin={second.date}", sign_up_data(3))
    client.post(f"{event.url}?termin={first.date}", sign_up_data(4))

    registration = Registration.objects.get(email="osoba1@example.org")
    client.post(f"{event.url}zapis/{registration.token}/", {"confirm": "yes"})

    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses["osoba4@example.org"] == "offered"  # the place is held for them
    assert statuses["osoba3@example.org"] == "waiting"


def test_the_same_person_may_come_to_several_dates_but_not_twice_to_one(client, events_index):
    event = weekly_series(events_index, capacity=5)
    first, second = occurrences(event)[:2]

    client.post(f"{event.url}?termin={first.date}", sign_up_data())
    client.post(f"{event.url}?termin={second.date}", sign_up_data())
    client.post(f"{event.url}?termin={second.date}", sign_up_data())

    assert Registration.objects.count() == 2


@pytest.mark.parametrize("termin", ["2020-01-01", "nie-data", "excluded"], ids=str)
def test_unknown_or_excluded_date_is_404(client, events_index, termin):
    event = weekly_series(events_index)
    second = occurrences(event)[1]
    event.excluded_dates = second.date.isoformat()
    event.save()
    if termin == "excluded":
        termin = second.date.isoformat()

    assert client.get(event.url, {"termin": termin}).status_code == 404
    assert client.post(f"{event.url}?termin={termin}", sign_up_data()).status_code == 404
    assert Registration.objects.count() == 0
