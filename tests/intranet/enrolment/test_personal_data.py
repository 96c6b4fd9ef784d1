"""Personal data: masked without the permission, every view logged, export, download, erasure."""

import csv
import datetime
import io
import json
import logging

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from intranet.enrolment.cst2021 import ENTITY_COLUMNS, PERSON_COLUMNS
from intranet.models import Enrolment, PersonalDataAccess
from portal import accounts
from tests.factories.events import EventIndexPageFactory, EventPageFactory, RegistrationFactory
from tests.factories.intranet import EnrolmentFactory, EntityEnrolmentFactory, make_pesel
from tests.factories.portal import UserFactory
from tests.intranet.enrolment.test_enrolment_review import staff_user
from tests.mail import delivered

pytestmark = pytest.mark.django_db


def test_staff_without_the_permission_see_pesel_and_disability_masked(client):
    enrolment = EnrolmentFactory(submitted=True, accessibility_needs="Tłumacz PJM")
    client.force_login(staff_user())
    page = client.get(reverse("enrolment_staff:detail", args=(enrolment.pk,))).content.decode()
    assert enrolment.pesel not in page
    assert "Tłumacz PJM" not in page
    assert "umiarkowany" not in page
    assert "ukryte" in page
    assert not PersonalDataAccess.objects.exists()


@pytest.mark.parametrize("screen", ["detail", "declaration"], ids=str)
def test_staff_without_the_permission_see_no_birth_date_or_sex(client, screen):
    enrolment = EnrolmentFactory(accepted=True, birth_date=datetime.date(1985, 4, 12), sex="F")
    url = reverse(f"enrolment_staff:{screen}", args=(enrolment.pk,))
    client.force_login(staff_user())

    page = client.get(url).content.decode()

    assert "12 kwietnia 1985" not in page and "kobieta" not in page.lower()
    assert "Data urodzenia, płeć" in page
    client.force_login(staff_user(accounts.ROLE_SPECIAL_DATA))
    page = client.get(url).content.decode()
    assert "12 kwietnia 1985" in page and "kobieta" in page.lower()
    assert "birth_date" in PersonalDataAccess.objects.get().fields


def test_staff_with_the_permission_see_them_and_each_view_is_logged(client):
    enrolment = EnrolmentFactory(submitted=True)
    viewer = staff_user(accounts.ROLE_SPECIAL_DATA)
    client.force_login(viewer)
    url = reverse("enrolment_staff:detail", args=(enrolment.pk,))
    page = client.get(url).content.decode()
    assert enrolment.pesel in page and "umiarkowany" in page
    client.get(url)
    log = PersonalDataAccess.objects.filter(enrolment=enrolment, staff_user=viewer)
    assert log.count() == 2
    assert "pesel" in log.first().fields and "disability" in log.first().fields

    log_page = client.get(reverse("enrolment_staff:access_log")).content.decode()
    assert viewer.email in log_page and "obejrzał(a) zgłoszenie" in log_page


def test_the_access_log_is_only_for_those_allowed_to_read_it(client):
    client.force_login(staff_user())
    assert client.get(reverse("enrolment_staff:access_log")).status_code == 403


