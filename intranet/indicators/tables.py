"""The indicators as tables (for the screen, CSV and XLSX) and the records behind each figure."""

from django.utils.translation import gettext_lazy as _

from events.models import EventKind
from intranet.indicators import queries as indicators
from intranet.indicators.queries import PERSON_GROUPS, Period
from intranet.models import Booking, Enrolment, Grant, Partnership
from intranet.models.enrolment import TargetGroup

STATUS_LABELS = dict(Enrolment.Status.choices)
KIND_LABELS = dict(EventKind.choices)
GRANT_LABELS = dict(Grant.Kind.choices)


def summary_rows(figures: dict) -> list[tuple[str, str, object]]:
    """(record list key or "", label, value) of every headline figure."""
    participants = figures["participants"]
    totals = figures["consultation_totals"]
    hours = round((totals["minutes"] or 0) / 60, 1)
    return [
        ("entities", _("Entities supported"), participants["entities"]),
        ("people", _("People supported"), participants["people"]),
        ("women", _("– women"), participants["women"]),
        ("men", _("– men"), participants["men"]),
        ("individuals", _("– individual persons"), participants["individuals"]),
        ("delegated", _("– persons delegated by entities"), participants["delegated"]),
        ("", _("Local incubation centres"), figures["centres"]),
        ("new_entities", _("New entities created"), figures["new_entities"]),
        (
            "converted",
            _("Entities converted into social enterprises"),
            figures["converted_entities"],
        ),
        ("consultations", _("Consultations held"), totals["attended"]),
        ("consultations", _("Hours of consultations"), hours),
        ("walk_ins", _("Walk-in visitors"), totals["walk_ins"]),
        ("no_shows", _("No-shows"), totals["no_shows"]),
        (
            "registrations",
            _("Event registrations"),
            sum(r["registered"] for r in figures["events"]),
        ),
        ("attended", _("Event attendance"), sum(r["attended"] for r in figures["events"])),
        (
            "event_no_shows",
            _("Event no-shows (confirmed, not marked present)"),
            sum(r["no_shows"] for r in figures["events"]),
        ),
        ("grants", _("Grant and bridging-support agreements"), figures["grant_agreements"]),
        ("grants", _("Amount of grants and bridging support (PLN)"), figures["grant_amount"]),
        ("jobs", _("Jobs created"), figures["jobs_created"]),
        (
            "jobs_maintained",
            _("Jobs maintained (checked in the period)"),
            figures["jobs_maintained"],
        ),
        ("partnerships", _("Partnerships created"), figures["partnerships_created"]),
        ("partnerships_funded", _("– of which funded"), figures["partnerships_funded"]),
    ]


def tables(figures: dict) -> dict[str, tuple[str, list[str], list[list]]]:
    """key -> (title, header, rows) of every table of the dashboard."""
    return {
        "summary": (
            _("Indicators"),
            [_("Indicator"), _("Value")],
            [[str(label), value] for _key, label, value in summary_rows(figures)],
        ),
        "people_by_month": (
            _("People starting support, by month and sex"),
            [_("Month"), _("Women"), _("Men")],
            [
                [row["month"].strftime("%Y-%m"), row["women"], row["men"]]
                for row in figures["people_by_month"]
            ],
        ),
        "events": (
            _("Events by kind"),
            [_("Kind"), _("Held"), _("Registrations"), _("Attendance"), _("Not present")],
            [
                [
                    str(KIND_LABELS.get(row["kind"], row["kind"])),
                    row["held"],
                    row["registered"],
                    row["attended"],
                    row["no_shows"],
                ]
                for row in figures["events"]
            ],
        ),
        "consultations": (
            _("Consultations by specialisation"),
            [_("Specialisation"), _("Consultations"), _("Hours")],
            [
                [row["name"], row["count"], round((row["minutes"] or 0) / 60, 1)]
                for row in figures["consultations"]
            ],
        ),
        "enrolments": (
            _("Enrolments sent in the period, by status"),
            [_("Status"), _("Enrolments")],
            [
                [str(STATUS_LABELS.get(row["status"], row["status"])), row["count"]]
                for row in figures["enrolments"]
            ],
        ),
        "grants": (
            _("Grants and bridging support"),
            [_("Kind"), _("Agreements"), _("Amount (PLN)")],
            [
                [str(GRANT_LABELS.get(row["kind"], row["kind"])), row["count"], row["amount"] or 0]
                for row in figures["grants"]
            ],
        ),
        **feedback_tables(figures),
    }


