"""The indicators and the annual report reproduce the figures of the 2016 seed report."""

import csv
import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from events.models import EventKind, Registration
from intranet.grants.monitoring import job_checks_schedule
from intranet.models import AnnualReport, Booking, Enrolment, Grant, Job, Partnership
from portal import accounts
from tests.factories.directory import EntityFactory
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.intranet import AdviserFactory
from tests.factories.portal import LocationFactory, UserFactory
from tests.intranet.enrolment.test_enrolment_review import staff_user
from tests.mail import delivered

pytestmark = pytest.mark.django_db

YEAR_2016 = {"rok": 2016}


def accepted(target_group, number, *, sex="", location=None, start=datetime.date(2016, 3, 1)):
    return Enrolment(
        target_group=target_group,
        status="accepted",
        first_name=f"Osoba{number}" if target_group != "entity" else "",
        last_name="Testowa" if target_group != "entity" else "",
        entity_name=f"Podmiot {number}" if target_group == "entity" else "",
        sex=sex,
        location=location,
        submitted_at=timezone.make_aware(datetime.datetime(2016, 2, 15, 10)),
        support_start=start + datetime.timedelta(days=number % 200),
    )


@pytest.fixture
def year_2016(home_page):
    """The figures of ../shared/seed/lowes-2016-activity-report.pl.txt, as data."""
    centres = [
        LocationFactory(name=f"LOEiIS {town}")
        for town in ("Świebodzin", "Kożuchów", "Dobiegniew", "Kostrzyn nad Odrą", "Nowa Sól")
    ]
    founded, existing = EntityFactory(year_founded=2016), EntityFactory(year_founded=2009)
    rows = [accepted("entity", n, location=centres[n % 5]) for n in range(94)]
    rows[0].entity, rows[1].entity = founded, existing
    rows += [
        accepted(
            "individual" if n % 4 else "delegated_person",
            n,
            sex="F" if n < 170 else "M",
            location=centres[n % 5],
        )
        for n in range(293)
    ]
    # Outside 2016, so not counted: supported in 2015 only, and a rejected enrolment.
    rows.append(accepted("individual", 999, sex="F", start=datetime.date(2015, 5, 1)))
    rows[-1].support_end = datetime.date(2015, 12, 31)
    rows.append(Enrolment(target_group="individual", status="rejected", sex="M"))
    Enrolment.objects.bulk_create(rows)

    for name, outcome in (
        ("Partnerstwo A", "funded"),
        ("Partnerstwo B", "funded"),
        ("Partnerstwo C", "funded"),
        ("Partnerstwo D", "not_funded"),
    ):
        Partnership.objects.create(
            name=name,
            call="RPO Lubuskie 7.4",
            outcome=outcome,
            created_on=datetime.date(2016, 6, 1),
        )
    for jobs, entity in ((4, founded), (2, existing)):
        grant = Grant.objects.create(
            entity=entity, kind="grant", amount=23000 * jobs, signed_on=datetime.date(2016, 11, 1)
        )
        for _ in range(jobs):
            job = Job.objects.create(grant=grant, start_date=datetime.date(2016, 12, 1))
            job_checks_schedule(job=job)

    seminar = EventPageFactory(
        parent=EventIndexPageFactory(parent=home_page),
        title="Seminarium Sieciujące „Lubuski pakt na rzecz ES”",
        kind=EventKind.NETWORKING_SEMINAR,
        capacity=150,
        start=timezone.make_aware(datetime.datetime(2016, 10, 20, 10)),
        end=timezone.make_aware(datetime.datetime(2016, 10, 20, 15)),
    )
    Registration.objects.bulk_create(
        Registration(
            event=seminar,
            status="confirmed",
            occurrence_date=datetime.date(2016, 10, 20),
            first_name="Gość",
            last_name=str(n),
            email=f"gosc{n}@example.org",
            participant_type="other",
            consent_text="zgoda",
            consent_version="1",
            consented_at=timezone.now(),
            attended=True,
        )
        for n in range(120)
    )
    return centres


@pytest.fixture
def kadra(client):
    user = staff_user()
    client.force_login(user)
    return user


def figures_on(page: str) -> str:
    return " ".join(page.split())


