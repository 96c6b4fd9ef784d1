"""A freed place is offered, held, confirmed from the e-mail — or passed on when it is not."""

import datetime

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from events import services
from events.models import Registration
from portal import accounts
from tests.events.conftest import sign_up_data
from tests.factories.events import EventPageFactory, RegistrationFactory
from tests.factories.portal import UserFactory
from tests.mail import delivered

pytestmark = pytest.mark.django_db


def manage_url(registration):
    return f"{registration.event.url}zapis/{registration.token}/"


def offer_url(registration):
    return manage_url(registration) + "potwierdz/"


def statuses(event):
    return dict(
        Registration.objects.filter(event=event).order_by("pk").values_list("email", "status")
    )


@pytest.fixture
def full_event(events_index, client):
    """One place: osoba1 has it, osoba2 and osoba3 wait (in that order)."""
    event = EventPageFactory(parent=events_index, capacity=1, title="Seminarium sieciujące")
    for number in (1, 2, 3):
        client.post(event.url, sign_up_data(number))
    delivered().clear()
    return event


def person(number):
    return Registration.objects.get(email=f"osoba{number}@example.org")


def staff_client():
    user = UserFactory(roles=[accounts.ROLE_STAFF])
    TOTP.activate(user, generate_totp_secret())
    staff = Client()
    staff.force_login(user)
    return staff


def test_a_freed_place_is_offered_and_confirmed_from_the_emailed_link(client, full_event):
    client.post(manage_url(person(1)), {"confirm": "yes"})

    second = person(2)
    assert statuses(full_event) == {
        "osoba1@example.org": "cancelled",
        "osoba2@example.org": "offered",
        "osoba3@example.org": "waiting",
    }
    # 24 hours to confirm (the event is a week away).
    assert second.offer_expires_at - second.status_changed_at == datetime.timedelta(hours=24)
    offer_mail = next(m for m in delivered() if m.to == ["osoba2@example.org"])
    assert "Czeka na Ciebie miejsce" in offer_mail.subject
    assert f"{settings.SITE_URL}{offer_url(second)}" in offer_mail.body
    assert timezone.localtime(second.offer_expires_at).strftime("%H:%M") in offer_mail.body
    delivered().clear()

    page = client.get(offer_url(second))  # opening the link changes nothing
    assert page.status_code == 200
    assert "Tak, przyjdę – potwierdzam miejsce" in page.content.decode()
    assert person(2).status == "offered"
    # The place is held: a newcomer joins the waiting list, not the event.
    client.post(full_event.url, sign_up_data(4))
    assert person(4).status == "waiting"

    response = client.post(offer_url(second), {"confirm": "yes"}, follow=True)

    assert "Twoje miejsce jest potwierdzone" in response.content.decode()
    assert person(2).status == "confirmed"
    assert person(2).offer_expires_at is None
    (confirmation,) = [m for m in delivered() if m.to == ["osoba2@example.org"]]
    assert [name for name, *_ in confirmation.attachments] == ["wydarzenie.ics"]
    # Confirming again (a double click) changes nothing.
    client.post(offer_url(second), {"confirm": "yes"})
    assert statuses(full_event)["osoba2@example.org"] == "confirmed"
    assert statuses(full_event)["osoba3@example.org"] == "waiting"


