"""Reads of the feedback app: which survey fits, whom to invite, the results."""

import datetime
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, F, Q, QuerySet
from django.utils.translation import gettext as _

from events.models import EventKind, Registration
from feedback.models import Answer, Audience, Invitation, QuestionKind, Response, Survey
from intranet.models import Booking
from portal.dates import next_month

# A report dimension: its key, the column it groups by and the column with its label.
DIMENSIONS = {
    "events": ("event_id", "event__title"),
    "kinds": ("event_kind", None),
    "specialisations": ("specialisation_id", "specialisation__name"),
    "centres": ("location_id", "location__name"),
}


def survey_for_event_kind(kind: str) -> Survey | None:
    """The survey of this kind of event, else the one for every kind without its own."""
    surveys = Survey.objects.filter(audience=Audience.EVENT, event_kind__in=[kind, ""])
    return surveys.order_by("-event_kind").first()


def survey_for_specialisation(specialisation_id: int | None) -> Survey | None:
    surveys = Survey.objects.filter(audience=Audience.CONSULTATION).filter(
        Q(specialisation_id=specialisation_id) | Q(specialisation__isnull=True)
    )
    return surveys.order_by(F("specialisation_id").asc(nulls_last=True)).first()


def registrations_to_invite(*, since: datetime.date, before: datetime.date) -> QuerySet:
    """People marked present at an event held between `since` and yesterday, not yet sent
    a survey link."""
    return (
        Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            attended=True,
            occurrence_date__gte=since,
            occurrence_date__lt=before,
        )
        .exclude(feedback_invitation__sent_at__isnull=False)
        .select_related("event")
        .order_by("pk")
    )


def bookings_to_invite(*, since: datetime.date, now: datetime.datetime) -> QuerySet:
    """Consultations that took place (outcome "attended") since `since`, not yet invited."""
    return (
        Booking.objects.filter(status=Booking.Status.ATTENDED, start__date__gte=since, end__lte=now)
        .exclude(feedback_invitation__sent_at__isnull=False)
        .select_related("member", "specialisation")
        .order_by("pk")
    )


_TOKEN = re.compile(r"[-_A-Za-z0-9]{20,64}")


def invitation_by_token(token: str) -> Invitation | None:
    """The invitation of a link, or None for anything that is not one of our tokens."""
    if not _TOKEN.fullmatch(token or ""):
        return None
    return (
        Invitation.objects.select_related("survey", "event", "specialisation")
        .filter(token=token)
        .first()
    )


def questions_of(survey: Survey) -> list:
    return list(survey.questions.order_by("sort_order", "pk"))


@dataclass
class QuestionResult:
    text: str
    kind: str
    answers: int
    average: Decimal | None = None  # a rating question
    yes_percent: Decimal | None = None  # a yes/no question


@dataclass
class GroupResult:
    key: object
    label: str
    invitations: int = 0
    responses: int = 0
    questions: list = field(default_factory=list)
    rating_answers: int = 0  # answers to the rating questions, all of them together
    rating_sum: Decimal = Decimal(0)

    @property
    def average(self) -> Decimal | None:
        """The average of every 1–5 rating given in the group (None without any)."""
        if not self.rating_answers:
            return None
        return (self.rating_sum / self.rating_answers).quantize(Decimal("0.01"), ROUND_HALF_UP)

    @property
    def response_rate(self) -> Decimal | None:
        """Answers per invitation sent, in per cent (None when nobody was invited)."""
        if not self.invitations:
            return None
        return _percent(self.responses, self.invitations)


