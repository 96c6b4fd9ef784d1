"""Survey results and event no-shows in the indicators dashboard, its exports and the annual
report (HTML, DOCX, PDF): averages, answers and response rates per event, kind,
specialisation and centre — and never who answered what."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from events.models import EventKind
from feedback import services
from feedback.models import Audience, Invitation
from tests.factories.events import EventIndexPageFactory, EventPageFactory, RegistrationFactory
from tests.factories.intranet import BookingFactory
from tests.feedback.conftest import answer_data, centre, make_survey, past_event, present, survey
from tests.intranet.indicators.test_indicators import figure, figures_on, kadra

pytestmark = pytest.mark.django_db

__all__ = ["centre", "kadra", "past_event", "present", "survey"]  # fixtures used here


def period(days_ahead=0) -> dict:
    """From the first day of the month 40 days ago (consultations count by month) to today
    (or `days_ahead` later)."""
    today = timezone.localdate()
    return {
        "od": (today - datetime.timedelta(days=40)).replace(day=1),
        "do": today + datetime.timedelta(days=days_ahead),
    }


@pytest.fixture
def answered(client, survey, present, centre):
    """Four people at the event invited, three answered (ratings 5, 4, 2); one consultation
    at the same centre, answered with a 3."""
    make_survey("Po konsultacji", audience=Audience.CONSULTATION, event_kind="")
    start = timezone.now() - datetime.timedelta(days=1, hours=2)
    booking = BookingFactory(
        start=start, end=start + datetime.timedelta(hours=1), status="attended", location=centre
    )
    services.invitations_send()
    answers = [(registration, 5 - n if n < 2 else 2) for n, registration in enumerate(present)]
    for registration, rating in answers[:3]:
        invitation = Invitation.objects.get(registration=registration)
        client.post(
            reverse("feedback:survey", kwargs={"token": invitation.token}),
            answer_data(invitation.survey, rating=rating, text="Więcej przerw"),
        )
    invitation = Invitation.objects.get(booking=booking)
    client.post(
        reverse("feedback:survey", kwargs={"token": invitation.token}),
        answer_data(invitation.survey, rating=3),
    )
    return [*present, booking.member]


def _csv(client, table, days_ahead=0):
    response = client.get(reverse("indicators:export", args=(table, "csv")), period(days_ahead))
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_survey_results_per_event_kind_specialisation_and_centre(client, kadra, answered):
    page = figures_on(client.get(reverse("indicators:dashboard"), period()).content.decode())

    assert figure(page, "Wysłane zaproszenia do ankiet") == "5"
    assert figure(page, "Odpowiedzi na ankiety") == "4"
    assert figure(page, "Odsetek odpowiedzi na ankiety (%)") == "80,0"
    assert figure(page, "Średnia ocena w ankietach (1–5)") == "3,50"
    assert _csv(client, "feedback_events")[1:] == [
        ["Spotkanie animacyjne w Kożuchowie", "4", "3", "75.0", "3.67"]
    ]
    assert _csv(client, "feedback_kinds")[1:] == [
        ["konsultacje", "1", "1", "100.0", "3.00"],
        ["spotkanie animacyjne", "4", "3", "75.0", "3.67"],
    ]
    ((specialisation, *figures),) = _csv(client, "feedback_specialisations")[1:]
    assert figures == ["1", "1", "100.0", "3.00"]
    assert _csv(client, "feedback_centres")[1:] == [
        ["Ośrodek w Kożuchowie", "5", "4", "80.0", "3.50"]
    ]
    header = _csv(client, "feedback_centres")[0]
    assert header == [
        "Lokalny ośrodek",
        "Wysłane zaproszenia",
        "Odpowiedzi",
        "Odsetek odpowiedzi (%)",
        "Średnia ocena (1–5)",
    ]
    response = client.get(reverse("indicators:export", args=("feedback_kinds", "xlsx")), period())
    rows = [[c.value for c in row] for row in load_workbook(io.BytesIO(response.content)).active]
    assert ["spotkanie animacyjne", 4, 3, 75.0, 3.67] in rows
    # Kadra read the free text on the feedback app's page, linked from the dashboard.
    assert reverse("feedback:text_answers") in page
    assert specialisation in page


def test_one_centre_at_a_time_also_for_the_surveys(client, kadra, answered, centre):
    other = BookingFactory().location
    for location, expected in ((centre, "4"), (other, "0")):
        page = figures_on(
            client.get(
                reverse("indicators:dashboard"), period() | {"osrodek": location.pk}
            ).content.decode()
        )
        assert figure(page, "Odpowiedzi na ankiety") == expected


def test_the_annual_report_has_the_survey_results_and_never_who_answered(
    client, kadra, answered, past_event
):
    year = timezone.localtime(past_event.start).year
    report = figures_on(client.get(reverse("indicators:report", args=(year,))).content.decode())
    docx = Document(io.BytesIO(client.get(reverse("indicators:report_docx", args=(year,))).content))
    docx_text = " ".join(
        [p.text for p in docx.paragraphs]
        + [cell.text for table in docx.tables for row in table.rows for cell in row.cells]
    )
    pdf = PdfReader(io.BytesIO(client.get(reverse("indicators:report_pdf", args=(year,))).content))
    pdf_text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)

    line = "odpowiedzi 3 z 4 (75,0 %), średnia ocena 3,67"
    for document in (report, docx_text, pdf_text):
        assert "Opinie uczestników" in document
        assert "Wydarzenie: Spotkanie animacyjne w Kożuchowie" in document
        assert line in document
    dashboard = client.get(reverse("indicators:dashboard"), period()).content.decode()
    exports = [
        client.get(reverse("indicators:export", args=(table, fmt)), period()).content
        for table in ("feedback_events", "feedback_kinds", "feedback_centres", "summary")
        for fmt in ("csv", "xlsx")
    ]
    shown = " ".join([report, docx_text, pdf_text, dashboard]) + str(exports)
    for person in answered:
        assert person.email not in shown
        assert person.last_name not in shown
    assert "Łucja" not in shown and "Żółkiewska" not in shown


@pytest.fixture
def no_shows(home_page, centre):
    """Two past dates and one to come; at the first, one of three confirmed people stayed
    away; the cancelled event's people and the waiting list are no no-shows."""
    index = EventIndexPageFactory(parent=home_page)

    def event(days, **fields):
        start = timezone.now() + datetime.timedelta(days=days)
        return EventPageFactory(
            parent=index,
            kind=EventKind.ANIMATION,
            start=start,
            end=start + datetime.timedelta(hours=2),
            location=centre,
            **fields,
        )

    held = event(-5, title="Spotkanie w Kożuchowie")
    RegistrationFactory.create_batch(2, event=held, attended=True)
    RegistrationFactory(event=held, attended=False, last_name="Nieobecna")
    RegistrationFactory(event=held, status="waiting")
    RegistrationFactory(event=held, status="cancelled")
    RegistrationFactory(event=event(-4, is_cancelled=True), attended=False)
    RegistrationFactory(event=event(2), attended=False)  # still to come
    return held


