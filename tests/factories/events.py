import datetime

import factory
import wagtail_factories
from django.utils import timezone

from events.models import EventIndexPage, EventKind, EventPage, Registration


class EventIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventIndexPage

    title = "Wydarzenia"
    slug = "wydarzenia"
    show_in_menus = True


class EventPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Spotkanie animacyjne {n}")
    slug = factory.Sequence(lambda n: f"spotkanie-{n}")
    kind = EventKind.ANIMATION
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    end = factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=3))
    capacity = 10
    organiser = "OWES"
    intro = "Spotkanie dla mieszkańców i samorządu."


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    status = Registration.Status.CONFIRMED
    occurrence_date = factory.LazyAttribute(lambda r: timezone.localtime(r.event.start).date())
    first_name = "Jan"
    last_name = factory.Sequence(lambda n: f"Kowalski{n}")
    email = factory.Sequence(lambda n: f"uczestnik{n}@example.org")
    participant_type = Registration.ParticipantType.INDIVIDUAL
    consent_text = "Zgoda"
    consent_version = "test"
    consented_at = factory.LazyFunction(timezone.now)
