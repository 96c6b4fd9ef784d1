"""The results as spreadsheet rows (written by portal.exports, formula-safe)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from feedback import selectors

TABLE_TITLES = {
    "events": gettext_lazy("per event"),
    "kinds": gettext_lazy("per kind of event"),
    "specialisations": gettext_lazy("per kind of advice"),
    "centres": gettext_lazy("per local centre"),
    "texts": gettext_lazy("free-text answers"),
}


def _group_header() -> list:
    return [
        _("Group"),
        _("Invitations sent"),
        _("Answers"),
        _("Response rate (%)"),
        _("Question"),
        _("Answers to the question"),
        _("Average rating (1–5)"),
        _("Yes (%)"),
    ]


def _group_rows(groups) -> list:
    rows = []
    for group in groups:
        head = [group.label, group.invitations, group.responses, group.response_rate or ""]
        if not group.questions:
            rows.append([*head, "", "", "", ""])
        for question in group.questions:
            rows.append(
                [
                    *head,
                    question.text,
                    question.answers,
                    "" if question.average is None else question.average,
                    "" if question.yes_percent is None else question.yes_percent,
                ]
            )
    return rows


def table(name: str, *, year: int) -> tuple[list, list]:
    if name == "texts":
        header = [
            _("Event"),
            _("Kind of advice"),
            _("Local centre"),
            _("Date"),
            _("Question"),
            _("Answer"),
        ]
        rows = [
            [
                answer.response.event.title if answer.response.event_id else "",
                answer.response.specialisation.name if answer.response.specialisation_id else "",
                answer.response.location.name if answer.response.location_id else "",
                answer.response.held_on.isoformat(),
                answer.question_text,
                answer.text,
            ]
            for answer in selectors.text_answers(year=year)
        ]
        return header, rows
    return _group_header(), _group_rows(selectors.results(year=year, dimension=name))