def test_the_indicators_count_the_people_who_did_not_come(client, kadra, no_shows):
    page = client.get(reverse("indicators:dashboard"), period(days_ahead=10)).content.decode()

    assert (
        figure(figures_on(page), "Nieobecni na wydarzeniach (potwierdzeni, bez obecności)") == "1"
    )
    events = _csv(client, "events", days_ahead=10)
    assert events[0][-1] == "Nieobecni"
    assert events[1] == ["spotkanie animacyjne", "3", "6", "2", "1"]
    records = client.get(
        reverse("indicators:records", args=("event_no_shows",)), period(days_ahead=10)
    )
    assert records.content.decode().count("Spotkanie w Kożuchowie") == 1
    year = timezone.localtime(no_shows.start).year
    report = figures_on(client.get(reverse("indicators:report", args=(year,))).content.decode())
    assert "obecność 2, nieobecni 1" in report


def test_consultations_count_by_month_in_a_custom_range(answered):
    from feedback import selectors

    held_on = Invitation.objects.get(booking__isnull=False).held_on
    month = held_on.replace(day=1)
    month_end = (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)

    def consultations(start, end):
        kinds = selectors.results_for_period(start=start, end=end)["kinds"]
        return [(g.invitations, g.responses) for g in kinds if g.label == "konsultacje"]

    # The answer keeps only the month: a range from the month's first day holds the
    # consultation (its invitation and its answer), one from the second day holds neither.
    assert consultations(month, month_end) == [(1, 1)]
    assert consultations(month + datetime.timedelta(days=1), month_end) == []
