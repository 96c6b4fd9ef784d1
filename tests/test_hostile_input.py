"""No server error from hostile input: every URL, every query parameter a view reads.

The URLs come from the URL resolver (tests/test_access_matrix.py: `EXPECTED` builds their
arguments) and the page tree, including the pages' own sub-URLs (calendar, archive, RSS).
`PARAMETERS` names each query parameter the code reads and the URLs that read it;
`test_every_parameter_read_is_listed` greps the source, so a view reading a new one fails
until it is listed here. Each parameter is sent alone (an early 404 of another one would hide
it) and then all of them at once to every URL, as anonymous, a member and staff.
"""

import re
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from django.urls import reverse
from wagtail.models import Page

from directory.models import Entity
from events.forms import CertificateLookupForm
from intranet.consultations.forms import CalendarFilterForm, SlotSearchForm
from intranet.indicators.forms import PeriodForm
from tests.factories.news import NewsIndexPageFactory, NewsPageFactory
from tests.factories.portal import LocationFactory
from tests.test_access_matrix import EXPECTED, world  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
APPS = ("portal", "news", "events", "directory", "intranet", "feedback")

# Percent-encoded as they would arrive; %ff%fe is not UTF-8 at all.
HOSTILE = {
    "nul": "%00",
    "nul-inside": "a%00b",
    "month-9999": "9999-12",
    "month-0001": "0001-01",
    "date-9999": "9999-12-31",
    "date-99999": "99999-01-01",
    "superscript-two": quote("²"),
    "arabic-three": quote("٣"),
    "beyond-64-bits": "99999999999999999999999",
    "negative": "-1",
    "3000-characters": "x" * 3000,
    "broken-utf8": "%ff%fe",
}

EVENT_LISTS = ("page:events", "page:events/archiwum", "page:events/kalendarz")
EVENTS_STAFF = (
    "events_staff:attendees",
    "events_staff:export",
    "events_staff:check_in",
    "events_staff:attendance_sheet",
    "events_staff:attendance_sheet_pdf",
    "events_staff:certificate",
    "events_staff:certificate_pdf",
)
INDICATORS = ("indicators:dashboard", "indicators:records", "indicators:export", "indicators:jobs")
DIRECTORY = ("directory:list", "directory:export_csv", "directory:export_json")
QUEUE = ("enrolment_staff:queue",)
FEEDBACK = ("feedback:results", "feedback:text_answers", "feedback:export")

# parameter -> the URLs whose views read it ("page:<slug path>" for pages of the tree)
PARAMETERS = {
    "rodzaj": EVENT_LISTS,
    "miesiac": EVENT_LISTS,
    "miejsce": (*EVENT_LISTS, "bookings:slots", "bookings:book"),
    "page": (
        *EVENT_LISTS,
        "page:news",
        "events_staff:events",
        "search",
        *DIRECTORY,
        *QUEUE,
        "feedback:text_answers",
    ),
    "termin": (
        "page:events/event",
        *EVENTS_STAFF,
        "bookings:book",
        "bookings_staff:walk_in",
    ),
    # Read on a sign-up's secret-link page (any value asks to confirm the cancellation).
    "rezygnacja": ("page:events/event",),
    "status": ("events_staff:attendees", *QUEUE),
    "q": ("events_staff:attendees", "events_staff:check_in", "search", *DIRECTORY, *QUEUE),
    "kategoria": ("page:news",),
    "tag": ("page:news",),
    "osrodek": (
        "bookings_staff:desk",
        "bookings_staff:walk_in",
        "bookings_staff:calendar",
        "support:overdue",
    ),
    "specjalizacja": ("bookings:slots", "bookings:book", "bookings_staff:walk_in"),
    "doradca": ("bookings:slots", "bookings:book", "bookings_staff:calendar"),
    "przeloz": ("bookings:slots", "bookings:book"),
    "dzien": ("bookings_staff:calendar",),
    "widok": ("bookings_staff:calendar",),
    "rok": (*INDICATORS, *FEEDBACK),
    "kwartal": INDICATORS,
    "od": INDICATORS,
    "do": INDICATORS,
    "target_group": QUEUE,
    "location": QUEUE,
    "forma": DIRECTORY,
    "powiat": DIRECTORY,
    "sortuj": DIRECTORY,
    "usluga": DIRECTORY,
    "ps": DIRECTORY,
    "klauzule": DIRECTORY,
    "kod": ("certificates:lookup",),
}

