"""The public signs up for an event in under a minute — and never overbooks it."""

import datetime
import re
from urllib.parse import urljoin

import pytest
from django.utils import timezone
from icalendar import Calendar

from events.models import Registration
from tests.events.conftest import sign_up_data
from tests.factories.events import EventPageFactory, RegistrationFactory
from tests.mail import delivered

pytestmark = pytest.mark.django_db


def test_sign_up_is_confirmed_with_an_email_carrying_the_ics_and_a_cancel_link(
    client, events_index, django_capture_on_commit_callbacks
):
    event = EventPageFactory(parent=events_index, capacity=10, online_url="https://meet.example/x")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(event.url, sign_up_data(), follow=True)

    registration = Registration.objects.get()
    assert registration.status == "confirmed"
    assert "Twoje miejsce jest potwierdzone" in response.content.decode()
    assert registration.consent_version and registration.consent_text and registration.consented_at
    message = delivered()[0]
    assert message.to == ["osoba0@example.org"]
    assert f"/zapis/{registration.token}/" in message.body
    name, content, mimetype = message.attachments[0]
    assert mimetype.startswith("text/calendar")
    calendar = Calendar.from_ical(content)
    vevent = calendar.walk("VEVENT")[0]
    assert str(vevent["summary"]) == event.title
    assert vevent["dtstart"].dt.tzinfo is not None
    assert "Europe/Warsaw" in (content if isinstance(content, str) else content.decode())
    assert "https://meet.example/x" in message.body


def test_online_link_is_shown_only_to_confirmed_participants(
    client, events_index, django_capture_on_commit_callbacks
):
    event = EventPageFactory(parent=events_index, capacity=1, online_url="https://meet.example/x")
    RegistrationFactory(event=event)

    page = client.get(event.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(event.url, sign_up_data(), follow=True)

    assert "https://meet.example/x" not in page
    assert "https://meet.example/x" not in response.content.decode()
    assert "https://meet.example/x" not in delivered()[0].body


def test_full_event_puts_people_on_the_waiting_list_with_their_position(client, events_index):
    event = EventPageFactory(parent=events_index, capacity=1)
    RegistrationFactory(event=event)

    client.post(event.url, sign_up_data(1))
    response = client.post(event.url, sign_up_data(2), follow=True)

    assert list(Registration.objects.filter(status="waiting").values_list("email", flat=True)) == [
        "osoba1@example.org",
        "osoba2@example.org",
    ]
    assert "numer 2 na liście rezerwowej" in response.content.decode()


def test_full_event_without_waiting_list_shows_no_form(client, events_index):
    event = EventPageFactory(parent=events_index, capacity=1, waiting_list_enabled=False)
    RegistrationFactory(event=event)

    page = client.get(event.url).content.decode()
    client.post(event.url, sign_up_data())

    assert 'name="first_name"' not in page
    assert "nie ma listy rezerwowej" in page
    assert Registration.objects.count() == 1


@pytest.mark.parametrize(
    "event_kwargs",
    [
        {"is_cancelled": True},
        {
            "start": timezone.now() - datetime.timedelta(days=2),
            "end": timezone.now() - datetime.timedelta(days=1),
        },
        {"registration_closes_at": timezone.now() - datetime.timedelta(hours=1)},
        {"registration_opens_at": timezone.now() + datetime.timedelta(days=1)},
    ],
    ids=["cancelled", "past", "closed", "not-yet-open"],
)
def test_closed_registration_refuses_and_shows_no_form(client, events_index, event_kwargs):
    event = EventPageFactory(parent=events_index, **event_kwargs)

    page = client.get(event.url).content.decode()
    response = client.post(event.url, sign_up_data(), follow=True)

    assert 'name="first_name"' not in page
    assert response.status_code == 200
    assert Registration.objects.count() == 0


def test_same_email_twice_gets_a_friendly_notice_and_no_second_record(client, events_index):
    event = EventPageFactory(parent=events_index)
    client.post(event.url, sign_up_data())

    response = client.post(event.url, sign_up_data(email="OSOBA0@example.org"), follow=True)

    assert Registration.objects.count() == 1
    assert "jest już zapisany" in response.content.decode()


@pytest.mark.parametrize(
    "overrides",
    [
        {"email": "to-nie-email"},
        {"consent": ""},
        {"first_name": "x" * 10_000},
        {"participant_type": "hacker"},
    ],
    ids=["bad-email", "no-consent", "10k-chars", "bad-choice"],
)
def test_bad_input_shows_polish_errors_and_saves_nothing(client, events_index, overrides):
    event = EventPageFactory(parent=events_index)

    response = client.post(event.url, sign_up_data(**overrides))

    assert response.status_code == 200
    assert "Popraw błędy" in response.content.decode()
    assert Registration.objects.count() == 0


def test_cancelling_frees_the_place_for_the_first_waiting_person_who_is_emailed(
    client, events_index, django_capture_on_commit_callbacks
):
    event = EventPageFactory(parent=events_index, capacity=1)
    client.post(event.url, sign_up_data(1))
    client.post(event.url, sign_up_data(2))
    client.post(event.url, sign_up_data(3))
    first = Registration.objects.get(email="osoba1@example.org")
    delivered().clear()

    manage_url = f"{event.url}zapis/{first.token}/"
    asked = client.get(manage_url + "?rezygnacja=1").content.decode()
    assert "Tak, rezygnuję" in asked  # a page of its own says what will happen
    assert Registration.objects.get(pk=first.pk).status == "confirmed"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(manage_url, {"confirm": "yes"})

    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "osoba1@example.org": "cancelled",
        "osoba2@example.org": "offered",  # held for them until they confirm
        "osoba3@example.org": "waiting",
    }
    messages = {message.to[0]: message for message in delivered()}
    assert sorted(messages) == ["osoba1@example.org", "osoba2@example.org"]
    second = Registration.objects.get(email="osoba2@example.org")
    assert f"{event.url}zapis/{second.token}/potwierdz/" in messages["osoba2@example.org"].body


