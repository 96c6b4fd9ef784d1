"""Offers and reminders under concurrency, against PostgreSQL (skipped on SQLite).

Each test first shows the race happens with only its guard switched off — the event's
row lock for offers (`services._locked`), the conditional UPDATE for reminders
(`reminders._claim_reminder`) — then that it does not happen with the guard on.
"""

import datetime
import time

import pytest
from django.db import connection
from django.utils import timezone

from events import notifications, reminders, services
from events.models import EventPage, Registration
from tests.events.test_capacity_concurrency import concurrently
from tests.factories.events import EventPageFactory, RegistrationFactory
from tests.mail import delivered

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks are a PostgreSQL guarantee; CI runs this with DATABASE_URL set",
    ),
]

ROUNDS = 3


@pytest.fixture(autouse=True)
def slow_database(monkeypatch):
    """Widen the race window the way a loaded server would: each count of places takes
    150 ms longer, with and without the guard."""
    count = services._count

    def slow_count(occurrence, *statuses):
        result = count(occurrence, *statuses)
        time.sleep(0.15)
        return result

    monkeypatch.setattr(services, "_count", slow_count)


def without_the_row_lock(monkeypatch):
    monkeypatch.setattr(services, "_locked", lambda event: EventPage.objects.get(pk=event.pk))


def expiring_offer(events_index):
    """One place, held for `offered` until `deadline`; `next_one` waits behind them."""
    event = EventPageFactory(parent=events_index, capacity=1)
    deadline = timezone.now() + datetime.timedelta(hours=1)
    offered = RegistrationFactory(event=event, status="offered", offer_expires_at=deadline)
    next_one = RegistrationFactory(event=event, status="waiting")
    return event, offered, next_one, deadline


def confirm_while_the_offer_expires(event, offered, deadline):
    """At the deadline: the person confirms (a second early) as the job expires the offer
    (a second late). Returns how many people were told the place is theirs."""
    second = datetime.timedelta(seconds=1)

    def act(number):
        if number == 0:
            try:
                services.offer_confirm(event=event, token=offered.token, now=deadline - second)
            except services.OfferNotOpen:
                return 0
            return 1  # "your place is confirmed"
        services.offers_expire(now=deadline + second)
        return 0

    told_confirmed = sum(concurrently(act, 2))
    others_holding = (
        Registration.objects.filter(event=event, status__in=services.HOLDING)
        .exclude(pk=offered.pk)
        .count()
    )
    return told_confirmed + others_holding


def test_without_the_lock_an_expiring_offer_and_a_confirmation_both_win(events_index, monkeypatch):
    without_the_row_lock(monkeypatch)
    claims = []
    for _ in range(ROUNDS):
        event, offered, _next, deadline = expiring_offer(events_index)
        claims.append(confirm_while_the_offer_expires(event, offered, deadline))

    print(f"without the lock: people holding the one place per round: {claims}")
    assert max(claims) > 1


def test_an_expiring_offer_passes_the_place_on_and_never_to_two_people(events_index):
    for _ in range(ROUNDS):
        event, offered, next_one, deadline = expiring_offer(events_index)

        claims = confirm_while_the_offer_expires(event, offered, deadline)

        assert claims == 1
        holding = Registration.objects.filter(event=event, status__in=services.HOLDING)
        assert holding.count() == 1
        winner = holding.get()
        if winner.pk == offered.pk:  # confirmed in time: the job found nothing to expire
            assert winner.status == "confirmed"
            assert Registration.objects.get(pk=next_one.pk).status == "waiting"
        else:  # expired first: the late confirmation was refused, the next person offered
            assert winner.pk == next_one.pk and winner.status == "offered"
            assert Registration.objects.get(pk=offered.pk).status == "cancelled"


def test_two_jobs_expiring_the_same_offers_pass_each_place_on_once(events_index):
    event = EventPageFactory(parent=events_index, capacity=3)
    deadline = timezone.now() + datetime.timedelta(hours=1)
    for _ in range(3):
        RegistrationFactory(event=event, status="offered", offer_expires_at=deadline)
    waiting = [RegistrationFactory(event=event, status="waiting") for _ in range(5)]

    expired = concurrently(
        lambda number: services.offers_expire(now=deadline + datetime.timedelta(seconds=1)), 2
    )

    assert sum(expired) == 3
    statuses = [Registration.objects.get(pk=r.pk).status for r in waiting]
    assert statuses == ["offered"] * 3 + ["waiting"] * 2


@pytest.fixture
def five_to_remind(events_index, monkeypatch):
    """Five confirmed people for tomorrow; queueing a reminder takes 100 ms longer, so
    two runs started together both find every one still to be reminded."""
    start = timezone.now() + datetime.timedelta(hours=20)
    event = EventPageFactory(
        parent=events_index, start=start, end=start + datetime.timedelta(hours=2)
    )
    for _ in range(5):
        RegistrationFactory(
            event=event, status_changed_at=timezone.now() - datetime.timedelta(days=7)
        )
    remind = notifications.event_reminder

    def slow_remind(registration):
        result = remind(registration)
        time.sleep(0.1)
        return result

    monkeypatch.setattr(notifications, "event_reminder", slow_remind)
    return event


def reminder_mails():
    return [m for m in delivered() if "Przypomnienie: " in m.subject]


def test_without_the_conditional_update_two_runs_remind_twice(five_to_remind, monkeypatch):
    def claim_always(registration, now):
        Registration.objects.filter(pk=registration.pk).update(reminder_sent_at=now)
        return True

    monkeypatch.setattr(reminders, "_claim_reminder", claim_always)

    sent = concurrently(lambda number: reminders.reminders_send(), 2)

    print(f"without the guard: {sum(sent)} reminders for 5 people")
    assert sum(sent) > 5
    assert len(reminder_mails()) > 5


def test_two_runs_at_once_remind_each_person_once(five_to_remind):
    sent = concurrently(lambda number: reminders.reminders_send(), 2)
    sent_again = reminders.reminders_send()

    assert sum(sent) == 5 and sent_again == 0
    mails = reminder_mails()
    assert len(mails) == 5
    assert len({m.to[0] for m in mails}) == 5