# Forms bound to request.GET: their field names are parameters too.
# (The staff queue posts its filters: a PESEL typed there stays out of URLs.)
FORMS_READ_FROM_THE_QUERY = [
    SlotSearchForm,
    CalendarFilterForm,
    PeriodForm,
    CertificateLookupForm,
]

# Fields of staff and member forms that name records (posted with hostile values).
POSTED_IDS = [
    "representation",
    "registration",
    "entity",
    "item",
    "call",
    "osrodek",
    "termin",
    "przeloz",
    "target_group",
    "action",
    "attended",
    "location",
    "specjalizacja",
    "doradca",
]

ROLES = ["anonymous", "member", "staff"]
# `request.GET.get("q")`, `params.getlist("forma")`, `request.GET["termin"]` ...
_READ = re.compile(r"""(?:GET|params)(?:\.get|\.getlist)?[(\[]\s*["']([a-z][\w-]*)["']""")


def _source_files():
    for app in APPS:
        yield from (ROOT / app).rglob("*.py")


def test_every_parameter_read_is_listed():
    read = set()
    for path in _source_files():
        if "migrations" not in path.parts:
            read.update(_READ.findall(path.read_text()))
    for form in FORMS_READ_FROM_THE_QUERY:
        read.update(form.base_fields)
    assert read - set(PARAMETERS) == set(), "list these query parameters in PARAMETERS"


def test_every_form_bound_to_the_query_is_listed():
    bound = set()
    for path in _source_files():
        bound.update(re.findall(r"(\w+Form)\(request\.GET", path.read_text()))
    assert bound == {form.__name__ for form in FORMS_READ_FROM_THE_QUERY}


@pytest.fixture
def hostile_world(world, home_page):  # noqa: F811 (the access matrix's world)
    world.location = LocationFactory()
    news = NewsIndexPageFactory(parent=home_page, slug="news")
    NewsPageFactory(parent=news)
    return world


def urls_of(in_world):
    """url name -> path, for every URL the access matrix knows and every page of the tree."""
    found = {
        name: reverse(name, kwargs=arguments(in_world))
        for name, (arguments, _expected) in EXPECTED.items()
        if arguments is not None
    }
    for page in Page.objects.live().filter(depth__gt=2).specific():
        kind = {"EventIndexPage": "events", "NewsIndexPage": "news", "EventPage": "events/event"}
        name = kind.get(type(page).__name__, page.slug)
        found[f"page:{name}"] = page.url
        for route in getattr(page, "get_subpage_urls", lambda: [])():
            if route.name and route.pattern.converters == {}:
                sub = page.reverse_subpage(route.name)
                if sub:  # "" is the page itself
                    found[f"page:{name}/{sub.rstrip('/')}"] = page.url + sub
    return found


def _log_in(client, in_world, role):
    if in_world.users[role] is not None:
        client.force_login(in_world.users[role])


def _server_errors(client, requests):
    errors = []
    client.raise_request_exception = False
    for method, url, data in requests:
        response = client.post(url, data) if method == "POST" else client.get(url)
        if response.status_code >= 500:
            errors.append((method, url[:120], data and next(iter(data.values()))[:20]))
    return errors


def test_the_parameter_map_names_real_urls(hostile_world):
    known = set(urls_of(hostile_world))
    for name, urls in PARAMETERS.items():
        assert set(urls) <= known, name


@pytest.mark.parametrize("role", ROLES, ids=str)
def test_no_query_parameter_value_gives_a_server_error(client, hostile_world, role):
    _log_in(client, hostile_world, role)
    urls = urls_of(hostile_world)
    requests = [
        ("GET", f"{urls[name]}?{parameter}={value}", None)
        for parameter, names in PARAMETERS.items()
        for name in names
        for value in HOSTILE.values()
    ]
    errors = _server_errors(client, requests)
    assert not errors, f"{len(errors)} server errors: {errors[:40]}"