def figure(page: str, label: str) -> str:
    """The value shown next to `label` on the dashboard (a link to its records, or text)."""
    found = re.search(rf"<dt>{re.escape(label)}</dt><dd>(?:<a [^>]*>)?([\d.,]+)", page)
    assert found, f"{label} is not on the page"
    return found.group(1)


def test_the_dashboard_shows_the_2016_figures_of_the_seed_report(client, kadra, year_2016):
    page = figures_on(client.get(reverse("indicators:dashboard"), YEAR_2016).content.decode())
    shown = {
        label: figure(page, label)
        for label in (
            "Wspierane podmioty",
            "Wspierane osoby",
            "– kobiety",
            "– mężczyźni",
            "Lokalne ośrodki inkubacji",
            "Utworzone partnerstwa",
            "– w tym z dofinansowaniem",
            "Umowy o dotację i wsparcie pomostowe",
            "Utworzone miejsca pracy",
            "Obecność na wydarzeniach",
            "Nowo utworzone podmioty",
        )
    }
    assert shown == {
        "Wspierane podmioty": "94",
        "Wspierane osoby": "293",
        "– kobiety": "170",
        "– mężczyźni": "123",
        "Lokalne ośrodki inkubacji": "5",
        "Utworzone partnerstwa": "4",
        "– w tym z dofinansowaniem": "3",
        "Umowy o dotację i wsparcie pomostowe": "2",
        "Utworzone miejsca pracy": "6",
        "Obecność na wydarzeniach": "120",
        "Nowo utworzone podmioty": "1",
    }
    assert "Seminarium sieciujące" in page or "seminarium sieciujące" in page


def test_each_figure_lists_the_records_behind_it(client, kadra, year_2016):
    page = client.get(reverse("indicators:records", args=("people",)), YEAR_2016).content.decode()
    assert "293" in page and "Osoba0 Testowa" in page
    page = client.get(reverse("indicators:records", args=("partnerships_funded",)), YEAR_2016)
    assert page.content.decode().count("Partnerstwo ") == 3
    assert client.get(reverse("indicators:records", args=("nic",))).status_code == 404


def test_one_centre_at_a_time(client, kadra, year_2016):
    page = figures_on(
        client.get(
            reverse("indicators:dashboard"), YEAR_2016 | {"osrodek": year_2016[0].pk}
        ).content.decode()
    )
    # Every fifth entity and person enrolled at the first centre.
    assert figure(page, "Wspierane podmioty") == "19"
    assert figure(page, "Wspierane osoby") == "59"


def test_tables_export_as_csv_and_xlsx(client, kadra, year_2016):
    response = client.get(reverse("indicators:export", args=("summary", "csv")), YEAR_2016)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Wskaźnik", "Wartość"]
    assert ["Wspierane osoby", "293"] in rows
    response = client.get(reverse("indicators:export", args=("events", "xlsx")), YEAR_2016)
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[1][1:] == [1, 120, 120, 0]  # held, registrations, attendance, no-shows
    assert client.get(reverse("indicators:export", args=("summary", "pdf"))).status_code == 404


def test_the_annual_report_keeps_the_commentary_and_downloads_as_docx(client, kadra, year_2016):
    url = reverse("indicators:report", args=(2016,))
    page = figures_on(client.get(url).content.decode())
    assert "Sprawozdanie roczne 2016" in page and "Rekrutacja" in page and "Partnerstwa" in page
    client.post(url, {"recruitment": "Rekrutacja przebiegła zgodnie z planem.", "grants": ""})
    assert AnnualReport.objects.get(year=2016).commentary == {
        "recruitment": "Rekrutacja przebiegła zgodnie z planem."
    }
    assert "Rekrutacja przebiegła zgodnie z planem." in client.get(url).content.decode()

    response = client.get(reverse("indicators:report_docx", args=(2016,)))
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Sprawozdanie roczne 2016" in text
    assert "Rekrutacja przebiegła zgodnie z planem." in text
    assert "293" in cells and "94" in cells and "6" in cells
    assert client.get(reverse("indicators:report", args=(1700,))).status_code == 404


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"rok": "abc"}, "Wpisz liczbę całkowitą."),
        ({"od": "2016-12-31", "do": "2016-01-01"}, "Koniec okresu jest przed jego początkiem."),
        ({"od": "1016-01-01", "do": "2016-01-01"}, "Wybierz datę z lat 2000–2100."),
        ({"od": "2000-01-01", "do": "2020-01-01"}, "Wybierz okres nie dłuższy niż dziesięć lat."),
        ({"od": "2016-01-01"}, "Podaj obie daty zakresu albo wybierz rok."),
        ({"osrodek": "999999"}, "Wybierz poprawną wartość."),
    ],
    ids=["year-abc", "end-before-start", "1000-years", "20-years", "half-range", "forged-centre"],
)
def test_bad_periods_get_a_clear_message(client, kadra, params, message):
    response = client.get(reverse("indicators:dashboard"), params)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_quarters_and_custom_ranges(client, kadra, year_2016):
    page = figures_on(
        client.get(reverse("indicators:dashboard"), {"rok": 2016, "kwartal": 4}).content.decode()
    )
    assert "Od 1 października 2016 do 31 grudnia 2016" in page
    assert figure(page, "Umowy o dotację i wsparcie pomostowe") == "2"


