"""An event's place counts and registration badge as a live slot (`portal.registry`).

Cards of events sit in long-lived cached fragments (the events list, the home page); a
sign-up must not make those stale. So a card holds a marker of its date
(`event_status_slot`), and each response gets the badge filled in from a tiny state of
the event — its place counts and the fields that decide the badge — kept in the shared
cache with the version of the event's own area it was read under (`event:<pk>`, replaced
by a sign-up, a cancellation or a save of the event), both read in one round trip. The
badge is worked out at every response from that state and the time now, so
"Registration open" turns into "Registration closed" the minute registration closes,
with no cache to wait for.

The event page itself is page-cached for anonymous visitors the same way: everything on it
that a sign-up or the clock changes is a slot of its own kind (`KINDS`) — the badge, the
free places, the calendar link of a coming date, the free places of each date of a series
and the sign-up section, whose blank form takes the visitor's CSRF token from
`portal.live.CSRF_SLOT`. All of them are rendered by `events/includes/event_live.html`.
"""

import datetime
from types import SimpleNamespace

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from events import selectors
from events.models import EventPage
from events.recurrence import Occurrence
from events.rules import registration_refusal
from portal import versions
from portal.live import CSRF_SLOT, live_slot_marker

SLOT = "event-status"
# What a slot shows: the badge (a key of three numbers), or one of these (kind.pk.start.end).
KINDS = ("places", "calendar", "free", "registration")
STATE_FIELDS = (
    "capacity",
    "is_cancelled",
    "repeat",
    "waiting_list_enabled",
    "registration_opens_at",
    "registration_closes_at",
)


def event_area(event_id: int) -> str:
    return f"event:{event_id}"


def event_status_slot(occurrence, kind: str = "") -> str:
    """The marker of one date's badge (or of another of its `KINDS`): event id, start and
    end (Unix seconds)."""
    key = f"{occurrence.event.pk}.{int(occurrence.start.timestamp())}."
    key += f"{int(occurrence.end.timestamp())}"
    return live_slot_marker(SLOT, f"{kind}.{key}" if kind else key)


def _parse(key: str):
    """(kind, (pk, start, end)) of a slot's key, or None."""
    parts = key.split(".")
    kind = parts.pop(0) if len(parts) == 4 else "badge"
    if kind != "badge" and kind not in KINDS:
        return None
    try:
        pk, start, end = (int(part) for part in parts)
    except ValueError:
        return None
    to_time = datetime.datetime.fromtimestamp
    return kind, (pk, to_time(start, tz=datetime.UTC), to_time(end, tz=datetime.UTC))


def _states(wanted: dict[str, tuple]) -> dict[str, tuple]:
    """(event fields, confirmed, waiting) of each date, from the cache or two queries.

    A date's state is kept with the version of its event's area it was read under, and
    both come in one round trip to the shared cache, however many events the page lists:
    a state kept under an older version (a sign-up since) is read again."""
    if not wanted:
        return {}
    keys = {
        key: f"event-state:{pk}:{int(start.timestamp())}" for key, (pk, start, _) in wanted.items()
    }
    areas = {key: event_area(pk) for key, (pk, _start, _end) in wanted.items()}
    current, kept = versions.version_of_each_and_get(set(areas.values()), keys.values())
    states = {}
    for key, cache_key in keys.items():
        version, state = kept.get(cache_key, (None, None))
        if version == current[areas[key]]:
            states[key] = state
    missing = {key: value for key, value in wanted.items() if key not in states}
    if missing:
        events = EventPage.objects.only(*STATE_FIELDS).in_bulk(
            {pk for pk, _, _ in missing.values()}
        )
        occurrences = {
            key: Occurrence(events[pk], start, end)
            for key, (pk, start, end) in missing.items()
            if pk in events
        }
        selectors.count_places(list(occurrences.values()))
        fresh = {
            key: (
                {
                    **{name: getattr(o.event, name) for name in STATE_FIELDS},
                    "repeats": o.event.repeats,
                },
                o.confirmed_count,
                o.waiting_count,
            )
            for key, o in occurrences.items()
        }
        cache.set_many(
            {keys[key]: (current[areas[key]], state) for key, state in fresh.items()},
            settings.FRAGMENT_CACHE_SECONDS or 300,
        )
        states.update(fresh)
    return states


def fill_event_status(keys: list[str]) -> dict[str, str]:
    parsed = {key: found for key in keys if (found := _parse(key)) is not None}
    states = _states({date: date for _kind, date in parsed.values()})
    now = timezone.now()
    answers = {}
    for key, (kind, date) in parsed.items():
        if date not in states:
            continue
        fields, confirmed, waiting = states[date]
        _pk, start, end = date
        occurrence = Occurrence(SimpleNamespace(**fields), start, end, confirmed, waiting)
        answers[key] = render_slot(kind, occurrence, now)
    return answers


def render_slot(kind: str, occurrence, now=None) -> str:
    """What one slot of one date shows: filled in by the middleware, or written straight
    into a page that is rendered for its request (a logged-in person's, a preview)."""
    now = now or timezone.now()
    if kind == "badge":  # the cheapest, as there is one on every card
        code, label = selectors.status_badge(occurrence, now=now)
        return format_html('<span class="badge badge--{}">{}</span>', code, label)
    return render_to_string("events/includes/event_live.html", live_context(kind, occurrence, now))


def sign_up_section(occurrence, now=None) -> dict:
    """Why nobody can sign up (`refusal`), whether the date is `full` with no waiting list,
    and the form's `action` (the date of a series): the event page's sign-up section,
    rendered for a request or filled into a slot."""
    event = occurrence.event
    return {
        "refusal": registration_refusal(occurrence, now=now),
        "full": occurrence.confirmed_count >= event.capacity and not event.waiting_list_enabled,
        "repeats": event.repeats,
        # Relative to the page: the same for every visitor and on every host.
        "action": f"?termin={occurrence.date:%Y-%m-%d}" if event.repeats else "",
    }


def live_context(kind: str, occurrence, now) -> dict:
    """What `events/includes/event_live.html` shows for one slot of one date."""
    from events.forms import RegistrationForm

    context = {
        "kind": kind,
        "occurrence": occurrence,
        "inviting": not occurrence.event.is_cancelled and occurrence.end > now,
    }
    if kind == "registration":
        section = sign_up_section(occurrence, now)
        context.update(
            section,
            form=None if section["refusal"] or section["full"] else RegistrationForm(),
            csrf_slot=mark_safe(CSRF_SLOT),  # noqa: S308 - a constant
            fragment_seconds=settings.FRAGMENT_CACHE_SECONDS,
        )
    return context
