"""iCalendar (.ics) for events, built with the icalendar library in Europe/Warsaw time."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vText

PRODID = "-//OWES Portal//wydarzenia//PL"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _where(event) -> str:
    if event.location_id:
        location = event.location
        return f"{location.name}, {location.street}, {location.postcode} {location.town}"
    return event.venue or "Online"


def _vevent(occurrence, url: str, online_url: str = "") -> Event:
    event = occurrence.event
    vevent = Event()
    vevent.add("uid", f"event-{event.pk}-{occurrence.date:%Y%m%d}@owes-portal")
    vevent.add("dtstamp", timezone.now())
    vevent.add("dtstart", timezone.localtime(occurrence.start))
    vevent.add("dtend", timezone.localtime(occurrence.end))
    vevent.add("summary", event.title)
    description = event.intro or ""
    if online_url:
        description = f"{description}\n{online_url}".strip()
    vevent.add("description", description)
    vevent["location"] = vText(_where(event))
    vevent.add("url", url)
    if event.is_cancelled:
        vevent.add("status", "CANCELLED")
    return vevent


def event_ics(occurrence, url: str, online_url: str = "") -> bytes:
    """One date of an event (what a participant signed up for)."""
    calendar = _calendar(occurrence.event.title)
    calendar.add_component(_vevent(occurrence, url, online_url))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def events_feed_ics(found, name: str, url_for) -> bytes:
    """Many dates (occurrences), e.g. the feed of all upcoming events."""
    calendar = _calendar(name)
    for occurrence in found:
        calendar.add_component(_vevent(occurrence, url_for(occurrence)))
    calendar.add_missing_timezones()
    return calendar.to_ical()
