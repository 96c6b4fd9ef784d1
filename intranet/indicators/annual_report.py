"""The annual report: the seed report's sections, each with figures from the data and the
coordinator's commentary; printable, and as a DOCX an office can edit."""

import io
from dataclasses import dataclass

from django.utils.formats import localize
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intranet.indicators.tables import (
    FEEDBACK_TABLES,
    KIND_LABELS,
    feedback_groups,
    summary_rows,
)
from intranet.models import AnnualReport


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    figures: list  # [(label, value, record key)]


SECTIONS = [
    (
        "recruitment",
        gettext_lazy("Recruitment"),
        ["entities", "people", "women", "men", "individuals", "delegated"],
    ),
    ("animation", gettext_lazy("Animation"), ["animation"]),
    ("incubation", gettext_lazy("Incubation"), ["", "new_entities", "converted"]),
    ("information", gettext_lazy("Information and promotion"), ["walk_ins"]),
    ("advisory", gettext_lazy("Advisory"), ["consultations", "no_shows"]),
    ("grants", gettext_lazy("Grants and jobs"), ["grants", "jobs", "jobs_maintained"]),
    ("partnerships", gettext_lazy("Partnerships"), ["partnerships", "partnerships_funded"]),
    ("events", gettext_lazy("Events"), ["events", "event_no_shows"]),
    ("feedback", gettext_lazy("Participants' feedback"), ["feedback"]),
]


def _dash(value):
    return "–" if value is None else localize(value)


def feedback_rows(figures: dict) -> list:
    """The survey totals, then one row per event, kind, specialisation and centre: counts
    and averages only — the answers are anonymous and no person is named."""
    totals = figures["feedback"]["totals"]
    rows = [
        (_("Survey invitations sent"), totals.invitations, ""),
        (_("Survey answers"), totals.responses, ""),
        (_("Survey response rate (%)"), _dash(totals.response_rate), ""),
        (_("Average survey rating (1–5)"), _dash(totals.average), ""),
    ]
    for _title, first_column, dimension in FEEDBACK_TABLES.values():
        for group in feedback_groups(figures, dimension):
            rows.append(
                (
                    f"{first_column}: {group.label}",
                    _(
                        "answers %(answers)s of %(invitations)s (%(rate)s %%), "
                        "average rating %(average)s"
                    )
                    % {
                        "answers": group.responses,
                        "invitations": group.invitations,
                        "rate": _dash(group.response_rate),
                        "average": _dash(group.average),
                    },
                    "",
                )
            )
    return rows


def sections(figures: dict) -> list[Section]:
    by_key = {}
    for key, label, value in summary_rows(figures):
        by_key.setdefault(key, []).append((label, value, key))
    event_rows = [
        (
            _(
                "%(kind)s: held %(held)s, registrations %(registered)s, attendance "
                "%(attended)s, not present %(no_shows)s"
            )
            % {
                "kind": KIND_LABELS.get(row["kind"], row["kind"]),
                "held": row["held"],
                "registered": row["registered"],
                "attended": row["attended"],
                "no_shows": row["no_shows"],
            },
            "",
            "registrations",
        )
        for row in figures["events"]
    ]
    animation = [
        r
        for r, row in zip(event_rows, figures["events"], strict=True)
        if row["kind"] == "animation"
    ]
    result = []
    for key, title, figure_keys in SECTIONS:
        rows = []
        for figure_key in figure_keys:
            if figure_key == "events":
                rows.extend(event_rows or [(_("No events with registrations."), "", "")])
            elif figure_key == "feedback":
                rows.extend(feedback_rows(figures))
            elif figure_key == "animation":
                rows.extend(animation or [(_("No animation meetings with registrations."), "", "")])
            else:
                rows.extend(by_key.get(figure_key, []))
        result.append(Section(key, str(title), rows))
    return result


def commentary_save(*, year: int, commentary: dict, user) -> AnnualReport:
    report, _created = AnnualReport.objects.get_or_create(year=year)
    report.commentary = {key: value.strip() for key, value in commentary.items() if value.strip()}
    report.updated_by = user
    report.save()
    return report


def docx(*, year: int, sections: list[Section], commentary: dict) -> bytes:
    from docx import Document

    document = Document()
    document.core_properties.language = "pl-PL"
    document.core_properties.title = _("Annual report %(year)s") % {"year": year}
    document.add_heading(_("Annual report %(year)s") % {"year": year}, level=0)
    for section in sections:
        document.add_heading(section.title, level=1)
        table = document.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, value, _key in section.figures:
            cells = table.add_row().cells
            cells[0].text = str(label)
            cells[1].text = "" if value == "" else str(value)
        text = commentary.get(section.key, "")
        for paragraph in text.splitlines() or [""]:
            if paragraph.strip():
                document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