def test_the_dashboard_query_count_does_not_grow_with_the_data(
    client, kadra, django_assert_max_num_queries
):
    centre = LocationFactory()
    url = reverse("indicators:dashboard")
    with django_assert_max_num_queries(40) as small:
        client.get(url, YEAR_2016)
    Enrolment.objects.bulk_create(
        accepted("individual", n, sex="F" if n % 2 else "M", location=centre) for n in range(600)
    )
    adviser = AdviserFactory()
    start = timezone.make_aware(datetime.datetime(2016, 5, 5, 9))
    Booking.objects.bulk_create(
        Booking(
            adviser=adviser,
            specialisation_id=adviser.specialisations.first().pk,
            location=centre,
            start=start + datetime.timedelta(hours=n),
            end=start + datetime.timedelta(hours=n, minutes=50),
            status="attended",
            actual_minutes=50,
        )
        for n in range(1500)
    )
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url, YEAR_2016)


def test_only_staff_with_the_permission_see_the_indicators(client):
    for user in (UserFactory(), AdviserFactory().user):
        client.force_login(user)
        assert client.get(reverse("indicators:dashboard")).status_code == 403
        assert client.get(reverse("indicators:report", args=(2016,))).status_code == 403


def test_job_checks_are_scheduled_recorded_and_overdue_ones_reported_once(client, kadra):
    grant = Grant.objects.create(
        entity=EntityFactory(), kind="grant", amount=30000, signed_on=datetime.date(2025, 1, 10)
    )
    job = Job.objects.create(grant=grant, start_date=datetime.date(2025, 2, 1))
    assert job_checks_schedule(job=job) == 4
    assert job_checks_schedule(job=job) == 0  # safe to repeat
    assert [c.due_on for c in job.checks.order_by("due_on")] == [
        datetime.date(2025, 5, 1),
        datetime.date(2025, 8, 1),
        datetime.date(2025, 11, 1),
        datetime.date(2026, 2, 1),
    ]
    call_command("notify_overdue_job_checks", stdout=io.StringIO())
    call_command("notify_overdue_job_checks", stdout=io.StringIO())
    assert len(delivered()) == 1 and kadra.email in delivered()[0].to
    assert "Zaległe kontrole miejsc pracy: 4" in delivered()[0].subject

    first = job.checks.order_by("due_on").first()
    page = client.get(reverse("indicators:jobs")).content.decode()
    assert "Zaległe kontrole" in page and grant.entity.name in page
    client.post(reverse("indicators:jobs"), {"check": first.pk, "result": "maintained"})
    first.refresh_from_db()
    assert first.result == "maintained" and first.checked_by == kadra
    period = {"od": "2025-01-01", "do": timezone.localdate().isoformat()}
    page = figures_on(client.get(reverse("indicators:dashboard"), period).content.decode())
    assert figure(page, "Utrzymane miejsca pracy (kontrola w okresie)") == "1"


def test_staff_in_the_role_only(client):
    client.force_login(staff_user(accounts.ROLE_SPECIAL_DATA))
    assert client.get(reverse("indicators:dashboard")).status_code == 200
