"""Every spreadsheet the site writes is formula-safe: a formula typed into a form comes out
as text, in CSV (apostrophe in front) and in XLSX (a string cell, the text as typed)."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from portal import accounts, exports
from tests.factories.directory import EntityFactory
from tests.factories.events import EventIndexPageFactory, EventPageFactory, RegistrationFactory
from tests.factories.intranet import EnrolmentFactory
from tests.intranet.enrolment.test_enrolment_review import staff_user

pytestmark = pytest.mark.django_db

LAST_NAME = '=HYPERLINK("http://example.org/x","Kowalska")'
PHONE = "=1+2"


def csv_rows_of(body: bytes):
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""), delimiter=";"))


def csv_rows(response):
    return csv_rows_of(response.content)


def xlsx_cells(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [cell for row in sheet.iter_rows() for cell in row]


@pytest.mark.parametrize("value", [PHONE, "+48 600", "-1", "@SUM(A1)", "\t=1", "\r=1"], ids=repr)
def test_the_writer_neutralises_what_would_start_a_formula(value):
    rows = csv_rows_of(exports.csv_bytes(["a"], [[value, 5]]))
    assert rows[1] == ["'" + value, "5"]

    sheet = load_workbook(io.BytesIO(exports.xlsx_bytes(["a"], [[value, 5]]))).active
    assert sheet["A2"].data_type == "s" and sheet["A2"].value == value
    assert sheet["B2"].value == 5


def test_attendee_lists_carry_formulas_as_text(client, home_page):
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page))
    RegistrationFactory(event=event, last_name=LAST_NAME, phone=PHONE)
    client.force_login(staff_user())

    def export(file_format):
        return client.get(reverse("events_staff:export", args=(event.pk, file_format)))

    row = csv_rows(export("csv"))[1]
    assert row[0] == "'" + LAST_NAME and row[3] == "'" + PHONE
    cells = {cell.value: cell for cell in xlsx_cells(export("xlsx"))}
    assert cells[LAST_NAME].data_type == "s" and cells[PHONE].data_type == "s"


def test_the_cst2021_persons_export_carries_formulas_as_text(client):
    EnrolmentFactory(accepted=True, last_name=LAST_NAME, phone=PHONE)
    client.force_login(staff_user(accounts.ROLE_SPECIAL_DATA))

    rows = csv_rows(client.get(reverse("enrolment_staff:export_persons")))

    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Nazwisko"] == "'" + LAST_NAME
    assert row["Telefon kontaktowy"] == "'" + PHONE


def test_the_open_data_export_carries_formulas_as_text(client):
    EntityFactory(name="Spółdzielnia", phone="\t=1+2", email="=cmd|' /C calc'!A0@example.org")

    row = csv_rows(client.get("/katalog/eksport.csv"))[1]

    assert "'\t=1+2" in row and "'=cmd|' /C calc'!A0@example.org" in row