def test_participants_export_in_the_cst2021_layout(client):
    person = EnrolmentFactory(accepted=True, first_name="Irena", disability="refused")
    entity = EntityEnrolmentFactory(accepted=True, entity_name="Spółdzielnia Smaki")
    EnrolmentFactory(submitted=True, first_name="Niezaakceptowana")
    viewer = staff_user(accounts.ROLE_SPECIAL_DATA)
    client.force_login(viewer)

    response = client.get(reverse("enrolment_staff:export_persons"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == PERSON_COLUMNS
    assert len(rows) == 2
    row = dict(zip(PERSON_COLUMNS, rows[1], strict=True))
    assert row["Imię"] == "Irena" and row["PESEL"] == person.pesel
    assert row["Płeć"] == "Kobieta"
    assert row["Osoba z niepełnosprawnościami"] == "Odmowa podania informacji"
    assert row["Status osoby na rynku pracy w chwili przystąpienia do projektu"] == (
        "Osoba bezrobotna zarejestrowana w ewidencji UP"
    )
    assert row["Data rozpoczęcia udziału w projekcie"] == person.support_start.isoformat()
    assert PersonalDataAccess.objects.filter(kind="export", enrolment=person).exists()

    response = client.get(reverse("enrolment_staff:export_entities"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ENTITY_COLUMNS
    assert rows[1][:2] == ["Spółdzielnia Smaki", entity.nip]

    client.force_login(staff_user())
    assert client.get(reverse("enrolment_staff:export_persons")).status_code == 403


def test_a_member_downloads_all_its_own_data_and_nothing_else(client):
    mine = EnrolmentFactory(first_name="Własna")
    EnrolmentFactory(first_name="Cudza")
    client.force_login(mine.user)
    page = client.get(reverse("intranet:my_data")).content.decode()
    assert "Własna" in page and mine.pesel in page and "Cudza" not in page

    response = client.get(reverse("intranet:my_data_json"))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == mine.user.email
    assert data["enrolments"][0]["pesel"] == mine.pesel
    assert "Cudza" not in response.content.decode()


def test_retention_anonymises_once_and_says_what_it_did(settings):
    settings.PROJECT_END_DATE = datetime.date(2015, 12, 31)
    settings.ENROLMENT_RETENTION_YEARS = 5
    kept_for_counts = EnrolmentFactory(accepted=True, sex="F", age_at_start=41)
    out = io.StringIO()
    call_command("anonymise_enrolments", stdout=out)
    assert "Zanonimizowano zgłoszenia: 1" in out.getvalue()
    kept_for_counts.refresh_from_db()
    assert kept_for_counts.pesel == "" and kept_for_counts.last_name == ""
    assert (kept_for_counts.sex, kept_for_counts.age_at_start) == ("F", 41)
    assert kept_for_counts.status == "accepted"

    out = io.StringIO()
    call_command("anonymise_enrolments", stdout=out)
    assert "Zanonimizowano zgłoszenia: 0" in out.getvalue()


def test_retention_waits_for_the_period_to_pass(settings):
    settings.PROJECT_END_DATE = datetime.date.today()
    settings.ENROLMENT_RETENTION_YEARS = 10
    enrolment = EnrolmentFactory(accepted=True)
    out = io.StringIO()
    call_command("anonymise_enrolments", stdout=out)
    enrolment.refresh_from_db()
    assert enrolment.pesel
    assert "Zanonimizowano zgłoszenia: 0" in out.getvalue()


def database_dump() -> str:
    """Every row of every table, as text."""
    lines = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            # Table names come from the database itself, quoted.
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            lines.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(lines)


def test_erasure_leaves_no_trace_in_the_database_logs_or_media(client, settings, caplog, home_page):
    caplog.set_level(logging.DEBUG)
    marker = "ZNACZNIK7Q"
    pesel = make_pesel(datetime.date(1977, 7, 7), "F", serial=777)
    user = UserFactory(
        email=f"{marker.lower()}@example.org", first_name=f"{marker}imie", last_name=f"{marker}nazw"
    )
    enrolment = EnrolmentFactory(
        user=user,
        accepted=True,
        first_name=f"{marker}Imię",
        last_name=f"{marker}Nazwisko",
        pesel=pesel,
        birth_date=datetime.date(1977, 7, 7),
        street=f"ul. {marker} 1",
        town=f"{marker}wo",
        postcode="66-777",
        phone=f"{marker}-600",
        email=f"{marker.lower()}@example.org",
        accessibility_needs=f"{marker} pętla indukcyjna",
        staff_comment=f"{marker} uwaga",
    )
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page))
    user_registration = RegistrationFactory(
        event=event,
        user=user,
        first_name=f"{marker}Imię",
        last_name=f"{marker}Nazwisko",
        email=f"{marker.lower()}@example.org",
        phone=f"{marker}-600",
        organisation=f"{marker} Fundacja",
        accessibility_needs=f"{marker} dieta",
    )
    from intranet.models import Diagnosis, SupportItem
    from tests.factories.intranet import BookingFactory

    Diagnosis.objects.create(
        enrolment=enrolment,
        kind="therapist",
        made_on=datetime.date(2026, 1, 2),
        findings=f"{marker} ustalenia",
        barriers=f"{marker} bariery",
    )
    SupportItem.objects.create(
        enrolment=enrolment,
        kind="training",
        title=f"{marker} kurs",
        status="done",
        done_on=datetime.date(2026, 1, 5),
        target_date=datetime.date(2026, 1, 5),
    )
    BookingFactory(member=user, topic=f"{marker} temat", notes=f"{marker} notatki")
    # Messages in the outbox: a sign-up confirmation (with its .ics) and another one.
    from django.core.mail import EmailMessage

    from events import notifications

    notifications.registration_received(user_registration)
    EmailMessage(f"{marker} list", f"Dzień dobry, {marker}Imię", None, [user.email]).send()
    delivered()
    markers = [marker, marker.lower(), pesel, "66-777"]
    caplog.clear()  # from here on, only what the application logs

    # The person's own export holds every marker (not the confidential diagnosis and notes).
    client.force_login(user)
    exported = client.get(reverse("intranet:my_data_json")).content.decode()
    for field in (
        "Imię",
        "Nazwisko",
        "wo",
        " 1",
        "-600",
        " pętla",
        " uwaga",
        " dieta",
        " Fundacja",
    ):
        assert f"{marker}{field}" in exported or f"ul. {marker} 1" in exported
    assert pesel in exported and "66-777" in exported
    assert f"{marker} temat" in exported and f"{marker} kurs" in exported
    assert f"{marker} ustalenia" not in exported and f"{marker} notatki" not in exported

    # Staff see the record (logged), then erase on request.
    client.force_login(staff_user(accounts.ROLE_SPECIAL_DATA))
    client.get(reverse("enrolment_staff:detail", args=(enrolment.pk,)))
    response = client.post(
        reverse("enrolment_staff:erase", args=(enrolment.pk,)), {"confirm": "on"}, follow=True
    )
    assert "zostały usunięte" in response.content.decode()

    dump = database_dump()
    logs = "\n".join(record.getMessage() for record in caplog.records)
    media = (
        [
            path.read_bytes().decode("utf-8", "replace")
            for path in settings.MEDIA_ROOT.rglob("*")
            if path.is_file()
        ]
        if settings.MEDIA_ROOT.exists()
        else []
    )
    for value in markers:
        assert value not in dump, f"{value} left in the database"
        assert value not in logs, f"{value} left in the logs"
        assert not any(value in text for text in media), f"{value} left in the media folder"

    # Anonymous counts for the indicators remain.
    enrolment = Enrolment.objects.get(pk=enrolment.pk)
    assert enrolment.status == "accepted" and enrolment.sex == "F"
    assert enrolment.age_at_start is not None and enrolment.support_start
    assert enrolment.anonymised_at is not None
    assert enrolment.support_items.get().done_on == datetime.date(2026, 1, 5)  # still counted
