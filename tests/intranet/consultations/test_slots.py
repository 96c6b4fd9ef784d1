"""Free slots: weekly hours, leave and extra hours, holidays, bookings and breaks."""

import datetime
import zoneinfo

import pytest

from intranet.consultations.slots import free_slots
from intranet.models import AvailabilityException, Specialisation
from tests.factories.intranet import AdviserFactory, BookingFactory
from tests.factories.portal import LocationFactory

pytestmark = pytest.mark.django_db

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")
MONDAY = datetime.date(2027, 11, 8)  # the week of 11 November (Independence Day, Thursday)
TUESDAY, THURSDAY = MONDAY + datetime.timedelta(days=1), MONDAY + datetime.timedelta(days=3)
BEFORE = datetime.datetime(2027, 11, 1, 8, 0, tzinfo=WARSAW)


def at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=WARSAW)


@pytest.fixture
def business():
    return Specialisation.objects.get(code="business")


@pytest.fixture
def swiebodzin():
    return LocationFactory(name="Świebodzin")


def times(slots):
    return [slot.start.astimezone(WARSAW).strftime("%a %H:%M") for slot in slots]


def week(business, location, **kwargs):
    return free_slots(
        specialisation=business, location=location, first_day=MONDAY, days=7, now=BEFORE, **kwargs
    )


def test_tuesday_hours_give_hourly_slots_on_tuesdays_only(business, swiebodzin):
    AdviserFactory(hours=[(1, "09:00", "15:00", swiebodzin)])
    assert times(week(business, swiebodzin)) == [f"Tue {h:02d}:00" for h in range(9, 15)]


def test_hours_at_another_centre_or_online_are_not_offered_here(business, swiebodzin):
    AdviserFactory(hours=[(1, "09:00", "11:00", LocationFactory()), (2, "09:00", "10:00", None)])
    assert week(business, swiebodzin) == []
    assert times(
        free_slots(specialisation=business, online=True, first_day=MONDAY, days=7, now=BEFORE)
    ) == ["Wed 09:00"]


def test_polish_public_holidays_are_not_bookable(business, swiebodzin):
    AdviserFactory(hours=[(3, "09:00", "11:00", swiebodzin)])  # Thursdays
    assert week(business, swiebodzin) == []  # 11 November
    following = free_slots(
        specialisation=business,
        location=swiebodzin,
        first_day=THURSDAY + datetime.timedelta(days=7),
        days=1,
        now=BEFORE,
    )
    assert times(following) == ["Thu 09:00", "Thu 10:00"]


def test_leave_removes_and_extra_hours_add(business, swiebodzin):
    adviser = AdviserFactory(hours=[(1, "09:00", "13:00", swiebodzin)])
    AvailabilityException.objects.create(
        adviser=adviser,
        date=TUESDAY,
        kind="unavailable",
        start_time=datetime.time(10),
        end_time=datetime.time(12),
    )
    AvailabilityException.objects.create(
        adviser=adviser,
        date=MONDAY,
        kind="extra",
        start_time=datetime.time(16),
        end_time=datetime.time(18),
        location=swiebodzin,
    )
    assert times(week(business, swiebodzin)) == [
        "Mon 16:00",
        "Mon 17:00",
        "Tue 09:00",
        "Tue 12:00",
    ]
    AvailabilityException.objects.create(adviser=adviser, date=TUESDAY, kind="unavailable")
    assert times(week(business, swiebodzin)) == ["Mon 16:00", "Mon 17:00"]


def test_bookings_and_the_break_after_them_are_taken_out(business, swiebodzin):
    business.buffer_minutes = 15
    business.save()
    adviser = AdviserFactory(hours=[(1, "09:00", "15:00", swiebodzin)])
    BookingFactory(adviser=adviser, start=at(TUESDAY, 10, 15), end=at(TUESDAY, 11, 15))
    BookingFactory(
        adviser=adviser, start=at(TUESDAY, 12, 45), end=at(TUESDAY, 13, 45), status="cancelled"
    )
    assert times(week(business, swiebodzin)) == [
        "Tue 09:00",  # 09:00–10:00, then 15 minutes' break before 10:15
        "Tue 11:30",
        "Tue 12:45",  # the cancelled meeting frees its time
        "Tue 14:00",
    ]


def test_the_meeting_length_follows_the_specialisation(swiebodzin):
    legal = Specialisation.objects.get(code="legal")
    legal.meeting_minutes = 90
    legal.save()
    AdviserFactory(specialisations=["legal"], hours=[(1, "09:00", "13:00", swiebodzin)])
    found = week(legal, swiebodzin)
    assert times(found) == ["Tue 09:00", "Tue 10:30"]
    assert found[0].end - found[0].start == datetime.timedelta(minutes=90)


def test_past_times_are_never_offered(business, swiebodzin):
    AdviserFactory(hours=[(1, "09:00", "12:00", swiebodzin)])
    found = free_slots(
        specialisation=business,
        location=swiebodzin,
        first_day=TUESDAY,
        days=1,
        now=at(TUESDAY, 10, 30),
    )
    assert times(found) == ["Tue 11:00"]


def test_soonest_first_across_advisers(business, swiebodzin):
    AdviserFactory(user__last_name="Zawada", hours=[(0, "12:00", "13:00", swiebodzin)])
    AdviserFactory(user__last_name="Adamska", hours=[(1, "08:00", "09:00", swiebodzin)])
    AdviserFactory(
        specialisations=["legal"], hours=[(0, "08:00", "09:00", swiebodzin)]
    )  # another kind of help
    assert times(week(business, swiebodzin)) == ["Mon 12:00", "Tue 08:00"]


def test_four_queries_whatever_the_number_of_bookings(
    business, swiebodzin, django_assert_num_queries
):
    advisers = [
        AdviserFactory(hours=[(day, "08:00", "16:00", swiebodzin) for day in range(5)])
        for _ in range(3)
    ]
    with django_assert_num_queries(4):
        week(business, swiebodzin)
    for adviser in advisers:
        for day in range(5):
            for hour in (8, 10, 12, 14):
                start = at(MONDAY + datetime.timedelta(days=day), hour)
                BookingFactory(
                    adviser=adviser, start=start, end=start + datetime.timedelta(hours=1)
                )
    with django_assert_num_queries(4):
        found = week(business, swiebodzin)
    assert len(found) == 3 * 4 * 4  # Thursday is a holiday; 4 free hours a day remain
