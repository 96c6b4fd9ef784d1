"""Never double-booked: PostgreSQL itself refuses overlapping bookings, under concurrent
requests as well as for a direct insert.

The first tests switch off one row lock only (`adviser_lock`, `member_lock`, each a small
function of its own): with it off the burst races (requests pass the check together and
only the constraint, or nothing, stops them); with it on there is no race. The others show
that the constraint alone holds, and that the full path answers 1 booking and 19 "just
taken" messages.
They need a real PostgreSQL server (CI sets DATABASE_URL); SQLite serialises writers.
"""

import datetime
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import pytest
from django.db import IntegrityError, connection, connections, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from intranet.consultations import services as booking_services
from intranet.consultations.slots import free_slots
from intranet.models import Booking, Specialisation
from tests.factories.intranet import AdviserFactory
from tests.factories.portal import LocationFactory, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="exclusion constraints are a PostgreSQL guarantee; CI runs this with DATABASE_URL",
    ),
]


@pytest.fixture
def centre():
    return LocationFactory()


@pytest.fixture
def adviser(centre):
    return AdviserFactory(
        specialisations=["business", "legal"],
        hours=[(day, "08:00", "16:00", centre) for day in range(7)],
    )


@pytest.fixture
def slow_writes(monkeypatch):
    """A delay between checking and writing widens the window the way a loaded server
    would; the tests with the lock on run with it too, so the lock is all that differs."""
    save = Booking.save

    def slow_save(self, *args, **kwargs):
        time.sleep(0.5)
        return save(self, *args, **kwargs)

    monkeypatch.setattr(Booking, "save", slow_save)


@pytest.fixture
def without_the_adviser_lock(monkeypatch, slow_writes):
    monkeypatch.setattr(booking_services, "adviser_lock", lambda adviser: None)


@pytest.fixture
def without_the_member_lock(monkeypatch, slow_writes):
    monkeypatch.setattr(booking_services, "member_lock", lambda member: None)


@pytest.fixture
def without_python_guards(monkeypatch, without_the_adviser_lock):
    """The race as code without the lock and the check would see it."""
    monkeypatch.setattr(booking_services, "CHECK_SLOT_IN_PYTHON", False)


@pytest.fixture
def database_refusals(caplog):
    """The bookings that passed the Python check and were refused only by PostgreSQL's
    exclusion constraint: each one is a race the lock did not prevent."""
    caplog.set_level(logging.INFO, logger="intranet.consultations.services")

    def count():
        return sum("The database refused a booking" in r.getMessage() for r in caplog.records)

    return count


def concurrently(work, count):
    barrier = threading.Barrier(count)

    def run(number):
        barrier.wait()
        try:
            return work(number)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def first_slot(code, centre, adviser):
    return free_slots(
        specialisation=Specialisation.objects.get(code=code),
        location=centre,
        first_day=timezone.localdate() + datetime.timedelta(days=2),
        days=5,
        adviser_id=adviser.pk,
    )[0]


def members(count):
    return [UserFactory() for _ in range(count)]


def book_as(member, code, centre, slot_key):
    client = Client()
    client.force_login(member)
    query = urlencode({"specjalizacja": code, "miejsce": centre.pk, "termin": slot_key})
    response = client.post(f"{reverse('bookings:book')}?{query}", {"termin": slot_key}, follow=True)
    return response.status_code, response.content.decode()


def overlapping_keys(adviser, start):
    """Twenty requests for overlapping times of different lengths (60 and 90 minutes)."""
    keys = []
    for number in range(20):
        code = "business" if number % 2 else "legal"
        # 10:00, 10:15, 10:30…: every two of them overlap, whatever their lengths.
        offset = datetime.timedelta(minutes=15 * (number % 3))
        keys.append((code, f"{adviser.pk}:{(start + offset).isoformat()}"))
    return keys


@pytest.mark.parametrize("locked", [False, True], ids=["adviser-lock-off", "adviser-lock-on"])
def test_the_adviser_lock_alone_keeps_a_burst_from_racing(
    request, centre, adviser, slow_writes, database_refusals, locked
):
    if not locked:
        request.getfixturevalue("without_the_adviser_lock")
    slot = first_slot("business", centre, adviser)
    people = members(20)

    answers = concurrently(lambda n: book_as(people[n], "business", centre, slot.key), 20)

    assert [status for status, _page in answers] == [200] * 20
    assert Booking.objects.filter(status="booked").count() == 1
    if locked:
        # Every request waited for the one before it and saw the time taken.
        assert database_refusals() == 0
    else:
        # Several requests passed the check at once; only the constraint stopped them.
        assert database_refusals() >= 1


