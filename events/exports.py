"""Attendee lists as CSV and XLSX for staff."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

HEADERS = [
    _("Last name"),
    _("First name"),
    _("E-mail"),
    _("Phone"),
    _("Organisation"),
    _("Who is it?"),
    _("Status"),
    _("Present"),
    _("Accessibility needs"),
    _("Signed up at"),
]


def attendee_rows(registrations):
    for registration in registrations:
        yield [
            registration.last_name,
            registration.first_name,
            registration.email,
            registration.phone,
            registration.organisation,
            registration.get_participant_type_display(),
            registration.get_status_display(),
            gettext("yes") if registration.attended else gettext("no"),
            registration.accessibility_needs,
            timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
        ]


def _safe_cell(value):
    """Neutralise spreadsheet formulas typed into a form (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def attendees_csv(registrations) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([str(header) for header in HEADERS])
    for row in attendee_rows(registrations):
        writer.writerow([_safe_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel reads UTF-8


def attendees_xlsx(registrations, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = gettext("Attendees")
    sheet.append([title])
    sheet.append([str(header) for header in HEADERS])
    for row in attendee_rows(registrations):
        sheet.append([_safe_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
