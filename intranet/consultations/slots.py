"""Free consultation slots: weekly availability plus extra hours, minus leave, Polish public
holidays and active bookings. Computed on demand with four queries, whatever the range."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from django.utils import timezone

from intranet.models import AdviserProfile, Availability, AvailabilityException, Booking
from intranet.models.bookings import ACTIVE_STATUSES

ONLINE = "online"


@dataclass(frozen=True)
class Slot:
    adviser: AdviserProfile
    start: datetime.datetime
    end: datetime.datetime
    location_id: int | None

    @property
    def key(self) -> str:
        """What a form sends back: adviser and start (the server checks it is still free)."""
        return f"{self.adviser.pk}:{self.start.isoformat()}"


@lru_cache(maxsize=8)
def polish_holidays(year: int):
    import holidays  # on use: the public site's workers never compute a slot

    return holidays.Poland(years=year, language="pl")


def is_public_holiday(day: datetime.date) -> bool:
    return day in polish_holidays(day.year)


def holiday_name(day: datetime.date) -> str | None:
    return polish_holidays(day.year).get(day)


def _subtract(windows, start, end):
    result = []
    for window_start, window_end in windows:
        if end <= window_start or start >= window_end:
            result.append((window_start, window_end))
            continue
        if window_start < start:
            result.append((window_start, start))
        if end < window_end:
            result.append((end, window_end))
    return result


class Schedule:
    """Who works when, for a set of advisers over some days: four queries in all."""

    def __init__(self, *, advisers, location, online, first_day, days):
        self.advisers = {adviser.pk: adviser for adviser in advisers}
        self.first_day, self.days = first_day, days
        self.location_id = None if online else getattr(location, "pk", location)
        self.weekly = defaultdict(list)
        self.exceptions = defaultdict(list)
        self.busy = defaultdict(list)
        if not self.advisers:
            return
        place = {"location__isnull": True} if online else {"location": location}
        for row in Availability.objects.filter(adviser_id__in=self.advisers, **place):
            self.weekly[(row.adviser_id, row.weekday)].append((row.start_time, row.end_time))
        last_day = first_day + datetime.timedelta(days=days - 1)
        for row in AvailabilityException.objects.filter(
            adviser_id__in=self.advisers, date__range=(first_day, last_day)
        ):
            self.exceptions[(row.adviser_id, row.date)].append(row)
        tz = timezone.get_current_timezone()
        range_start = timezone.make_aware(datetime.datetime.combine(first_day, datetime.time()), tz)
        range_end = range_start + datetime.timedelta(days=days + 1)
        for adviser_id, start, end in Booking.objects.filter(
            adviser_id__in=self.advisers,
            status__in=ACTIVE_STATUSES,
            start__lt=range_end,
            end__gt=range_start,
        ).values_list("adviser_id", "start", "end"):
            self.busy[adviser_id].append((start, end))

    def windows(self, adviser_id, day):
        windows = list(self.weekly.get((adviser_id, day.weekday()), ()))
        for exception in self.exceptions.get((adviser_id, day), ()):
            whole_day = exception.start_time is None or exception.end_time is None
            if exception.kind == AvailabilityException.Kind.UNAVAILABLE:
                if whole_day:
                    windows = []
                else:
                    windows = _subtract(windows, exception.start_time, exception.end_time)
            elif not whole_day and exception.location_id == self.location_id:
                windows.append((exception.start_time, exception.end_time))
        return sorted(windows)

    def slots(self, specialisation, *, now, step_minutes=None, adviser_ids=None) -> list[Slot]:
        tz = timezone.get_current_timezone()
        length = datetime.timedelta(minutes=specialisation.meeting_minutes)
        buffer = datetime.timedelta(minutes=specialisation.buffer_minutes)
        step = datetime.timedelta(minutes=step_minutes) if step_minutes else length + buffer
        found = []
        # Each adviser's bookings widened by the break, once (not once per day).
        busy_of = {
            pk: [(start - buffer, end + buffer) for start, end in self.busy[pk]]
            for pk in self.advisers
        }
        for offset in range(self.days):
            day = self.first_day + datetime.timedelta(days=offset)
            if is_public_holiday(day):
                continue
            for pk, adviser in self.advisers.items():
                if adviser_ids is not None and pk not in adviser_ids:
                    continue
                busy = busy_of[pk]
                for window_start, window_end in self.windows(pk, day):
                    start = timezone.make_aware(datetime.datetime.combine(day, window_start), tz)
                    limit = timezone.make_aware(datetime.datetime.combine(day, window_end), tz)
                    while start + length <= limit:
                        end = start + length
                        if start > now and not any(
                            taken_start < end and start < taken_end
                            for taken_start, taken_end in busy
                        ):
                            found.append(Slot(adviser, start, end, self.location_id))
                        start += step
        found.sort(key=lambda slot: (slot.start, slot.adviser.name))
        return found


def advisers_for(specialisations):
    return (
        AdviserProfile.objects.filter(is_active=True, specialisations__in=specialisations)
        .distinct()
        .select_related("user")
        .prefetch_related("specialisations")
    )


def free_slots(
    *,
    specialisation,
    location=None,
    online: bool = False,
    first_day: datetime.date,
    days: int = 28,
    adviser_id: int | None = None,
    now: datetime.datetime | None = None,
    step_minutes: int | None = None,
) -> list[Slot]:
    """Free slots for `specialisation` at `location` (or online), soonest first.

    Slots follow each other at meeting length plus buffer from the start of each window;
    `step_minutes` (the walk-in desk uses 15) offers a start every so often instead.
    """
    advisers = AdviserProfile.objects.filter(
        is_active=True, specialisations=specialisation
    ).select_related("user")
    if adviser_id is not None:
        advisers = advisers.filter(pk=adviser_id)
    schedule = Schedule(
        advisers=advisers, location=location, online=online, first_day=first_day, days=days
    )
    return schedule.slots(specialisation, now=now or timezone.now(), step_minutes=step_minutes)


def slot_is_free(*, specialisation, location, online, adviser_id, start, now=None, step=None):
    """Is `start` a free slot of this adviser? (Rejects tampered or stale times.)"""
    local_day = timezone.localtime(start).date()
    return any(
        slot.start == start
        for slot in free_slots(
            specialisation=specialisation,
            location=location,
            online=online,
            first_day=local_day,
            days=1,
            adviser_id=adviser_id,
            now=now,
            step_minutes=step,
        )
    )