@pytest.mark.parametrize("locked", [False, True], ids=["member-lock-off", "member-lock-on"])
def test_the_member_lock_alone_keeps_parallel_bookings_within_the_limit(
    request, settings, centre, slow_writes, locked
):
    if not locked:
        request.getfixturevalue("without_the_member_lock")
    advisers = [
        AdviserFactory(hours=[(day, "08:00", "16:00", centre) for day in range(7)])
        for _ in range(4)
    ]
    member = UserFactory()
    business = Specialisation.objects.get(code="business")
    later = timezone.now() + datetime.timedelta(days=20)
    for number in range(settings.BOOKING_MAX_UPCOMING - 1):
        start = later + datetime.timedelta(hours=2 * number)
        Booking.objects.create(
            adviser=advisers[0],
            specialisation=business,
            location=centre,
            member=member,
            start=start,
            end=start + datetime.timedelta(hours=1),
        )
    base = first_slot("business", centre, advisers[0]).start
    keys = []
    for number, adviser in enumerate(advisers):
        slots = free_slots(
            specialisation=business,
            location=centre,
            first_day=timezone.localdate() + datetime.timedelta(days=2),
            days=5,
            adviser_id=adviser.pk,
        )
        wanted = base + datetime.timedelta(hours=2 * number)
        keys.append(next(slot.key for slot in slots if slot.start >= wanted))

    answers = concurrently(lambda n: book_as(member, "business", centre, keys[n]), 4)

    assert [status for status, _page in answers] == [200] * 4
    upcoming = Booking.objects.filter(member=member, status="booked").count()
    if locked:
        assert upcoming == settings.BOOKING_MAX_UPCOMING
    else:
        assert upcoming > settings.BOOKING_MAX_UPCOMING


def test_the_database_alone_refuses_overlaps_of_different_lengths(
    centre, adviser, without_python_guards
):
    Specialisation.objects.filter(code="legal").update(meeting_minutes=90)
    slot = first_slot("business", centre, adviser)
    people = members(20)
    keys = overlapping_keys(adviser, slot.start)

    answers = concurrently(lambda n: book_as(people[n], keys[n][0], centre, keys[n][1]), 20)

    assert [status for status, _page in answers] == [200] * 20
    assert Booking.objects.filter(status="booked").count() == 1
    taken = [page for _status, page in answers if "Ten termin został właśnie zajęty" in page]
    assert len(taken) == 19


def test_twenty_requests_for_the_same_slot_one_booking_nineteen_clear_answers(centre, adviser):
    slot = first_slot("business", centre, adviser)
    people = members(20)

    answers = concurrently(lambda n: book_as(people[n], "business", centre, slot.key), 20)

    assert [status for status, _page in answers] == [200] * 20  # no errors
    booked = Booking.objects.get(status="booked")
    assert booked.start == slot.start
    winners = [page for _status, page in answers if "Konsultacja jest zarezerwowana" in page]
    taken = [page for _status, page in answers if "Ten termin został właśnie zajęty" in page]
    assert (len(winners), len(taken)) == (1, 19)
    # …and each of the nineteen sees the next free times, without the taken one.
    assert all("Wolne terminy" in page for page in taken)
    assert not any(quote(slot.key, safe="/") in page for page in taken)


def test_a_direct_insert_of_an_overlapping_booking_is_refused_by_postgresql(centre, adviser):
    business = Specialisation.objects.get(code="business")
    start = timezone.now() + datetime.timedelta(days=3)
    Booking.objects.create(
        adviser=adviser,
        specialisation=business,
        location=centre,
        start=start,
        end=start + datetime.timedelta(hours=1),
        visitor_name="Pierwsza",
    )
    with pytest.raises(IntegrityError, match="booking_adviser_no_overlap"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO intranet_booking (adviser_id, specialisation_id, location_id, "
                'start, "end", status, topic, is_walk_in, visitor_name, visitor_phone, '
                "visitor_email, created_at, notes, follow_up) VALUES "
                "(%s, %s, %s, %s, %s, 'booked', '', false, 'Druga', '', '', now(), '', false)",
                [
                    adviser.pk,
                    business.pk,
                    centre.pk,
                    start + datetime.timedelta(minutes=30),
                    start + datetime.timedelta(minutes=90),
                ],
            )
    # A cancelled booking does not block the time.
    Booking.objects.update(status="cancelled")
    Booking.objects.create(
        adviser=adviser,
        specialisation=business,
        location=centre,
        start=start + datetime.timedelta(minutes=30),
        end=start + datetime.timedelta(minutes=90),
        visitor_name="Trzecia",
    )


def test_one_member_cannot_hold_two_overlapping_meetings_even_with_two_advisers(centre, adviser):
    other = AdviserFactory(hours=[(day, "08:00", "16:00", centre) for day in range(7)])
    business = Specialisation.objects.get(code="business")
    member = UserFactory()
    start = timezone.now() + datetime.timedelta(days=3)
    Booking.objects.create(
        adviser=adviser,
        specialisation=business,
        location=centre,
        member=member,
        start=start,
        end=start + datetime.timedelta(hours=1),
    )
    with pytest.raises(IntegrityError, match="booking_member_no_overlap"):
        with transaction.atomic():
            Booking.objects.create(
                adviser=other,
                specialisation=business,
                location=centre,
                member=member,
                start=start + datetime.timedelta(minutes=15),
                end=start + datetime.timedelta(minutes=75),
            )
