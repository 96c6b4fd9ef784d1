"""The one iCalendar (.ics) builder: events, consultations and feeds, in local time."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone


@dataclass(frozen=True)
class CalendarEntry:
    uid: str
    start: object  # aware datetimes
    end: object
    summary: str
    location: str
    description: str = ""
    url: str = ""
    cancelled: bool = False


def calendar_ics(entries, *, name: str, product: str, method: str = "") -> bytes:
    """A calendar of `entries` (CalendarEntry); `method` e.g. "PUBLISH" for an invitation."""
    from icalendar import Calendar, Event, vText  # on use: most requests never build one

    calendar = Calendar()
    calendar.add("prodid", f"-//OWES Portal//{product}//PL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for entry in entries:
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", timezone.now())
        event.add("dtstart", timezone.localtime(entry.start))
        event.add("dtend", timezone.localtime(entry.end))
        event.add("summary", entry.summary)
        if entry.description:
            event.add("description", entry.description)
        event["location"] = vText(entry.location)
        if entry.url:
            event.add("url", entry.url)
        if entry.cancelled:
            event.add("status", "CANCELLED")
        calendar.add_component(event)
    if entries:
        # The time zone's rules from the year before the first entry to two years after
        # the last: by default icalendar writes every change of 1970-2038 (136 of them,
        # 4 ms of a sign-up's 35 and most of the attachment).
        starts = [timezone.localtime(entry.start) for entry in entries]
        ends = [timezone.localtime(entry.end) for entry in entries]
        calendar.add_missing_timezones(
            first_date=datetime.date(min(starts).year - 1, 1, 1),
            last_date=datetime.date(max(ends).year + 2, 1, 1),
        )
    return calendar.to_ical()
