"""1,000 random sign-ups and cancellations never break the capacity rules."""

import random

import pytest

from events import services
from events.models import Registration
from tests.factories.events import EventPageFactory

pytestmark = pytest.mark.django_db


def counts(event):
    return {
        status: Registration.objects.filter(event=event, status=status).count()
        for status in ("confirmed", "waiting")
    }


def test_random_sequences_never_exceed_capacity_and_promote_one_per_freed_place(events_index):
    generator = random.Random(20261129)  # fixed seed: a failure can be replayed
    events = [EventPageFactory(parent=events_index, capacity=c) for c in (1, 3, 7)]
    active = {event.pk: [] for event in events}
    operations = 0
    while operations < 1000:
        event = generator.choice(events)
        before = counts(event)
        if active[event.pk] and generator.random() < 0.45:
            token = active[event.pk].pop(generator.randrange(len(active[event.pk])))
            was_confirmed = Registration.objects.get(token=token).status == "confirmed"
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