def _percent(part: int, whole: int) -> Decimal:
    return (Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _label(dimension: str, key, label) -> str:
    if dimension == "kinds":
        if key == "":
            return _("consultations")
        return str(EventKind(key).label) if key in EventKind.values else key
    if key is None:
        return {
            "events": _("consultations"),
            "specialisations": _("events"),
            "centres": _("no local centre (online or elsewhere)"),
        }[dimension]
    return label or str(key)


def _in_period(start: datetime.date, end: datetime.date, location=None, prefix: str = "") -> Q:
    """Invitations or responses (`prefix` "response__" for answers) of the period.

    An event counts on its day. A response after a consultation keeps only the first day of
    its month, so consultations count by month: those of the months whose first day falls in
    the period (for a year or a quarter: exactly its consultations), invitations alike."""
    consultations_from = start if start.day == 1 else next_month(start)
    consultations_to = next_month(end) - datetime.timedelta(days=1)
    in_period = Q(
        **{f"{prefix}audience": Audience.EVENT, f"{prefix}held_on__range": (start, end)}
    ) | Q(
        **{
            f"{prefix}audience": Audience.CONSULTATION,
            f"{prefix}held_on__range": (consultations_from, consultations_to),
        }
    )
    if location is not None:
        in_period &= Q(**{f"{prefix}location": location})
    return in_period


def _year(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def results(
    *,
    dimension: str,
    year: int | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    location=None,
) -> list[GroupResult]:
    """Per group of `dimension`, for a `year` or the period `start`–`end` (optionally at one
    local centre): invitations sent, answers, the response rate, the average rating and,
    per question, the number of answers and the average rating or share of "yes". Three
    aggregate queries, whatever the amount of data. Never a person."""
    if year is not None:
        start, end = _year(year)
    column, label_column = DIMENSIONS[dimension]
    values = [column] + ([label_column] if label_column else [])
    groups: dict = {}

    def group(row) -> GroupResult:
        key = row[column]
        if key not in groups:
            label = _label(dimension, key, row.get(label_column) if label_column else None)
            groups[key] = GroupResult(key=key, label=label)
        return groups[key]

    def counted(records):
        return records.values(*values).annotate(count=Count("pk")).order_by()

    invited = Invitation.objects.filter(sent_at__isnull=False)
    for row in counted(invited.filter(_in_period(start, end, location))):
        group(row).invitations = row["count"]
    for row in counted(Response.objects.filter(_in_period(start, end, location))):
        group(row).responses = row["count"]
    per_question = (
        Answer.objects.filter(_in_period(start, end, location, prefix="response__"))
        .exclude(kind=QuestionKind.TEXT)
        .values(*[f"response__{name}" for name in values], "question_text", "kind")
        .annotate(
            answers=Count("pk", filter=Q(rating__isnull=False) | Q(yes__isnull=False)),
            average=Avg("rating"),
            yes=Count("pk", filter=Q(yes=True)),
        )
        .order_by("question_text")
    )
    for row in per_question:
        row = {name.removeprefix("response__"): value for name, value in row.items()}
        result = QuestionResult(text=row["question_text"], kind=row["kind"], answers=row["answers"])
        current = group(row)
        if row["kind"] == QuestionKind.RATING and row["average"] is not None:
            average = Decimal(str(row["average"]))
            result.average = average.quantize(Decimal("0.01"), ROUND_HALF_UP)
            current.rating_answers += row["answers"]
            current.rating_sum += average * row["answers"]
        if row["kind"] == QuestionKind.YES_NO and row["answers"]:
            result.yes_percent = _percent(row["yes"], row["answers"])
        current.questions.append(result)
    return sorted(groups.values(), key=lambda g: (g.key is None, g.label.lower()))


def _totals(groups: list[GroupResult]) -> GroupResult:
    """All the groups of one dimension together (each invitation and response is in exactly
    one kind: a kind of event, or consultations), so no query of its own."""
    total = GroupResult(key=None, label=_("all"))
    for group in groups:
        total.invitations += group.invitations
        total.responses += group.responses
        total.rating_answers += group.rating_answers
        total.rating_sum += group.rating_sum
    return total


def results_for_period(*, start: datetime.date, end: datetime.date, location=None) -> dict:
    """The totals and the results per event, kind of event, specialisation of advice and
    local centre (lists of `GroupResult`) of a period, at one local centre or all."""
    by_dimension = {
        dimension: results(dimension=dimension, start=start, end=end, location=location)
        for dimension in DIMENSIONS
    }
    return {"start": start, "end": end, "totals": _totals(by_dimension["kinds"]), **by_dimension}


def results_for_year(year: int) -> dict:
    """What the annual report needs: the year's totals and the results per event, kind of
    event, specialisation of advice and local centre (lists of `GroupResult`)."""
    start, end = _year(year)
    return {"year": year, **results_for_period(start=start, end=end)}


def text_answers(*, year: int) -> QuerySet:
    """Free-text answers of the year with what they are about — never who wrote them.
    Ordered by event day and question, not by the order they came in."""
    return (
        Answer.objects.filter(response__held_on__year=year, kind=QuestionKind.TEXT)
        .exclude(text="")
        .select_related("response__event", "response__specialisation", "response__location")
        .order_by("response__held_on", "question_text", "text")
    )
