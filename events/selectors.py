"""Read-side queries of events: listings with filters and place counts in one query."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from events.models import EventKind, EventPage, Registration
from portal.models import Location

ONLINE = "online"
LAST_PLACES_THRESHOLD = 0.2  # "Ostatnie miejsca" below 20 % of places free


def with_place_counts(events: QuerySet) -> QuerySet:
    return events.annotate(
        confirmed_count=Count(
            "registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)
        ),
        waiting_count=Count(
            "registrations", filter=Q(registrations__status=Registration.Status.WAITING)
        ),
    )


def published_events(index_page=None) -> QuerySet:
    events = EventPage.objects.live().public()
    if index_page is not None:
        events = events.child_of(index_page)
    return events.select_related("location")


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
    kind = params.get("rodzaj", "")
    if kind:
        if kind not in EventKind.values:
            raise Http404("Unknown event kind")
        filters.kind = kind
    location = params.get("miejsce", "")
    if location:
        if location != ONLINE and not (
            location.isdigit() and Location.objects.filter(pk=int(location)).exists()
        ):
            raise Http404("Unknown location")
        filters.location = location
    month = params.get("miesiac", "")
    if month:
        try:
            filters.month = datetime.datetime.strptime(month, "%Y-%m").date()
        except ValueError as error:
            raise Http404("Bad month") from error
    return filters


def _month_bounds(month: datetime.date):
    start = timezone.make_aware(datetime.datetime.combine(month, datetime.time()))
    next_month = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    end = timezone.make_aware(datetime.datetime.combine(next_month, datetime.time()))
    return start, end


def event_listing(index_page, filters: EventFilters, *, archive: bool, now=None) -> QuerySet:
    now = now or timezone.now()
    events = published_events(index_page)
    if archive:
        events = events.filter(end__lt=now).order_by("-start", "-pk")
    else:
        events = events.filter(end__gte=now).order_by("start", "pk")
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.location == ONLINE:
        events = events.filter(location__isnull=True, venue="").exclude(online_url="")
    elif filters.location:
        events = events.filter(location_id=int(filters.location))
    if filters.month:
        start, end = _month_bounds(filters.month)
        events = events.filter(start__lt=end, end__gte=start)
    return with_place_counts(events)


def month_events(index_page, month: datetime.date) -> QuerySet:
    start, end = _month_bounds(month)
    return with_place_counts(
        published_events(index_page).filter(start__lt=end, end__gte=start).order_by("start")
    )


def upcoming_events(limit: int = 3, now=None) -> QuerySet:
    now = now or timezone.now()
    return with_place_counts(published_events().filter(end__gte=now).order_by("start"))[:limit]


def ical_events(index_page, now=None) -> QuerySet:
    now = now or timezone.now()
    return published_events(index_page).filter(end__gte=now).order_by("start")[:500]


def event_with_counts(event: EventPage) -> EventPage:
    return with_place_counts(EventPage.objects.filter(pk=event.pk)).get()


def locations():
    return Location.objects.all()


def status_badge(event, now=None) -> tuple[str, str]:
    """(code, label) of the badge shown on the event: open, last places, waiting list…"""
    from django.utils.translation import gettext as _

    from events.services import registration_refusal

    if event.is_cancelled:
        return "cancelled", _("Cancelled")
    if registration_refusal(event, now=now):
        return "closed", _("Registration closed")
    free = event.capacity - event.confirmed_count
    if free <= 0:
        if event.waiting_list_enabled:
            return "waiting", _("Waiting list")
        return "closed", _("Registration closed")
    if free <= max(1, int(event.capacity * LAST_PLACES_THRESHOLD)):
        return "last", _("Last places")
    return "open", _("Registration open")


def attendance_counts(event) -> dict:
    return Registration.objects.filter(event=event).aggregate(
        confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=Registration.Status.WAITING)),
        cancelled=Count("pk", filter=Q(status=Registration.Status.CANCELLED)),
        attended=Count("pk", filter=Q(status=Registration.Status.CONFIRMED, attended=True)),
    )