def test_cancel_links_cannot_be_guessed_replayed_or_used_on_another_event(client, events_index):
    event = EventPageFactory(parent=events_index, capacity=5)
    other = EventPageFactory(parent=events_index)
    client.post(event.url, sign_up_data())
    registration = Registration.objects.get()

    assert client.get(f"{event.url}zapis/zgadywanie/").status_code == 404
    assert (
        client.post(f"{other.url}zapis/{registration.token}/", {"confirm": "yes"}).status_code
        == 404
    )
    assert Registration.objects.get().status == "confirmed"
    client.post(f"{event.url}zapis/{registration.token}/")  # not confirmed: only asked
    assert Registration.objects.get().status == "confirmed"
    client.post(f"{event.url}zapis/{registration.token}/", {"confirm": "yes"})
    replay = client.post(f"{event.url}zapis/{registration.token}/", {"confirm": "yes"}, follow=True)
    assert replay.status_code == 200
    assert Registration.objects.get().status == "cancelled"
    assert len(registration.token) >= 40


@pytest.mark.parametrize(
    "event_kwargs, inviting",
    [
        ({}, True),
        ({"is_cancelled": True}, False),
        (
            {
                "start": timezone.now() - datetime.timedelta(days=2),
                "end": timezone.now() - datetime.timedelta(days=1),
            },
            False,
        ),
    ],
    ids=["coming", "cancelled", "past"],
)
def test_only_a_coming_event_offers_free_places_and_a_calendar_entry(
    client, events_index, event_kwargs, inviting
):
    event = EventPageFactory(parent=events_index, capacity=10, **event_kwargs)

    page = client.get(event.url).content.decode()

    assert ("wolnych miejsc" in page) is inviting
    links = re.findall(r'<a href="([^"]*)">Dodaj do kalendarza', page)
    assert bool(links) is inviting
    if inviting:  # the link, relative to the page, gives the event's calendar entry
        entry = client.get(urljoin(event.url, links[0]))
        assert entry["Content-Type"].startswith("text/calendar")
        assert Calendar.from_ical(entry.content).walk("VEVENT")[0]["SUMMARY"] == event.title


def test_a_waiting_list_place_comes_without_a_calendar_invitation(
    client, events_index, django_capture_on_commit_callbacks
):
    event = EventPageFactory(parent=events_index, capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(event.url, sign_up_data(1))
        client.post(event.url, sign_up_data(2))

    confirmed, waiting = delivered()
    assert [name for name, *_ in confirmed.attachments] == ["wydarzenie.ics"]
    assert waiting.attachments == []


@pytest.mark.parametrize("already", [0, 20])
def test_a_sign_up_holds_the_events_places_for_a_fixed_number_of_queries(
    client, events_index, django_assert_max_num_queries, already
):
    """The POST locks the event's places until it commits; its queries (the person, the
    counts, the e-mail in the outbox) are what the next person waits for, whatever the
    number already signed up — and Wagtail's reference index has no part in an e-mail."""
    event = EventPageFactory(parent=events_index, capacity=50)
    RegistrationFactory.create_batch(already, event=event)
    client.get(event.url)  # the site as a visitor finds it: its admin URLs loaded

    with django_assert_max_num_queries(14):
        response = client.post(event.url, sign_up_data())

    assert response.status_code == 302
    assert Registration.objects.filter(event=event).count() == already + 1