@pytest.mark.parametrize("role", ROLES, ids=str)
def test_all_parameters_at_once_on_every_url_give_no_server_error(client, hostile_world, role):
    _log_in(client, hostile_world, role)
    requests = [
        ("GET", url + "?" + "&".join(f"{name}={value}" for name in PARAMETERS), None)
        for url in urls_of(hostile_world).values()
        for value in HOSTILE.values()
    ]
    errors = _server_errors(client, requests)
    assert not errors, f"{len(errors)} server errors: {errors[:40]}"


def _decoded(value):
    return unquote(value, errors="replace")


@pytest.mark.parametrize("role", ["member", "staff"], ids=str)
def test_hostile_ids_posted_to_every_form_give_no_server_error(client, hostile_world, role):
    """Every URL, pages included, gets a POST whose id-like fields are all hostile."""
    _log_in(client, hostile_world, role)
    requests = [
        ("POST", url, dict.fromkeys(POSTED_IDS, _decoded(value)))
        for url in urls_of(hostile_world).values()
        for value in HOSTILE.values()
    ]
    errors = _server_errors(client, requests)
    assert not errors, f"{len(errors)} server errors: {errors[:40]}"


@pytest.mark.parametrize("value", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_path_arguments_give_no_server_error(client, hostile_world, value):
    """Path arguments that are free text (a token) with hostile values."""
    client.force_login(hostile_world.users["member"])
    event = hostile_world.event
    requests = [
        (
            "GET",
            reverse("directory_intranet:accept_invitation", args=["T"]).replace(
                "/T/", f"/{value}/"
            ),
            None,
        ),
        ("GET", event.url + f"zapis/{value}/", None),
        ("GET", f"/zaswiadczenia/{value}/", None),
        ("GET", f"/zaswiadczenia/{value}/zaswiadczenie.pdf", None),
        ("POST", event.url + f"zapis/{value}/", {}),
        ("GET", f"/ankieta/{value}/", None),
        ("POST", f"/ankieta/{value}/", {}),
        ("GET", event.url + f"zapis/{value}/potwierdz/", None),
        ("POST", event.url + f"zapis/{value}/potwierdz/", {"confirm": "yes"}),
    ]
    errors = _server_errors(client, requests)
    assert not errors, errors


@pytest.mark.parametrize("value", list(HOSTILE.values()), ids=list(HOSTILE))
def test_searching_the_directory_in_the_admin_gives_no_server_error(client, hostile_world, value):
    client.force_login(hostile_world.users["staff"])
    url = reverse("wagtailsnippets_directory_entity:list")

    response = client.get(f"{url}?q={value}")

    assert response.status_code < 500


def test_searching_the_directory_in_the_admin_finds_by_name_and_nip(client, hostile_world):
    client.force_login(hostile_world.users["staff"])
    url = reverse("wagtailsnippets_directory_entity:list")
    Entity.objects.filter(pk=hostile_world.entity_b.pk).update(nip="5252248481")

    by_name = client.get(url, {"q": "Podmiot"}).content.decode()
    by_nip = client.get(url, {"q": "5252248481"}).content.decode()

    assert "Podmiot A" in by_name and "Podmiot B" in by_name
    assert "Podmiot B" in by_nip and "Podmiot A" not in by_nip


@pytest.mark.parametrize(
    "pesel",
    ["00000000000", "abcdefghijk", "٣٣٣٣٣٣٣٣٣٣٣", "²²²²²²²²²²²", "99999999999", "0" * 3000, "\x00"],
    ids=["zeros", "letters", "arabic-digits", "superscripts", "nines", "3000-zeros", "nul"],
)
def test_a_hostile_pesel_in_enrolment_step_one_is_refused_not_a_server_error(client, member, pesel):
    from tests.intranet.enrolment.test_enrolment_wizard import PERSONAL, start, step_url

    client.force_login(member)
    enrolment = start(client)
    client.raise_request_exception = False

    response = client.post(step_url(enrolment, 1), PERSONAL | {"pesel": pesel})

    assert response.status_code == 200
    assert "PESEL" in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.steps_done == 0
