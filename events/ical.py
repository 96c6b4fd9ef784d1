"""iCalendar (.ics) for events (built by portal.ical)."""

from portal.ical import CalendarEntry, calendar_ics


def _entry(occurrence, url: str, online_url: str = "") -> CalendarEntry:
    event = occurrence.event
    description = event.intro or ""
    if online_url:
        description = f"{description}\n{online_url}".strip()
    if event.location_id:
        where = event.location.full_address
    else:
        where = event.venue or "Online"
    return CalendarEntry(
        uid=f"event-{event.pk}-{occurrence.date:%Y%m%d}@owes-portal",
        start=occurrence.start,
        end=occurrence.end,
        summary=event.title,
        location=where,
        description=description,
        url=url,
        cancelled=event.is_cancelled,
    )


def event_ics(occurrence, url: str, online_url: str = "") -> bytes:
    """One date of an event (what a participant signed up for)."""
    return calendar_ics(
        [_entry(occurrence, url, online_url)], name=occurrence.event.title, product="wydarzenia"
    )


def events_feed_ics(found, name: str, url_for) -> bytes:
    """Many dates (occurrences), e.g. the feed of all upcoming events."""
    return calendar_ics(
        [_entry(occurrence, url_for(occurrence)) for occurrence in found],
        name=name,
        product="wydarzenia",
    )
