"""The one writer of the spreadsheets the site hands out (CSV for Excel, XLSX).

Text typed into a form that starts with "=", "+", "-", "@", a tab or a carriage return
would run as a formula when the file is opened ("CSV injection"). In CSV such text gets a
leading apostrophe; in XLSX every text is written as a string cell, which a spreadsheet
never evaluates, so the text stays as it was typed. Every export goes through here.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Characters a worksheet title may not hold.
_TITLE_FORBIDDEN = str.maketrans({char: " " for char in "[]:*?/\\"})


def csv_cell(value):
    """A value as CSV may carry it: text that would start a formula gets an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def csv_bytes(header: Sequence, rows: Iterable[Sequence]) -> bytes:
    """Semicolon-separated UTF-8 with a BOM: what Excel in Polish opens correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([csv_cell(str(cell)) for cell in header])
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(
    header: Sequence, rows: Iterable[Sequence], *, sheet_title: str = "", heading: str = ""
) -> bytes:
    """One worksheet: an optional heading line, the header, the rows."""
    from openpyxl import Workbook  # imported on use: a public page never needs it

    workbook = Workbook()
    sheet = workbook.active
    if sheet_title:
        sheet.title = str(sheet_title).translate(_TITLE_FORBIDDEN)[:31]
    if heading:
        _append(sheet, [str(heading)])
    _append(sheet, [str(cell) for cell in header])
    for row in rows:
        _append(sheet, row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _append(sheet, values) -> None:
    sheet.append([float(value) if isinstance(value, Decimal) else value for value in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # never a formula, whatever the text starts with


def spreadsheet_response(header, rows, *, file_format: str, filename: str, **xlsx) -> HttpResponse:
    """A download of `rows` as `filename`.csv or .xlsx (`xlsx`: sheet_title, heading)."""
    if file_format == "xlsx":
        body = xlsx_bytes(header, rows, **xlsx)
    elif file_format == "csv":
        body = csv_bytes(header, rows)
    else:
        raise ValueError(f"Unknown spreadsheet format: {file_format}")
    response = HttpResponse(body, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    response["Cache-Control"] = "no-store"
    return response
