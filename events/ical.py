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


def _vevent(event, url: str, online_url: str = "") -> Event:
    vevent = Event()
    vevent.add("uid", f"event-{event.pk}@owes-portal")
    vevent.add("dtstamp", timezone.now())
    vevent.add("dtstart", timezone.localtime(event.start))
    vevent.add("dtend", timezone.localtime(event.end))
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


def event_ics(event, url: str, online_url: str = "") -> bytes:
    calendar = _calendar(event.title)
    calendar.add_component(_vevent(event, url, online_url))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def events_feed_ics(events, name: str, url_for) -> bytes:
    calendar = _calendar(name)
    for event in events:
        calendar.add_component(_vevent(event, url_for(event)))
    calendar.add_missing_timezones()
    return calendar.to_ical()
