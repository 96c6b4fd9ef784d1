"""Confirmed people are reminded before each date, once, with the link that frees the place."""

import datetime

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from events import reminders
from events.models import Registration
from tests.factories.events import EventPageFactory, RegistrationFactory
from tests.mail import delivered

pytestmark = pytest.mark.django_db

WEEK_AGO = datetime.timedelta(days=7)


def event_in(events_index, hours, **kwargs):
    start = timezone.now() + datetime.timedelta(hours=hours)
    return EventPageFactory(
        parent=events_index, start=start, end=start + datetime.timedelta(hours=2), **kwargs
    )


def signed_up_long_ago(event, **kwargs):
    return RegistrationFactory(event=event, status_changed_at=timezone.now() - WEEK_AGO, **kwargs)


def test_the_day_before_confirmed_people_get_one_reminder_with_a_cancel_link(client, events_index):
    event = event_in(events_index, 20, title="Seminarium sieciujące w Gorzowie")
    coming = signed_up_long_ago(event, email="przyjdzie@example.org")
    signed_up_long_ago(event, email="czeka@example.org", status="waiting")
    signed_up_long_ago(event, email="zrezygnowal@example.org", status="cancelled")

    call_command("event_jobs")
    (message,) = delivered()
    call_command("event_jobs")  # the job runs again: nobody is reminded twice
    assert len(delivered()) == 1

    assert message.to == ["przyjdzie@example.org"]
    assert message.subject.endswith("Przypomnienie: Seminarium sieciujące w Gorzowie")
    assert "Nie możesz przyjść? Zwolnij miejsce" in message.body
    cancel_link = f"{event.url}zapis/{coming.token}/?rezygnacja=1"
    assert f"{settings.SITE_URL}{cancel_link}" in message.body
    # The link leads to the page that asks before freeing the place…
    asked = client.get(cancel_link).content.decode()
    assert "Tak, rezygnuję" in asked
    # …and the freed place is offered to the waiting person, as for any cancellation.
    client.post(cancel_link, {"confirm": "yes"})
    assert Registration.objects.get(email="czeka@example.org").status == "offered"
    assert Registration.objects.get(pk=coming.pk).reminder_sent_at is not None


@pytest.mark.parametrize(
    "hours_to_start, event_kwargs, expected",
    [
        (30, {}, False),  # not yet: 24 hours before
        (30, {"reminder_hours": 48}, True),  # this event reminds two days ahead
        (20, {"reminder_hours": 0}, False),  # reminders switched off
        (20, {"is_cancelled": True}, False),
        (-1, {}, False),  # already started
        (20, {"live": False}, False),  # withdrawn from the site
    ],
    ids=["too-early", "48h-lead", "switched-off", "cancelled", "started", "unpublished"],
)
def test_the_lead_time_is_per_event(events_index, hours_to_start, event_kwargs, expected):
    event = event_in(events_index, hours_to_start, **event_kwargs)
    signed_up_long_ago(event, email="osoba@example.org")

    sent = reminders.reminders_send()

    assert sent == int(expected)
    assert (len(delivered()) == 1) is expected


def test_who_signed_up_within_the_lead_time_is_not_reminded_again(events_index):
    event = event_in(events_index, 20)
    RegistrationFactory(event=event)  # confirmed just now: the confirmation is fresh

    assert reminders.reminders_send() == 0


def test_each_date_of_a_series_is_reminded_separately(events_index):
    now = timezone.now()
    first = now + datetime.timedelta(hours=20)
    event = EventPageFactory(
        parent=events_index,
        start=first,
        end=first + datetime.timedelta(hours=2),
        repeat="weekly",
        repeat_until=(first + datetime.timedelta(days=21)).date(),
    )
    dates = [timezone.localtime(first + datetime.timedelta(days=7 * n)).date() for n in (0, 1)]
    tomorrow = signed_up_long_ago(event, occurrence_date=dates[0], email="a@example.org")
    signed_up_long_ago(event, occurrence_date=dates[1], email="a2@example.org")

    assert reminders.reminders_send() == 1
    assert [m.to for m in delivered()] == [["a@example.org"]]
    # A week later the second date's people get theirs, once.
    later = now + datetime.timedelta(days=7)
    assert reminders.reminders_send(now=later) == 1
    assert reminders.reminders_send(now=later) == 0
    assert Registration.objects.get(pk=tomorrow.pk).reminder_sent_at is not None