# Survey results: table key -> (title, first column, dimension of feedback.selectors).
FEEDBACK_TABLES = {
    "feedback_events": (_("Survey results per event"), _("Event"), "events"),
    "feedback_kinds": (
        _("Survey results per kind of event or consultation"),
        _("Kind"),
        "kinds",
    ),
    "feedback_specialisations": (
        _("Survey results per adviser's specialisation (consultations)"),
        _("Specialisation"),
        "specialisations",
    ),
    "feedback_centres": (_("Survey results per local centre"), _("Local centre"), "centres"),
}
# The groups a table leaves out: consultations among events, events among specialisations.
_NOT_OF_THE_TABLE = {"events", "specialisations"}


def feedback_groups(figures: dict, dimension: str) -> list:
    groups = figures["feedback"][dimension]
    if dimension in _NOT_OF_THE_TABLE:
        groups = [group for group in groups if group.key is not None]
    return groups


def feedback_tables(figures: dict) -> dict[str, tuple[str, list[str], list[list]]]:
    """Answers, response rate and average rating of the anonymous surveys, per group."""
    result = {}
    for key, (title, first_column, dimension) in FEEDBACK_TABLES.items():
        header = [
            first_column,
            _("Invitations sent"),
            _("Answers"),
            _("Response rate (%)"),
            _("Average rating (1–5)"),
        ]
        rows = [
            [
                group.label,
                group.invitations,
                group.responses,
                "–" if group.response_rate is None else group.response_rate,
                "–" if group.average is None else group.average,
            ]
            for group in feedback_groups(figures, dimension)
        ]
        result[key] = (title, header, rows)
    return result


def _person(enrolment):
    return enrolment.display_name or _("(anonymised)")


# key -> (title, queryset for a period, [(column label, value of a record)])
CONSULTATION_COLUMNS = [
    (_("When"), lambda b: b.start),
    (_("Specialisation"), lambda b: b.specialisation.name),
    (_("Adviser"), lambda b: b.adviser.name),
]

JOB_COLUMNS = [
    (_("Entity"), lambda j: j.grant.entity.name),
    (_("Job started on"), lambda j: j.start_date),
]


def _consultations(**filters):
    """The records of a consultation figure: the period's consultations matching `filters`."""
    return lambda period: (
        indicators.consultations(period)
        .filter(**filters)
        .select_related("adviser__user", "specialisation")
    )


