"""Demo events for `manage.py seed_demo`: every kind, the five towns, full and past ones."""

import datetime
import random

from anyascii import anyascii
from django.utils import timezone
from django.utils.text import slugify
from wagtail.rich_text import RichText

from events.models import EventIndexPage, EventKind, EventPage, Registration, Repeat
from portal.models import Location

FIRST_NAMES = ["Anna", "Piotr", "Katarzyna", "Tomasz", "Magdalena", "Marek", "Agnieszka", "Jan"]
LAST_NAMES = ["Nowak", "Kowalska", "Wiśniewski", "Wójcik", "Kamińska", "Lewandowski", "Zając"]

# (title, kind, town or None for online, days from today, hour, hours long, capacity, taken)
EVENTS = [
    (
        "Lubuski pakt na rzecz ES",
        EventKind.NETWORKING_SEMINAR,
        "Gorzów Wielkopolski",
        21,
        10,
        6,
        120,
        112,
    ),
    (
        "Spotkanie animacyjne: spółdzielnia socjalna w gminie",
        EventKind.ANIMATION,
        "Kożuchów",
        5,
        16,
        2,
        25,
        25,
    ),
    (
        "Warsztaty biznesplanu dla grup inicjatywnych",
        EventKind.WORKSHOP,
        "Świebodzin",
        9,
        9,
        6,
        15,
        11,
    ),
    (
        "Klauzule społeczne w zamówieniach publicznych",
        EventKind.INFORMATION,
        None,
        12,
        11,
        2,
        100,
        34,
    ),
    ("Spotkanie animacyjne w Dobiegniewie", EventKind.ANIMATION, "Dobiegniew", 16, 17, 2, 30, 8),
    (
        "Ekonomizacja organizacji pozarządowych",
        EventKind.WORKSHOP,
        "Kostrzyn nad Odrą",
        26,
        10,
        5,
        20,
        4,
    ),
    ("Dzień otwarty ośrodka", EventKind.OTHER, "Gorzów Wielkopolski", 33, 12, 4, 60, 0),
    (
        "Seminarium: partnerstwa lokalne",
        EventKind.NETWORKING_SEMINAR,
        "Świebodzin",
        -20,
        10,
        5,
        80,
        64,
    ),
    ("Spotkanie informacyjne o dotacjach", EventKind.INFORMATION, "Kożuchów", -8, 15, 2, 40, 31),
]


