"""1,000 random sign-ups, cancellations, confirmed and expired offers never break the
capacity rules: an offered place counts as taken."""

import datetime
import random

import pytest
from django.utils import timezone

from events import services
from events.models import Registration
from tests.factories.events import EventPageFactory

pytestmark = pytest.mark.django_db


def counts(event):
    registrations = Registration.objects.filter(event=event)
    return {
        "confirmed": registrations.filter(status__in=("confirmed", "offered")).count(),
        "waiting": registrations.filter(status="waiting").count(),
    }


def test_random_sequences_never_exceed_capacity_and_promote_one_per_freed_place(events_index):
    generator = random.Random(20261129)  # fixed seed: a failure can be replayed
    events = [EventPageFactory(parent=events_index, capacity=c) for c in (1, 3, 7)]
    active = {event.pk: [] for event in events}
    operations = 0
    while operations < 1000:
        event = generator.choice(events)
        before = counts(event)
        active[event.pk] = [
            token
            for token in active[event.pk]
            if Registration.objects.get(token=token).status != "cancelled"  # expired offers
        ]
        chance = generator.random()
        offered = Registration.objects.filter(event=event, status="offered")
        if chance < 0.1 and offered.exists():
            services.offer_confirm(event=event, token=generator.choice(offered).token)
            assert counts(event) == before
        elif chance < 0.15:
            later = timezone.now() + datetime.timedelta(hours=25)
            due = offered.filter(offer_expires_at__lte=later).count()
            services.offers_expire(now=later)
            after = counts(event)
            assert after["confirmed"] == before["confirmed"] - max(due - before["waiting"], 0)
            assert after["waiting"] == max(before["waiting"] - due, 0)
        elif active[event.pk] and chance < 0.55:
            token = active[event.pk].pop(generator.randrange(len(active[event.pk])))
            was_confirmed = Registration.objects.get(token=token).status != "waiting"
            promoted = services.registration_cancel(event=event, token=token)
            after = counts(event)
            if was_confirmed and before["waiting"]:
                assert promoted is not None
                assert after == {"confirmed": before["confirmed"], "waiting": before["waiting"] - 1}
            else:
                assert promoted is None
        else:
            registration = services.registration_create(
                event=event,
                first_name="Ola",
                last_name=f"Nowak{operations}",
                email=f"ola{operations}@example.org",
                participant_type="individual",
            )
            active[event.pk].append(registration.token)
        after = counts(event)
        assert after["confirmed"] <= event.capacity
        assert after["waiting"] == 0 or after["confirmed"] == event.capacity
        operations += 1
