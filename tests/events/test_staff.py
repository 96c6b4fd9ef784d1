"""Staff run the door and the paperwork: attendee lists, exports, check-in, printouts."""

import csv
import datetime
import io

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from events.models import EventPage, Registration
from portal import accounts
from tests.factories.events import EventPageFactory, RegistrationFactory
from tests.factories.portal import UserFactory
from tests.mail import delivered

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(events_index):
    return EventPageFactory(parent=events_index, title="Seminarium sieciujące", capacity=2)


@pytest.fixture
def staff(client):
    user = UserFactory(roles=[accounts.ROLE_STAFF])
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    return client


def url(name, event, *args):
    return reverse(f"events_staff:{name}", args=(event.pk, *args))


@pytest.mark.parametrize("name", ["attendees", "check_in", "attendance_sheet"], ids=str)
def test_only_staff_reach_event_screens(client, event, name):
    assert client.get(url(name, event)).status_code == 302  # anonymous: to the login
    client.force_login(UserFactory())
    assert client.get(url(name, event)).status_code == 403  # a member
    staff_member = UserFactory(roles=[accounts.ROLE_STAFF])
    client.force_login(staff_member)
    assert client.get(url(name, event)).url == reverse("mfa_activate_totp")  # no 2FA yet
    TOTP.activate(staff_member, generate_totp_secret())
    # The app is set up, but this session has not used it yet: asked for a code.
    assert client.get(url(name, event)).url.startswith(reverse("mfa_reauthenticate"))
    client.force_login(staff_member)  # logged in with both factors
    assert client.get(url(name, event)).status_code == 200


def test_attendee_list_counts_and_filters(staff, event):
    RegistrationFactory(event=event, last_name="Zielińska", attended=True)
    RegistrationFactory(event=event, last_name="Nowak")
    RegistrationFactory(event=event, status="waiting", last_name="Wójcik")
    RegistrationFactory(event=event, status="cancelled", last_name="Kowal")

    html = staff.get(url("attendees", event)).content.decode()
    waiting_only = staff.get(url("attendees", event), {"status": "waiting"}).content.decode()

    assert '<span class="stats__number">2</span> potwierdzony' in html
    assert '<span class="stats__number">1</span> lista rezerwowa' in html
    assert '<span class="stats__number">1</span> obecność' in html
    assert "Wójcik" in waiting_only and "Nowak" not in waiting_only


def test_exports_csv_and_xlsx_with_formulas_neutralised(staff, event):
    RegistrationFactory(event=event, last_name="Nowak", organisation='=HYPERLINK("x")')

    csv_response = staff.get(url("export", event, "csv"))
    xlsx_response = staff.get(url("export", event, "xlsx"))

    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["Nazwisko", "Imię"]
    assert rows[1][0] == "Nowak" and rows[1][4].startswith("'=")
    sheet = load_workbook(io.BytesIO(xlsx_response.content)).active
    assert sheet["A1"].value == "Seminarium sieciujące"
    assert sheet["A3"].value == "Nowak"
    assert staff.get(url("export", event, "exe")).status_code == 404


def test_staff_add_a_phone_sign_up_within_the_places(staff, event):
    RegistrationFactory.create_batch(2, event=event)

    staff.post(
        url("attendees", event),
        {
            "first_name": "Ewa",
            "last_name": "Telefon",
            "email": "ewa@example.org",
            "participant_type": "individual",
            "consent": "on",
        },
    )

    added = Registration.objects.get(email="ewa@example.org")
    assert added.status == "waiting"  # the places were taken: staff cannot overbook either
    assert "Zgoda przyjęta ustnie" in added.consent_text


def test_door_check_in_toggles_presence_and_rejects_foreign_ids(staff, event, events_index):
    # The door is open on the event's day (attendance is never marked ahead of it).
    EventPage.objects.filter(pk=event.pk).update(
        start=timezone.now(), end=timezone.now() + datetime.timedelta(hours=3)
    )
    event.refresh_from_db()
    person = RegistrationFactory(event=event)
    other_event = EventPageFactory(parent=events_index)
    stranger = RegistrationFactory(event=other_event)

    staff.post(url("check_in", event), {"registration": person.pk, "attended": "1"})
    foreign = staff.post(url("check_in", event), {"registration": stranger.pk, "attended": "1"})

    person.refresh_from_db()
    stranger.refresh_from_db()
    assert person.attended
    assert foreign.status_code == 404 and not stranger.attended
    html = staff.get(url("check_in", event)).content.decode()
    assert 'aria-pressed="true"' in html


def test_printable_attendance_list_and_certificate_for_present_people_only(staff, event):
    present = RegistrationFactory(event=event, last_name="Obecna", attended=True)
    absent = RegistrationFactory(event=event, last_name="Nieobecny")

    sheet = staff.get(url("attendance_sheet", event)).content.decode()

    assert "Obecna" in sheet and "Nieobecny" in sheet and "Podpis" in sheet
    certificate = staff.get(url("certificate", event, present.pk))
    assert certificate.status_code == 200
    assert present.full_name in certificate.content.decode()
    assert staff.get(url("certificate", event, absent.pk)).status_code == 404


def test_cancelling_the_event_emails_everyone_signed_up(
    staff, event, django_capture_on_commit_callbacks
):
    RegistrationFactory(event=event, email="a@example.org")
    RegistrationFactory(event=event, status="waiting", email="b@example.org")
    RegistrationFactory(event=event, status="cancelled", email="c@example.org")

    asked = staff.get(url("cancel", event)).content.decode()
    assert "2 osoby" in asked and "Tak, odwołaj" in asked  # who is told, before anything
    staff.post(url("cancel", event))  # without the confirmation: only asked again
    event.refresh_from_db()
    assert not event.is_cancelled and delivered() == []

    with django_capture_on_commit_callbacks(execute=True):
        staff.post(url("cancel", event), {"confirm": "yes"})

    event.refresh_from_db()
    assert event.is_cancelled
    assert sorted(message.to[0] for message in delivered()) == ["a@example.org", "b@example.org"]
    assert "odwołane" in delivered()[0].body


def test_the_admin_leads_staff_to_the_event_registrations(client, event, events_index):
    user = UserFactory(roles=[accounts.ROLE_STAFF, accounts.ROLE_MODERATORS])
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)

    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    listing = client.get(reverse("wagtailadmin_explore", args=(events_index.pk,))).content.decode()

    assert reverse("events_staff:events") in menu
    assert reverse("events_staff:attendees", args=(event.pk,)) in listing
