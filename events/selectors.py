"""Read-side queries of events: listings with filters and place counts in one query."""

import datetime
from dataclasses import dataclass
from functools import cache

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from events.models import Certificate, EventKind, EventOccurrence, EventPage, Registration
from events.recurrence import Occurrence, occurrences
from events.rules import registration_refusal
from portal.dates import month_bounds
from portal.models import Location
from portal.params import choice_or_404, id_or_404, month_or_404
from portal.selectors import LINK_COLUMNS, columns_of, own_columns, public_q

ONLINE = "online"
LAST_PLACES_THRESHOLD = 0.2  # "Ostatnie miejsca" below 20 % of places free


def with_place_counts(events: QuerySet) -> QuerySet:
    """Events annotated with their registrations over all dates (for staff overviews)."""
    return events.annotate(
        confirmed_count=Count(
            "registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)
        ),
        waiting_count=Count(
            "registrations", filter=Q(registrations__status=Registration.Status.WAITING)
        ),
    )


def count_places(found: list[Occurrence]) -> list[Occurrence]:
    """Fill in confirmed and waiting counts of many occurrences with one query."""
    event_ids = {occurrence.event.pk for occurrence in found}
    rows = (
        Registration.objects.filter(event_id__in=event_ids)
        .exclude(status=Registration.Status.CANCELLED)
        .values_list("event_id", "occurrence_date", "status")
        .annotate(number=Count("pk"))
    )
    totals = {}
    for event_id, date, status, number in rows:
        if status == Registration.Status.OFFERED:
            status = Registration.Status.CONFIRMED  # a place held for someone is taken
        for key in ((event_id, date, status), (event_id, None, status)):
            totals[key] = totals.get(key, 0) + number
    for occurrence in found:
        date = occurrence.date if occurrence.event.repeats else None
        key = (occurrence.event.pk, date)
        occurrence.confirmed_count = totals.get((*key, Registration.Status.CONFIRMED), 0)
        occurrence.waiting_count = totals.get((*key, Registration.Status.WAITING), 0)
    return found


def _published(index_page=None) -> Q:
    """Live events without a view restriction (the children of `index_page`), as a filter
    on their dates: joined in the dates' query, not a subquery of events, which took
    PostgreSQL 2.4 ms to plan (1.0 ms so) for a list of twelve dates."""
    where = Q(event__live=True) & public_q("event__")
    if index_page is not None:  # Wagtail's child_of, on the joined page
        where &= Q(event__path__startswith=index_page.path, event__depth=index_page.depth + 1)
    return where


@dataclass
class EventFilters:
    kind: str = ""
    location: str = ""
    month: datetime.date | None = None

    @property
    def is_active(self) -> bool:
        return bool(self.kind or self.location or self.month)


def parse_filters(params) -> EventFilters:
    """Filters from the query string; unknown values are a 404 (never a 500)."""
    filters = EventFilters()
    filters.kind = choice_or_404(params.get("rodzaj", ""), EventKind.values)
    location = params.get("miejsce", "")
    if location:
        if location != ONLINE and not (Location.objects.filter(pk=id_or_404(location)).exists()):
            raise Http404("Unknown location")
        filters.location = location
    filters.month = month_or_404(params.get("miesiac", ""))
    return filters


_month_bounds = month_bounds

# What a card, a calendar day or a feed entry never shows: not loaded for listings.
_NOT_LISTED = ("body", "programme", "accessibility_info")


@cache
def _listed_columns() -> tuple[str, ...]:
    """A listed date's columns: its event's own but the long ones, the page columns of a
    link and a feed entry, and its location."""
    return (
        "start",
        "end",
        "event__location",
        *columns_of("event", (*LINK_COLUMNS, "search_description")),
        *columns_of("event", own_columns(EventPage, but=_NOT_LISTED)),
    )


def _upcoming_or_series(now) -> Q:
    return Q(event__end__gte=now) | Q(
        event__repeat__gt="", event__repeat_until__gte=timezone.localdate(now)
    )


def _dates(events: Q, *, after=None, before=None) -> QuerySet:
    """The dates (`EventOccurrence` rows) of the events matching `events` ending at or after
    `after` and starting before `before`, each with its event and location, soonest first."""
    rows = EventOccurrence.objects.filter(events)
    if after is not None:
        rows = rows.filter(end__gte=after)
    if before is not None:
        rows = rows.filter(start__lt=before)
    return (
        rows.select_related("event__location")
        .only(*_listed_columns())
        .order_by("start", "event__path", "pk")
    )


def as_occurrences(rows) -> list[Occurrence]:
    """Listed dates (`EventOccurrence` rows) as the occurrences a card shows (its places
    and badge come from its live slot, events/live.py, so a listing reads no
    registrations)."""
    return [Occurrence(event=row.event, start=row.start, end=row.end) for row in rows]


