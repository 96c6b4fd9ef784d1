"""An event's place counts and registration badge as a live slot (`portal.registry`).

Cards of events sit in long-lived cached fragments (the events list, the home page); a
sign-up must not make those stale. So a card holds a marker of its date
(`event_status_slot`), and each response gets the badge filled in from a tiny state of
the event — its place counts and the fields that decide the badge — kept in the shared
cache under the event's own area version (`event:<pk>`, replaced by a sign-up, a
cancellation or a save of the event). The badge is worked out at every response from
that state and the time now, so "Registration open" turns into "Registration closed"
the minute registration closes, with no cache to wait for.
"""

import datetime
from types import SimpleNamespace

from django.conf import settings
from django.core.cache import cache
from django.utils.html import format_html

from events import selectors
from events.models import EventPage
from events.recurrence import Occurrence
from portal import versions
from portal.live import live_slot_marker

SLOT = "event-status"
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


def event_status_slot(occurrence) -> str:
    """The marker of one date's badge: event id, start and end (Unix seconds)."""
    key = f"{occurrence.event.pk}.{int(occurrence.start.timestamp())}."
    key += f"{int(occurrence.end.timestamp())}"
    return live_slot_marker(SLOT, key)


def _parse(key: str):
    try:
        pk, start, end = (int(part) for part in key.split("."))
    except ValueError:
        return None
    to_time = datetime.datetime.fromtimestamp
    return pk, to_time(start, tz=datetime.UTC), to_time(end, tz=datetime.UTC)


def _state_keys(wanted: dict[str, tuple]) -> dict[str, str]:
    """The cache key of each date's state: under its event's version, all of them read in
    one round trip to the shared cache, however many events the page lists."""
    found = versions.version_of_each(*{event_area(pk) for pk, _start, _end in wanted.values()})
    return {
        key: f"event-state:{pk}:{int(start.timestamp())}:{found[event_area(pk)]}"
        for key, (pk, start, _end) in wanted.items()
    }


def _states(wanted: dict[str, tuple]) -> dict[str, tuple]:
    """(event fields, confirmed, waiting) of each date, from the cache or two queries."""
    if not wanted:
        return {}
    keys = _state_keys(wanted)
    found = cache.get_many(list(keys.values()))
    states = {key: found[cache_key] for key, cache_key in keys.items() if cache_key in found}
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
            {keys[key]: state for key, state in fresh.items()},
            settings.FRAGMENT_CACHE_SECONDS or 300,
        )
        states.update(fresh)
    return states


def fill_event_status(keys: list[str]) -> dict[str, str]:
    wanted = {key: parsed for key in keys if (parsed := _parse(key)) is not None}
    answers = {}
    for key, (fields, confirmed, waiting) in _states(wanted).items():
        _pk, start, end = wanted[key]
        occurrence = Occurrence(SimpleNamespace(**fields), start, end, confirmed, waiting)
        code, label = selectors.status_badge(occurrence)
        answers[key] = format_html('<span class="badge badge--{}">{}</span>', code, label)
    return answers