def seed_events(home):
    index = EventIndexPage.objects.first()
    if index is None:
        index = EventIndexPage(
            title="Wydarzenia",
            slug="wydarzenia",
            intro=(
                "Seminaria sieciujące, spotkania animacyjne i warsztaty w pięciu miastach "
                "regionu. Udział jest bezpłatny – wystarczy się zapisać."
            ),
            show_in_menus=True,
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    towns = {location.town: location for location in Location.objects.all()}
    today = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    generator = random.Random(2016)
    for title, kind, town, days, hour, hours, capacity, taken in EVENTS:
        if EventPage.objects.filter(title=title).exists():
            continue
        start = (today + datetime.timedelta(days=days)).replace(hour=hour)
        event = EventPage(
            title=title,
            slug=slugify(anyascii(title))[:60].strip("-"),
            kind=kind,
            start=start,
            end=start + datetime.timedelta(hours=hours),
            location=towns.get(town) if town else None,
            online_url="" if town else "https://spotkania.owes.example.org/klauzule",
            organiser="Lubuski OWES",
            patron="Marszałek Województwa Lubuskiego" if capacity >= 100 else "",
            target_audience="Podmioty ekonomii społecznej, samorządy, instytucje rynku pracy",
            capacity=capacity,
            waiting_list_enabled=kind != EventKind.OTHER,
            intro=f"{kind.label.capitalize()} – zapraszamy!",
            body=[("paragraph", RichText("<p>Udział bezpłatny. Zapewniamy poczęstunek.</p>"))],
            programme=[
                (
                    "agenda_item",
                    {
                        "time": datetime.time(hour, 0),
                        "title": "Powitanie",
                        "speaker": "Koordynatorka OWES",
                    },
                ),
                (
                    "agenda_item",
                    {"time": datetime.time(hour, 30), "title": "Dobre praktyki", "speaker": ""},
                ),
            ],
            accessibility_info="Sala na parterze, toaleta dostosowana. Tłumacz PJM na prośbę.",
        )
        index.add_child(instance=event)
        event.save_revision().publish()
        _registrations(event, taken, waiting=3 if taken >= capacity else 0, generator=generator)
    _monthly_series(index, towns.get("Kożuchów"), today)
    seed_offer(index)
    return index


def seed_offer(index) -> None:
    """A freed place on offer: on the first coming full event with a waiting list, one
    confirmed person cancels, so the staff list shows "oferta do …" (once: skipped when
    that event already has a cancellation)."""
    from events import services

    now = timezone.now()
    for event in (
        EventPage.objects.child_of(index)
        .filter(start__gt=now + datetime.timedelta(days=2))
        .order_by("start")
    ):
        registrations = Registration.objects.filter(event=event)
        if not registrations.filter(status=Registration.Status.WAITING).exists():
            continue
        if registrations.filter(status=Registration.Status.CANCELLED).exists():
            return
        leaving = registrations.filter(status=Registration.Status.CONFIRMED).order_by("pk").first()
        services.registration_cancel(event=event, token=leaving.token)
        return


def seed_more_events(index, total: int) -> int:
    """One-off meetings in the coming year up to `total` events in all (benchmarks: 300),
    spread over the local centres. Returns how many were added."""
    locations = list(Location.objects.all()) or [None]
    today = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    kinds = [EventKind.ANIMATION, EventKind.NETWORKING_SEMINAR]
    added, number = 0, EventPage.objects.count()
    while number < total:
        start = (today + datetime.timedelta(days=1 + number % 365)).replace(hour=10)
        location = locations[number % len(locations)]
        event = EventPage(
            title=f"Spotkanie w terenie nr {number + 1}",
            slug=f"spotkanie-w-terenie-{number + 1}",
            kind=kinds[number % len(kinds)],
            start=start,
            end=start + datetime.timedelta(hours=3),
            location=location,
            online_url="" if location else "https://spotkania.owes.example.org/teren",
            organiser="Lubuski OWES",
            capacity=30,
            intro="Spotkanie dla mieszkańców, samorządu i organizacji – zapraszamy!",
            body=[("paragraph", RichText("<p>Udział bezpłatny.</p>"))],
        )
        index.add_child(instance=event)
        event.save_revision().publish()
        added, number = added + 1, number + 1
    return added


def _monthly_series(index, location, today):
    title = "Comiesięczne spotkanie animacyjne w Kożuchowie"
    if EventPage.objects.filter(title=title).exists():
        return
    start = (today + datetime.timedelta(days=3)).replace(hour=17)
    event = EventPage(
        title=title,
        slug="spotkanie-animacyjne-kozuchow",
        kind=EventKind.ANIMATION,
        start=start,
        end=start + datetime.timedelta(hours=2),
        location=location,
        organiser="Lubuski OWES",
        target_audience="Mieszkańcy, sołtysi, lokalni liderzy",
        capacity=20,
        repeat=Repeat.MONTHLY_WEEKDAY,
        repeat_until=(start + datetime.timedelta(days=180)).date(),
        intro="Co miesiąc rozmawiamy o pomysłach na przedsiębiorczość społeczną w gminie.",
    )
    index.add_child(instance=event)
    event.save_revision().publish()


def _registrations(event, confirmed, *, waiting, generator):
    now = timezone.now()
    people = []
    for number in range(confirmed + waiting):
        first, last = generator.choice(FIRST_NAMES), generator.choice(LAST_NAMES)
        people.append(
            Registration(
                event=event,
                occurrence_date=timezone.localtime(event.start).date(),
                status=Registration.Status.CONFIRMED
                if number < confirmed
                else Registration.Status.WAITING,
                first_name=first,
                last_name=last,
                email=f"{slugify(anyascii(first))}.{slugify(anyascii(last))}.{event.pk}.{number}"
                "@example.org",
                participant_type=generator.choice(Registration.ParticipantType.values),
                consent_text="Zgoda (dane demonstracyjne)",
                consent_version="demo",
                consented_at=now,
                attended=event.end < now and generator.random() < 0.85,
            )
        )
    Registration.objects.bulk_create(people)
