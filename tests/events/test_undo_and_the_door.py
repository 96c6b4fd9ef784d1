"""A cancelled sign-up can be restored while its place is free; the door opens on the day."""

import datetime

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse
from django.utils import timezone

from events import attendance, rules, services
from events.models import Registration
from portal import accounts
from tests.factories.events import EventPageFactory, RegistrationFactory
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


def manage_url(registration):
    return f"{registration.event.url}zapis/{registration.token}/"


def cancel(client, registration):
    return client.post(manage_url(registration), {"confirm": "yes"}, follow=True)


def test_the_page_after_cancelling_offers_to_restore_and_restoring_confirms_again(
    client, events_index
):
    event = EventPageFactory(parent=events_index, capacity=1)
    registration = RegistrationFactory(event=event)

    after_cancelling = cancel(client, registration).content.decode()
    assert "Przywróć zapis" in after_cancelling
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED

    restored = client.post(manage_url(registration), {"restore": "yes"}, follow=True)

    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    html = restored.content.decode()
    assert "Zapis został przywrócony" in html
    assert "Przywróć zapis" not in html


def test_a_place_taken_meanwhile_cannot_be_restored_and_the_person_is_told(client, events_index):
    event = EventPageFactory(parent=events_index, capacity=1)
    registration = RegistrationFactory(event=event)
    cancel(client, registration)
    RegistrationFactory(event=event, email="nastepna@example.org")  # takes the free place

    refused = client.post(manage_url(registration), {"restore": "yes"}, follow=True)

    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert "W międzyczasie ktoś zajął to miejsce" in refused.content.decode()
    confirmed = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
    assert confirmed.count() == 1


def test_a_past_date_offers_no_restoring(client, events_index):
    event = EventPageFactory(parent=events_index, capacity=5)
    registration = RegistrationFactory(event=event)
    cancel(client, registration)
    with pytest.raises(rules.RegistrationClosed):
        services.registration_restore(
            event=event, token=registration.token, now=event.end + datetime.timedelta(days=1)
        )


@pytest.fixture
def staff(client):
    user = UserFactory(roles=[accounts.ROLE_STAFF])
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    return client


def test_attendance_is_not_marked_before_the_event_day(staff, events_index):
    event = EventPageFactory(parent=events_index, capacity=5)  # a week ahead
    person = RegistrationFactory(event=event)
    check_in = reverse("events_staff:check_in", args=(event.pk,))

    page = staff.get(check_in).content.decode()
    assert "Obecność można zaznaczać od dnia wydarzenia" in page
    assert "Zaznacz obecność" not in page and 'name="attended"' not in page

    refused = staff.post(check_in, {"registration": person.pk, "attended": "1"}, follow=True)
    person.refresh_from_db()
    assert not person.attended
    assert "Obecność można zaznaczać od dnia wydarzenia" in refused.content.decode()

    on_the_day = timezone.localtime(event.start).date()
    attendance.attendance_set(registration=person, attended=True, today=on_the_day)
    person.refresh_from_db()
    assert person.attended
