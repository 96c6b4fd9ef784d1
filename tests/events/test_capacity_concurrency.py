"""Never overbooked: capacity holds under concurrent requests against PostgreSQL.

The burst tests first show they can catch the race (the row lock switched off oversells),
then that the lock prevents it. They need a real PostgreSQL server (CI sets DATABASE_URL);
SQLite serialises writers itself and has no row locks to test.
"""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client

from events import notifications, services
from events.models import Registration
from tests.events.conftest import sign_up_data
from tests.factories.events import EventPageFactory, RegistrationFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks are a PostgreSQL guarantee; CI runs this with DATABASE_URL set",
    ),
]


@pytest.fixture(autouse=True)
def slow_database(monkeypatch):
    """Widen the race window the way a loaded database server would: each count of
    places takes 150 ms longer. The same delay applies with and without the lock."""
    count = services._count

    def slow_count(event, *statuses):
        result = count(event, *statuses)
        time.sleep(0.15)
        return result

    monkeypatch.setattr(services, "_count", slow_count)


def concurrently(work, count):
    """Run work(0..count-1) in `count` threads released at the same instant."""
    barrier = threading.Barrier(count)

    def run(number):
        barrier.wait()
        try:
            return work(number)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def sign_up_burst(event, count):
    def sign_up(number):
        response = Client().post(event.url, sign_up_data(number))
        return response.status_code

    return concurrently(sign_up, count)


def by_status(event):
    registrations = Registration.objects.filter(event=event).order_by("pk")
    return {
        status: list(registrations.filter(status=status))
        for status in ("confirmed", "offered", "waiting", "cancelled")
    }


def test_without_the_lock_the_same_burst_oversells(events_index, monkeypatch):
    monkeypatch.setattr(services, "LOCK_EVENT_ROWS", False)
    event = EventPageFactory(parent=events_index, capacity=10)

    sign_up_burst(event, 50)

    oversold = len(by_status(event)["confirmed"])
    print(f"without the lock: {oversold} confirmed for 10 places")
    assert oversold > 10


def test_fifty_concurrent_sign_ups_for_ten_places(events_index):
    event = EventPageFactory(parent=events_index, capacity=10)

    codes = sign_up_burst(event, 50)

    registrations = by_status(event)
    assert codes == [302] * 50  # every request answered with its outcome page, no errors
    assert len(registrations["confirmed"]) == 10
    assert len(registrations["waiting"]) == 40
    assert Registration.objects.filter(event=event).values("email").distinct().count() == 50
    # Arrival order: whoever got the lock first got a place; the waiting list follows.
    assert max(r.pk for r in registrations["confirmed"]) < min(
        r.pk for r in registrations["waiting"]
    )
    positions = [services.waiting_position(r) for r in registrations["waiting"]]
    assert positions == list(range(1, 41))


def test_concurrent_cancellations_offer_exactly_one_waiting_person_per_place(events_index):
    event = EventPageFactory(parent=events_index, capacity=10)
    confirmed = [RegistrationFactory(event=event) for _ in range(10)]
    waiting = [RegistrationFactory(event=event, status="waiting") for _ in range(20)]

    def act(number):
        if number < 10:
            Client().post(f"{event.url}zapis/{confirmed[number].token}/", {"confirm": "yes"})
        else:
            Client().post(event.url, sign_up_data(100 + number))

    concurrently(act, 20)

    registrations = by_status(event)
    # Each freed place is held (offered) for the next waiting person, in order.
    assert registrations["confirmed"] == []
    assert [r.pk for r in registrations["offered"]] == [r.pk for r in waiting[:10]]
    assert len(registrations["waiting"]) == 10 + 10


@pytest.mark.parametrize("locked", [False, True], ids=["event-lock-off", "event-lock-on"])
def test_a_place_freed_while_someone_signs_up_goes_to_them(events_index, monkeypatch, locked):
    """Ten cancel while ten others sign up: each newcomer ends up with a place (confirmed,
    or offered by a later cancellation). Without the event's lock a sign-up counts the
    places before the cancellations commit (full: it waits) while each cancellation looks
    for a waiting person before the sign-ups commit (nobody): a place stays free while
    someone waits for it."""
    # A sign-up takes a while between counting the places and committing (its e-mail is
    # queued in that time): the window in which a cancellation may look for it. The same
    # delay applies with and without the lock.
    received = notifications.registration_received

    def slow_received(registration):
        time.sleep(0.5)
        return received(registration)

    monkeypatch.setattr(notifications, "registration_received", slow_received)
    if not locked:
        monkeypatch.setattr(services, "LOCK_EVENT_ROWS", False)
    event = EventPageFactory(parent=events_index, capacity=10)
    confirmed = [RegistrationFactory(event=event) for _ in range(10)]

    def act(number):
        if number < 10:
            Client().post(f"{event.url}zapis/{confirmed[number].token}/", {"confirm": "yes"})
        else:
            Client().post(event.url, sign_up_data(100 + number))

    concurrently(act, 20)

    registrations = by_status(event)
    holding = len(registrations["confirmed"]) + len(registrations["offered"])
    waiting = len(registrations["waiting"])
    assert len(registrations["cancelled"]) == 10
    if not locked:
        print(f"without the lock: {holding} places held for 10, {waiting} people waiting")
        assert holding < 10 and waiting > 0
    else:
        assert (holding, waiting) == (10, 0)