RECORDS = {
    "people": (
        _("People supported"),
        lambda p: indicators.supported_enrolments(p).filter(target_group__in=PERSON_GROUPS),
        [
            (_("Name"), _person),
            (_("Target group"), lambda e: e.get_target_group_display()),
            (_("Start of support"), lambda e: e.support_start),
        ],
    ),
    "women": (
        _("Women supported"),
        lambda p: indicators.supported_enrolments(p).filter(
            target_group__in=PERSON_GROUPS, sex="F"
        ),
        [(_("Name"), _person), (_("Start of support"), lambda e: e.support_start)],
    ),
    "men": (
        _("Men supported"),
        lambda p: indicators.supported_enrolments(p).filter(
            target_group__in=PERSON_GROUPS, sex="M"
        ),
        [(_("Name"), _person), (_("Start of support"), lambda e: e.support_start)],
    ),
    "individuals": (
        _("Individual persons supported"),
        lambda p: indicators.supported_enrolments(p).filter(target_group=TargetGroup.INDIVIDUAL),
        [(_("Name"), _person), (_("Start of support"), lambda e: e.support_start)],
    ),
    "delegated": (
        _("Delegated persons supported"),
        lambda p: indicators.supported_enrolments(p).filter(
            target_group=TargetGroup.DELEGATED_PERSON
        ),
        [(_("Name"), _person), (_("Start of support"), lambda e: e.support_start)],
    ),
    "entities": (
        _("Entities supported"),
        lambda p: indicators.supported_enrolments(p).filter(target_group=TargetGroup.ENTITY),
        [
            (_("Name"), _person),
            (_("NIP"), lambda e: e.nip),
            (_("Start of support"), lambda e: e.support_start),
        ],
    ),
    "new_entities": (
        _("New entities created"),
        indicators.new_entities,
        [(_("Name"), lambda e: e.name), (_("Year founded"), lambda e: e.year_founded)],
    ),
    "converted": (
        _("Entities converted into social enterprises"),
        indicators.converted_entities,
        [
            (_("Name"), lambda e: e.name),
            (_("PS status since"), lambda e: e.social_enterprise_since),
        ],
    ),
    "consultations": (
        _("Consultations held"),
        _consultations(status=Booking.Status.ATTENDED),
        [*CONSULTATION_COLUMNS, (_("Minutes"), lambda b: b.actual_minutes)],
    ),
    "walk_ins": (
        _("Walk-in visitors"),
        _consultations(
            is_walk_in=True, status__in=(Booking.Status.BOOKED, Booking.Status.ATTENDED)
        ),
        CONSULTATION_COLUMNS,
    ),
    "no_shows": (
        _("No-shows"),
        _consultations(status=Booking.Status.NO_SHOW),
        CONSULTATION_COLUMNS,
    ),
    "registrations": (
        _("Event registrations"),
        lambda p: indicators.registrations(p).select_related("event"),
        [
            (_("Event"), lambda r: r.event.title),
            (_("Date"), lambda r: r.occurrence_date),
            (_("Status"), lambda r: r.get_status_display()),
        ],
    ),
    "attended": (
        _("Event attendance"),
        lambda p: indicators.registrations(p).filter(attended=True).select_related("event"),
        [(_("Event"), lambda r: r.event.title), (_("Date"), lambda r: r.occurrence_date)],
    ),
    "event_no_shows": (
        _("Event no-shows"),
        lambda p: indicators.no_shows(p).select_related("event"),
        [(_("Event"), lambda r: r.event.title), (_("Date"), lambda r: r.occurrence_date)],
    ),
    "grants": (
        _("Grant and bridging-support agreements"),
        lambda p: indicators.grants(p).select_related("entity"),
        [
            (_("Entity"), lambda g: g.entity.name),
            (_("Kind"), lambda g: g.get_kind_display()),
            (_("Amount (PLN)"), lambda g: g.amount),
            (_("Signed on"), lambda g: g.signed_on),
        ],
    ),
    "jobs": (
        _("Jobs created"),
        lambda p: indicators.jobs_created(p).select_related("grant__entity"),
        [*JOB_COLUMNS, (_("Working time (FTE)"), lambda j: j.working_time)],
    ),
    "jobs_maintained": (
        _("Jobs maintained"),
        lambda p: indicators.jobs_maintained(p).select_related("grant__entity"),
        JOB_COLUMNS,
    ),
    "partnerships": (
        _("Partnerships created"),
        indicators.partnerships,
        [
            (_("Name"), lambda x: x.name),
            (_("Call"), lambda x: x.call),
            (_("Funding outcome"), lambda x: x.get_outcome_display()),
        ],
    ),
    "partnerships_funded": (
        _("Partnerships funded"),
        lambda p: indicators.partnerships(p).filter(outcome=Partnership.Outcome.FUNDED),
        [(_("Name"), lambda x: x.name), (_("Call"), lambda x: x.call)],
    ),
}


def record_rows(key: str, period: Period, records):
    _title, _queryset, columns = RECORDS[key]
    return [[accessor(record) for _label, accessor in columns] for record in records]