def event_listing(index_page, filters: EventFilters, *, archive: bool, now=None) -> QuerySet:
    """The dates (each date of a series separately) matching the filters, as rows for
    `as_occurrences`."""
    now = now or timezone.now()
    events = _published(index_page)
    events &= Q(event__start__lt=now) if archive else _upcoming_or_series(now)
    if filters.kind:
        events &= Q(event__kind=filters.kind)
    if filters.location == ONLINE:
        events &= Q(event__location__isnull=True, event__venue="") & ~Q(event__online_url="")
    elif filters.location:
        events &= Q(event__location_id=int(filters.location))
    after, before = (None, now) if archive else (now, None)
    if filters.month:
        month_start, month_end = _month_bounds(filters.month)
        after = max(after, month_start) if after else month_start
        before = min(before, month_end) if before else month_end
    rows = _dates(events, after=after, before=before)
    if archive:
        rows = rows.filter(end__lt=now).order_by("-start", "event__path", "pk")
    return rows


def month_events(index_page, month: datetime.date) -> list[Occurrence]:
    month_start, month_end = _month_bounds(month)
    events = _published(index_page) & Q(event__start__lt=month_end)
    return as_occurrences(_dates(events, after=month_start, before=month_end))


def upcoming_events(limit: int = 3, now=None) -> list[Occurrence]:
    now = now or timezone.now()
    events = _published() & _upcoming_or_series(now)
    return as_occurrences(_dates(events, after=now)[:limit])


def ical_events(index_page, now=None) -> list[Occurrence]:
    now = now or timezone.now()
    events = _published(index_page) & _upcoming_or_series(now)
    return as_occurrences(_dates(events, after=now)[:500])


def event_dates(event, now=None, *, with_places=True) -> list[Occurrence]:
    """The upcoming dates of an event page, with counts unless `with_places` is False (a
    one-off event: its one date)."""
    now = now or timezone.now()
    found = occurrences(event, after=now) or occurrences(event)[-1:]
    return count_places(found) if with_places else found


def locations():
    return Location.objects.all()


def status_badge(occurrence, now=None) -> tuple[str, str]:
    """(code, label) of the badge of one date: open, last places, waiting list…"""
    from django.utils.translation import gettext as _

    event = occurrence.event
    if event.is_cancelled:
        return "cancelled", _("Cancelled")
    if registration_refusal(occurrence, now=now):
        return "closed", _("Registration closed")
    free = event.capacity - occurrence.confirmed_count
    if free <= 0:
        if event.waiting_list_enabled:
            return "waiting", _("Waiting list")
        return "closed", _("Registration closed")
    if free <= max(1, int(event.capacity * LAST_PLACES_THRESHOLD)):
        return "last", _("Last places")
    return "open", _("Registration open")


def attendance_counts(registrations) -> dict:
    return registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
        offered=Count("pk", filter=Q(status=Registration.Status.OFFERED)),
        waiting=Count("pk", filter=Q(status=Registration.Status.WAITING)),
        cancelled=Count("pk", filter=Q(status=Registration.Status.CANCELLED)),
        attended=Count("pk", filter=Q(status=Registration.Status.CONFIRMED, attended=True)),
    )


def people_to_notify_of_cancellation(event):
    """Everyone an event's cancellation is e-mailed to: signed up or on the waiting list."""
    return Registration.objects.filter(
        event=event,
        status__in=[
            Registration.Status.CONFIRMED,
            Registration.Status.OFFERED,
            Registration.Status.WAITING,
        ],
    ).order_by("last_name", "first_name")


def waiting_positions(registrations) -> dict[int, int]:
    """registration pk -> place on the waiting list of its date (1 = next to be offered),
    for the waiting people among `registrations` of one event: the order the offers go in,
    renumbered as people leave."""
    positions, seen = {}, {}
    waiting = registrations.filter(status=Registration.Status.WAITING).order_by("pk")
    for pk, event_repeats, date in waiting.values_list("pk", "event__repeat", "occurrence_date"):
        key = date if event_repeats else None
        seen[key] = seen.get(key, 0) + 1
        positions[pk] = seen[key]
    return positions


def certificate_code_normalised(code: str) -> str:
    """A code as typed ("abcd efgh jkmn", "ABCDEFGHJKMN") in its printed form ABCD-EFGH-JKMN."""
    raw = "".join(ch for ch in str(code or "").upper() if ch.isascii() and ch.isalnum())
    if len(raw) != 12:
        return ""
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def certificate_valid(code: str) -> Certificate | None:
    """The certificate with this code while it stands: its holder still marked present at
    an event that took place, and not erased."""
    normalised = certificate_code_normalised(code)
    if not normalised:
        return None
    return (
        Certificate.objects.select_related("registration__event__location")
        .filter(
            code=normalised,
            registration__status=Registration.Status.CONFIRMED,
            registration__attended=True,
            registration__event__is_cancelled=False,
        )
        .exclude(registration__last_name="")
        .first()
    )


def home_section() -> dict:
    """The home page's events section: the next three dates (the index for "all" is the
    registered `index_model`, events/apps.py)."""
    return {"items": upcoming_events(3)}