def test_an_unconfirmed_offer_expires_and_the_place_goes_to_the_next_person(client, full_event):
    client.post(manage_url(person(1)), {"confirm": "yes"})
    delivered().clear()
    Registration.objects.filter(pk=person(2).pk).update(
        offer_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    call_command("event_jobs")
    call_command("event_jobs")  # a second run passes nothing on twice

    assert statuses(full_event) == {
        "osoba1@example.org": "cancelled",
        "osoba2@example.org": "cancelled",
        "osoba3@example.org": "offered",
    }
    messages = {m.to[0]: m for m in delivered()}
    assert sorted(messages) == ["osoba2@example.org", "osoba3@example.org"]
    assert "przeszło na następną osobę" in messages["osoba2@example.org"].subject
    assert offer_url(person(3)) in messages["osoba3@example.org"].body
    # The old link now says so, and a late confirmation is refused.
    late = client.get(offer_url(person(2))).content.decode()
    assert "Ta propozycja jest już nieaktualna" in late
    client.post(offer_url(person(2)), {"confirm": "yes"})
    assert person(2).status == "cancelled"
    # The staff list shows every step.
    listing = staff_client().get(reverse("events_staff:attendees", args=(full_event.pk,)))
    html = listing.content.decode()
    deadline = timezone.localtime(person(3).offer_expires_at).strftime("%d.%m, %H:%M")
    assert f"oferta do {deadline.lstrip('0')}" in html
    assert "anulowano – oferta niepotwierdzona w terminie" in html


def test_an_offered_person_can_give_the_place_on_at_once(client, full_event):
    client.post(manage_url(person(1)), {"confirm": "yes"})

    asked = client.get(manage_url(person(2)) + "?rezygnacja=1").content.decode()
    client.post(manage_url(person(2)), {"confirm": "yes"})

    assert "Tak, rezygnuję" in asked
    assert statuses(full_event)["osoba2@example.org"] == "cancelled"
    assert statuses(full_event)["osoba3@example.org"] == "offered"
    assert not person(2).offer_expired  # turned down, not expired


def test_leaving_the_waiting_list_renumbers_the_positions(client, events_index):
    event = EventPageFactory(parent=events_index, capacity=1)
    for number in range(1, 6):  # 1 has the place, 2–5 wait
        client.post(event.url, sign_up_data(number))
    staff = staff_client()
    attendees = reverse("events_staff:attendees", args=(event.pk,))
    assert "lista rezerwowa, nr 4" in staff.get(attendees).content.decode()

    client.post(manage_url(person(3)), {"confirm": "yes"})  # number 2 leaves

    positions = [services.waiting_position(person(n)) for n in (2, 4, 5)]
    assert positions == [1, 2, 3]
    assert "jesteś numer 2 na liście" in client.get(manage_url(person(4))).content.decode()
    html = staff.get(attendees).content.decode()
    assert "lista rezerwowa, nr 3" in html and "lista rezerwowa, nr 4" not in html
    # The order is kept: the next freed place goes to the first of those left.
    client.post(manage_url(person(1)), {"confirm": "yes"})
    assert person(2).status == "offered" and person(4).status == "waiting"


@pytest.mark.parametrize(
    "hours_to_start, offer_hours, status, hours_to_confirm",
    [
        (24 * 7, 24, "offered", 24),
        (24 * 7, 6, "offered", 6),
        (5, 24, "offered", 3),  # never later than 2 hours before the start
        (2.5, 24, "confirmed", None),  # too close for an offer: the place is given
        (24 * 7, 0, "confirmed", None),  # offers switched off for this event
    ],
    ids=["a-week-away", "six-hours", "close-to-the-date", "too-close", "switched-off"],
)
def test_the_time_to_confirm_shrinks_close_to_the_date(
    events_index, hours_to_start, offer_hours, status, hours_to_confirm
):
    now = timezone.now()
    start = now + datetime.timedelta(hours=hours_to_start)
    event = EventPageFactory(
        parent=events_index,
        capacity=1,
        offer_hours=offer_hours,
        start=start,
        end=start + datetime.timedelta(hours=2),
    )
    first = RegistrationFactory(event=event)
    RegistrationFactory(event=event, status="waiting", email="czeka@example.org")

    promoted = services.registration_cancel(event=event, token=first.token, now=now)

    assert promoted.status == status
    if hours_to_confirm is None:
        assert promoted.offer_expires_at is None
        (mail,) = [m for m in delivered() if m.to == ["czeka@example.org"]]
        assert "Zwolniło się miejsce" in mail.subject
    else:
        assert promoted.offer_expires_at == now + datetime.timedelta(hours=hours_to_confirm)


def test_a_held_place_is_not_shown_as_free(client, full_event):
    client.post(manage_url(person(1)), {"confirm": "yes"})

    page = client.get(full_event.url).content.decode()

    assert "wolnych miejsc: 0 z 1" in page
    assert person(2).status == "offered"


def test_unknown_or_foreign_offer_links_are_404(client, full_event, events_index):
    other = EventPageFactory(parent=events_index)
    assert client.get(f"{full_event.url}zapis/zgadywanie/potwierdz/").status_code == 404
    assert client.get(f"{other.url}zapis/{person(2).token}/potwierdz/").status_code == 404
    # A waiting person's link offers nothing to confirm.
    client.post(offer_url(person(2)), {"confirm": "yes"})
    assert person(2).status == "waiting"


def test_after_the_event_is_cancelled_an_offer_is_neither_confirmed_nor_passed_on(
    client, full_event
):
    client.post(manage_url(person(1)), {"confirm": "yes"})
    full_event.is_cancelled = True
    full_event.save_revision().publish()
    delivered().clear()

    client.post(offer_url(person(2)), {"confirm": "yes"})
    services.offers_expire(now=timezone.now() + datetime.timedelta(days=2))

    assert person(2).status == "offered" and person(3).status == "waiting"
    assert delivered() == []
    assert "Ta propozycja jest już nieaktualna" in client.get(offer_url(person(2))).content.decode()
