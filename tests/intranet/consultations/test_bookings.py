"""Members book consultations; staff book walk-ins; advisers record what happened."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from icalendar import Calendar

from intranet.consultations.slots import free_slots
from intranet.models import Booking, Specialisation
from portal import accounts
from tests.factories.intranet import AdviserFactory, BookingFactory
from tests.factories.portal import LocationFactory, UserFactory
from tests.intranet.enrolment.test_enrolment_review import after_commit, staff_user
from tests.mail import delivered

pytestmark = pytest.mark.django_db

WORKDAYS = range(5)


@pytest.fixture
def business():
    return Specialisation.objects.get(code="business")


@pytest.fixture
def centre():
    return LocationFactory(name="LOEiIS Świebodzin", phone="68 111 22 33")


@pytest.fixture
def adviser(centre):
    return AdviserFactory(
        user__first_name="Beata",
        user__last_name="Doradczyni",
        hours=[(day, "08:00", "16:00", centre) for day in WORKDAYS],
    )


def slots(business, centre, **kwargs):
    return free_slots(
        specialisation=business,
        location=centre,
        first_day=timezone.localdate() + datetime.timedelta(days=2),
        days=20,
        **kwargs,
    )


def search(business, centre, **extra):
    return {"specjalizacja": business.code, "miejsce": centre.pk, **extra}


def book(client, business, centre, slot_key, topic="Biznesplan spółdzielni", **extra):
    query = urlencode(search(business, centre, termin=slot_key, **extra))
    with after_commit():
        return client.post(
            f"{reverse('bookings:book')}?{query}",
            {"termin": slot_key, "topic": topic, **extra},
            follow=True,
        )


def test_a_member_finds_a_free_time_books_it_and_gets_an_ics(
    client, member, business, centre, adviser
):
    client.force_login(member)
    home = client.get(reverse("bookings:home")).content.decode()
    assert "doradztwo biznesowe" in home and "LOEiIS Świebodzin" in home
    listing = client.get(reverse("bookings:slots"), search(business, centre)).content.decode()
    assert "Beata Doradczyni" in listing

    slot = slots(business, centre)[0]
    confirm = client.get(
        reverse("bookings:book"), search(business, centre, termin=slot.key)
    ).content.decode()
    assert "Potwierdź rezerwację" in confirm
    page = book(client, business, centre, slot.key).content.decode()
    assert "Konsultacja jest zarezerwowana" in page

    booking = Booking.objects.get(member=member)
    assert (booking.start, booking.adviser) == (slot.start, adviser)
    assert booking.end - booking.start == datetime.timedelta(minutes=60)
    message = delivered()[-1]
    assert message.to == [member.email] and "Konsultacja zarezerwowana" in message.subject
    name, content, mimetype = message.attachments[0]
    assert name == "konsultacja.ics" and mimetype.startswith("text/calendar")
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == slot.start
    assert "LOEiIS Świebodzin" in str(event["location"])

    dashboard = client.get(reverse("intranet:dashboard")).content.decode()
    assert "Beata Doradczyni" in dashboard
    assert slot.start not in [s.start for s in slots(business, centre)]


@pytest.mark.parametrize(
    "tamper",
    ["past", "outside-hours", "odd-minute", "holiday", "forged-adviser", "garbage"],
)
def test_bad_times_are_refused_with_a_message_and_change_nothing(
    client, member, business, centre, adviser, tamper
):
    client.force_login(member)
    tz = timezone.get_current_timezone()
    slot = slots(business, centre)[0]
    start = slot.start
    adviser_id = adviser.pk
    if tamper == "past":
        start = timezone.now() - datetime.timedelta(days=1)
    elif tamper == "outside-hours":
        start = start.replace(hour=20)
    elif tamper == "odd-minute":
        start = start + datetime.timedelta(minutes=7)
    elif tamper == "holiday":
        year = timezone.localdate().year + 1
        start = datetime.datetime(year, 5, 3, 10, tzinfo=tz)  # Constitution Day
    elif tamper == "forged-adviser":
        adviser_id = 999999
    key = "nonsense" if tamper == "garbage" else f"{adviser_id}:{start.isoformat()}"
    response = book(client, business, centre, key)
    assert response.status_code in (200, 404)
    if response.status_code == 200:
        page = response.content.decode()
        assert "Ten termin został właśnie zajęty" in page or "Wybierz termin z listy" in page
    assert not Booking.objects.exists()


def test_a_member_holds_at_most_three_upcoming_meetings(client, member, business, centre, adviser):
    client.force_login(member)
    free = slots(business, centre)
    for slot in free[:3]:
        book(client, business, centre, slot.key)
    page = book(client, business, centre, free[5].key).content.decode()
    assert "Masz już 3 nadchodzące konsultacje" in page
    assert Booking.objects.filter(member=member).count() == 3
    # The consultations page says so before the search, and offers no search to start.
    home = client.get(reverse("bookings:home")).content.decode()
    assert "Masz już 3 nadchodzące konsultacje" in home
    assert 'action="/intranet/konsultacje/terminy/' not in home


def test_a_member_cannot_be_in_two_meetings_at_once(client, member, business, centre, adviser):
    other = AdviserFactory(hours=[(day, "08:00", "16:00", centre) for day in WORKDAYS])
    client.force_login(member)
    slot = slots(business, centre, adviser_id=adviser.pk)[0]
    book(client, business, centre, slot.key)
    same_time = f"{other.pk}:{slot.start.isoformat()}"
    page = book(client, business, centre, same_time).content.decode()
    assert "Masz już konsultację o tej porze" in page or "właśnie zajęty" in page
    assert Booking.objects.filter(member=member).count() == 1


def test_cancel_until_24_hours_before_then_phone_the_centre(
    client, member, business, centre, adviser
):
    client.force_login(member)
    later = BookingFactory(adviser=adviser, member=member, location=centre)
    soon = BookingFactory(
        adviser=adviser,
        member=member,
        location=centre,
        start=timezone.now() + datetime.timedelta(hours=5),
    )
    with after_commit():
        client.post(reverse("bookings:cancel", args=(later.pk,)))
    later.refresh_from_db()
    assert later.status == "cancelled"
    assert "odwołana" in delivered()[-1].subject

    page = client.get(reverse("bookings:detail", args=(soon.pk,))).content.decode()
    assert "zadzwoń do ośrodka" in page and "68 111 22 33" in page
    page = client.post(reverse("bookings:cancel", args=(soon.pk,)), follow=True).content.decode()
    assert "zadzwoń do ośrodka" in page
    soon.refresh_from_db()
    assert soon.status == "booked"


def test_a_member_moves_a_meeting_to_another_time(client, member, business, centre, adviser):
    client.force_login(member)
    free = slots(business, centre)
    book(client, business, centre, free[0].key)
    first = Booking.objects.get(member=member)
    page = book(client, business, centre, free[3].key, przeloz=first.pk).content.decode()
    assert "Konsultacja jest zarezerwowana" in page
    first.refresh_from_db()
    moved = Booking.objects.get(member=member, status="booked")
    assert first.status == "cancelled" and moved.start == free[3].start


@pytest.mark.parametrize("url_name", ["bookings:detail", "bookings:cancel", "bookings:ics"])
def test_another_members_booking_is_not_found(client, url_name):
    foreign = BookingFactory()
    client.force_login(UserFactory())
    method = client.post if url_name == "bookings:cancel" else client.get
    assert method(reverse(url_name, args=(foreign.pk,))).status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == "booked"


def test_reminders_go_out_once_the_day_before(adviser, centre):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    start = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(10)))
    BookingFactory(
        adviser=adviser, location=centre, start=start, end=start + datetime.timedelta(hours=1)
    )
    BookingFactory(adviser=adviser, location=centre)  # in three days: not yet
    with after_commit():
        call_command("send_booking_reminders", stdout=io.StringIO())
        call_command("send_booking_reminders", stdout=io.StringIO())
    assert len(delivered()) == 1
    assert "Przypomnienie" in delivered()[0].subject


def test_staff_book_a_walk_in_in_three_actions(client, business, centre, adviser, tuesday_morning):
    staff = staff_user()
    client.force_login(staff)
    desk = client.get(reverse("bookings_staff:desk"), {"osrodek": centre.pk}).content.decode()
    assert "Doradztwo biznesowe" in desk
    # Action 1: the next free time for business advice (a link on the desk).
    link = next(line for line in desk.splitlines() if "walk_in" in line or "recepcja/umow" in line)
    href = link.split('href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    form_page = client.get(href)
    assert "Umów osobę z ulicy" in form_page.content.decode()
    # Actions 2 and 3: the visitor's name and phone, then "Book".
    query = href.split("?", 1)[1]
    params = dict(pair.split("=", 1) for pair in query.split("&"))
    from urllib.parse import unquote

    response = client.post(
        reverse("bookings_staff:walk_in"),
        {
            "osrodek": centre.pk,
            "specjalizacja": params["specjalizacja"],
            "termin": unquote(params["termin"]),
            "visitor_name": "Pan Zenon z ulicy",
            "visitor_phone": "600 123 456",
        },
        follow=True,
    )
    assert "Umówiono: Pan Zenon z ulicy" in response.content.decode()
    booking = Booking.objects.get()
    assert booking.is_walk_in and booking.member is None and booking.created_by == staff


def test_a_walk_in_needs_a_name_and_a_phone_or_e_mail(client, business, centre, adviser):
    client.force_login(staff_user())
    slot = free_slots(
        specialisation=business,
        location=centre,
        first_day=timezone.localdate(),
        days=7,
        step_minutes=15,
    )[0]
    page = client.post(
        reverse("bookings_staff:walk_in"),
        {
            "osrodek": centre.pk,
            "specjalizacja": "business",
            "termin": slot.key,
            "visitor_name": "X",
        },
    ).content.decode()
    assert "Podaj numer telefonu albo adres e-mail." in page
    assert not Booking.objects.exists()


def test_the_desk_keeps_its_query_count_with_20_advisers_and_2000_bookings(
    client, business, centre, django_assert_max_num_queries, tuesday_morning
):
    client.force_login(staff_user())
    advisers = [
        AdviserFactory(
            specialisations=["business", "legal"],
            hours=[(day, "07:00", "21:00", centre) for day in range(7)],
        )
        for _ in range(20)
    ]
    url = reverse("bookings_staff:desk")
    with django_assert_max_num_queries(30) as before:
        client.get(url, {"osrodek": centre.pk})
    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    bookings = []
    for number in range(2000):
        adviser = advisers[number % 20]
        day = monday + datetime.timedelta(days=(number // 20) % 7)
        minute = ((number // 140) * 45) % (14 * 60)
        start = timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(7)) + datetime.timedelta(minutes=minute)
        )
        bookings.append(
            Booking(
                adviser=adviser,
                specialisation=business,
                location=centre,
                start=start,
                end=start + datetime.timedelta(minutes=30),
                visitor_name=f"Osoba {number}",
            )
        )
    Booking.objects.bulk_create(bookings, ignore_conflicts=True)
    assert Booking.objects.count() > 1900
    # As many queries with 2,000 bookings as with none (its speed is make bench's to measure).
    with django_assert_max_num_queries(len(before.captured_queries)):
        response = client.get(url, {"osrodek": centre.pk})
    assert response.status_code == 200


def test_an_adviser_records_the_outcome_the_member_never_sees_the_notes(
    client, business, centre, adviser
):
    member = UserFactory()
    past = timezone.now() - datetime.timedelta(hours=2)
    booking = BookingFactory(
        adviser=adviser,
        member=member,
        location=centre,
        start=past,
        end=past + datetime.timedelta(hours=1),
    )
    client.force_login(adviser.user)
    url = reverse("bookings_staff:outcome", args=(booking.pk,))
    page = client.post(
        url, {"status": "attended", "notes": "Tajna notatka"}, follow=True
    ).content.decode()
    assert "Podaj, ile trwało spotkanie." in page
    client.post(
        url,
        {"status": "attended", "actual_minutes": 50, "notes": "Tajna notatka", "follow_up": "on"},
    )
    booking.refresh_from_db()
    assert (booking.status, booking.actual_minutes, booking.follow_up) == ("attended", 50, True)

    other_adviser = AdviserFactory()
    client.force_login(other_adviser.user)
    assert client.get(url).status_code == 404
    client.force_login(staff_user())
    assert "Tajna notatka" in client.get(url).content.decode()
    client.force_login(member)
    assert (
        "Tajna notatka"
        not in client.get(reverse("bookings:detail", args=(booking.pk,))).content.decode()
    )
    assert client.get(url).status_code == 403


def test_day_and_week_calendars_show_the_meetings(client, business, centre, adviser):
    booking = BookingFactory(
        adviser=adviser,
        location=centre,
        visitor_name="",
        member=UserFactory(first_name="Halina", last_name="Kalendarzowa"),
    )
    client.force_login(staff_user())
    day = timezone.localtime(booking.start).date().isoformat()
    page = client.get(
        reverse("bookings_staff:calendar"), {"dzien": day, "osrodek": centre.pk}
    ).content.decode()
    assert "Halina Kalendarzowa" in page
    page = client.get(
        reverse("bookings_staff:calendar"), {"dzien": day, "widok": "tydzien"}
    ).content.decode()
    assert "Halina Kalendarzowa" in page and page.count("<h2") >= 7
    assert client.get(reverse("bookings_staff:calendar"), {"dzien": "nie-data"}).status_code == 200
    client.force_login(UserFactory())
    assert client.get(reverse("bookings_staff:calendar")).status_code == 403


def test_another_adviser_sees_the_time_taken_but_not_who_it_is_with(
    client, business, centre, adviser
):
    therapist = AdviserFactory(specialisations=["therapist"], user__last_name="Terapeutka")
    booking = BookingFactory(
        adviser=therapist,
        location=centre,
        visitor_name="",
        member=UserFactory(first_name="Halina", last_name="Kalendarzowa"),
    )
    day = timezone.localtime(booking.start).date().isoformat()
    calendar = reverse("bookings_staff:calendar")

    client.force_login(adviser.user)
    seen_by_another = client.get(calendar, {"dzien": day}).content.decode()
    client.force_login(therapist.user)
    seen_by_hers = client.get(calendar, {"dzien": day}).content.decode()

    assert "Kalendarzowa" not in seen_by_another and "osoba umówiona" in seen_by_another
    assert "Halina Kalendarzowa" in seen_by_hers


def test_holidays_are_named_on_the_calendar(client):
    client.force_login(staff_user(accounts.ROLE_STAFF))
    year = timezone.localdate().year + 1
    page = client.get(
        reverse("bookings_staff:calendar"), {"dzien": f"{year}-11-11"}
    ).content.decode()
    assert "Narodowe Święto Niepodległości" in page


def test_a_walk_in_visitor_is_invited_to_enrol(client, business, centre, adviser):
    booking = BookingFactory(
        adviser=adviser,
        location=centre,
        member=None,
        is_walk_in=True,
        visitor_name="Pan Zenon",
        visitor_email="zenon@example.org",
    )
    client.force_login(staff_user())
    page = client.get(reverse("bookings_staff:outcome", args=(booking.pk,))).content.decode()
    assert "Wyślij zaproszenie do rekrutacji" in page
    response = client.post(reverse("bookings_staff:invite", args=(booking.pk,)), follow=True)
    assert "Zaproszenie wysłano na zenon@example.org." in response.content.decode()
    assert delivered()[-1].to == ["zenon@example.org"]
    assert "/konto/signup/?next=%2Fintranet%2Frekrutacja%2F" in delivered()[-1].body
