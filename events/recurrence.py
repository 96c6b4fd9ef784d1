"""Occurrences of an event: one for a single event, one per date for a series.

A series is one page with a repeat rule, an end date and excluded dates. Its occurrences are
computed (python-dateutil's rrule on the local wall-clock time, so 10:00 stays 10:00 across
daylight-saving changes); nothing is generated ahead in the database. A registration names its
occurrence by date.
"""

import datetime
from dataclasses import dataclass, field

from dateutil import rrule
from django.utils import timezone

from portal.sites import site_for

MAX_OCCURRENCES = 200


@dataclass
class Occurrence:
    event: object
    start: datetime.datetime
    end: datetime.datetime
    confirmed_count: int = 0
    waiting_count: int = 0
    extra: dict = field(default_factory=dict)

    @property
    def date(self) -> datetime.date:
        return timezone.localtime(self.start).date()

    @property
    def capacity(self) -> int:
        return self.event.capacity

    @property
    def free_places(self) -> int:
        return max(self.event.capacity - self.confirmed_count, 0)

    def get_url(self, request=None) -> str:
        """As Wagtail's `Page.get_url`: with the request, the site's root paths are read
        once per request, not once per event (a Redis round trip each), and the site is
        found as the routing finds it (portal.sites)."""
        url = self.event.relative_url(site_for(request), request)
        if not self.event.repeats:
            return url
        return f"{url}?termin={self.date:%Y-%m-%d}"

    @property
    def url(self) -> str:
        return self.get_url()


def _rule(event, local_start):
    weekly = {"freq": rrule.WEEKLY}
    kinds = {
        "weekly": weekly,
        "biweekly": {"freq": rrule.WEEKLY, "interval": 2},
        "monthly_day": {"freq": rrule.MONTHLY},
        "monthly_weekday": {
            "freq": rrule.MONTHLY,
            "byweekday": rrule.weekday(local_start.weekday(), (local_start.day - 1) // 7 + 1),
        },
    }
    until = datetime.datetime.combine(event.repeat_until, datetime.time.max)
    return rrule.rrule(dtstart=local_start, until=until, count=None, **kinds[event.repeat])


def occurrences(event, *, after=None, before=None) -> list[Occurrence]:
    """The event's occurrences ending after `after` and starting before `before`."""
    duration = event.end - event.start
    if event.repeats and event.repeat_until:
        local_start = timezone.localtime(event.start).replace(tzinfo=None)
        excluded = event.excluded_date_set
        starts = []
        for naive in _rule(event, local_start):
            if len(starts) >= MAX_OCCURRENCES:
                break
            if naive.date() not in excluded:
                starts.append(timezone.make_aware(naive))
    else:
        starts = [event.start]
    found = []
    for start in starts:
        end = start + duration
        if after is not None and end < after:
            continue
        if before is not None and start >= before:
            break
        found.append(Occurrence(event=event, start=start, end=end))
    return found


def occurrence_on(event, date: datetime.date | None) -> Occurrence | None:
    """The occurrence on `date`; for a single event, the event itself (any date)."""
    if not event.repeats:
        return occurrences(event)[0]
    if date is None:
        return None
    for occurrence in occurrences(event):
        if occurrence.date == date:
            return occurrence
    return None


def next_occurrence(event, now=None) -> Occurrence | None:
    now = now or timezone.now()
    upcoming = occurrences(event, after=now)
    return upcoming[0] if upcoming else None


def occurrence_of(registration) -> Occurrence:
    """The date a registration is for (a one-off event moved to another day: its new date)."""
    event = registration.event
    found = occurrence_on(event, registration.occurrence_date)
    if found is not None:
        return found
    # A date later excluded from the series: keep its original time of day.
    local = timezone.localtime(event.start)
    start = timezone.make_aware(
        datetime.datetime.combine(registration.occurrence_date, local.time())
    )
    return Occurrence(event=event, start=start, end=start + (event.end - event.start))


def occurrences_store(event) -> None:
    """Write the event's dates to `EventOccurrence`, the index the listings query."""
    from events.models import EventOccurrence

    rows = [
        EventOccurrence(event_id=event.pk, start=found.start, end=found.end)
        for found in occurrences(event)
    ]
    EventOccurrence.objects.filter(event_id=event.pk).delete()
    EventOccurrence.objects.bulk_create(rows)
