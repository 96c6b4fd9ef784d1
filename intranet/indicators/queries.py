"""The centre's indicators for a period and a local centre, computed by the database.

Every figure is an aggregate query (about a dozen in all, whatever the amount of data), and
every figure has a list of the records behind it (`records`).

Supported in a period: an accepted enrolment whose participation overlaps the period and
that received at least one form of support in it — the start of support (recruitment and
diagnosis), a done item of its support path, an attended consultation, attendance at an
event, or a grant agreement or a job.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from directory.models import Entity
from events.models import Registration
from feedback import selectors as feedback
from intranet.models import (
    Booking,
    Enrolment,
    Grant,
    Job,
    JobCheck,
    Partnership,
    SupportItem,
)
from intranet.models.enrolment import TargetGroup
from portal.dates import months_between

PERSON_GROUPS = (TargetGroup.INDIVIDUAL, TargetGroup.DELEGATED_PERSON)


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # inclusive
    location: object = None  # a portal.Location, or None for all centres

    @property
    def months(self) -> list[datetime.date]:
        return months_between(self.start, self.end)


def _at(period, field="location"):
    return Q(**{field: period.location}) if period.location is not None else Q()


def supported_enrolments(period: Period):
    """Accepted enrolments with at least one form of support in the period."""
    start, end = period.start, period.end
    attended_consultation = Booking.objects.filter(
        member_id=OuterRef("user_id"),
        status=Booking.Status.ATTENDED,
        start__date__range=(start, end),
    )
    attended_event = Registration.objects.filter(
        user_id=OuterRef("user_id"), attended=True, occurrence_date__range=(start, end)
    )
    grant = Grant.objects.filter(entity_id=OuterRef("entity_id"), signed_on__range=(start, end))
    job = Job.objects.filter(participant_id=OuterRef("pk"), start_date__range=(start, end))
    path_item_done = SupportItem.objects.filter(
        enrolment_id=OuterRef("pk"), status=SupportItem.Status.DONE, done_on__range=(start, end)
    )
    return (
        Enrolment.objects.filter(status=Enrolment.Status.ACCEPTED, support_start__lte=end)
        .filter(Q(support_end__isnull=True) | Q(support_end__gte=start))
        .filter(_at(period))
        .filter(
            Q(support_start__gte=start)
            | Exists(attended_consultation)
            | Exists(attended_event)
            | Exists(grant)
            | Exists(job)
            | Exists(path_item_done)
        )
    )


def participants(period: Period) -> dict:
    person = Q(target_group__in=PERSON_GROUPS)
    return supported_enrolments(period).aggregate(
        people=Count("pk", filter=person),
        entities=Count("pk", filter=Q(target_group=TargetGroup.ENTITY)),
        women=Count("pk", filter=person & Q(sex="F")),
        men=Count("pk", filter=person & Q(sex="M")),
        individuals=Count("pk", filter=Q(target_group=TargetGroup.INDIVIDUAL)),
        delegated=Count("pk", filter=Q(target_group=TargetGroup.DELEGATED_PERSON)),
    )


def people_by_month(period: Period) -> list[dict]:
    """People whose support started in each month of the period, by sex (for the chart)."""
    rows = (
        Enrolment.objects.filter(
            status=Enrolment.Status.ACCEPTED,
            target_group__in=PERSON_GROUPS,
            support_start__range=(period.start, period.end),
        )
        .filter(_at(period))
        .annotate(month=TruncMonth("support_start"))
        .values("month", "sex")
        .annotate(count=Count("pk"))
    )
    counts = {}
    for row in rows:
        month = row["month"]
        month = month.date() if isinstance(month, datetime.datetime) else month
        counts[(month, row["sex"])] = row["count"]
    return [
        {"month": month, "women": counts.get((month, "F"), 0), "men": counts.get((month, "M"), 0)}
        for month in period.months
    ]


def _entities_of_participants(period):
    entity_ids = Enrolment.objects.filter(
        status=Enrolment.Status.ACCEPTED, target_group=TargetGroup.ENTITY, entity__isnull=False
    ).filter(_at(period))
    return entity_ids.values("entity_id")


def new_entities(period: Period):
    return Entity.objects.filter(
        pk__in=_entities_of_participants(period),
        year_founded__gte=period.start.year,
        year_founded__lte=period.end.year,
    )


def converted_entities(period: Period):
    return Entity.objects.filter(
        pk__in=_entities_of_participants(period),
        social_enterprise_since__range=(period.start, period.end),
    )


def registrations(period: Period):
    return Registration.objects.exclude(status=Registration.Status.CANCELLED).filter(
        occurrence_date__range=(period.start, period.end),
        **({"event__location": period.location} if period.location is not None else {}),
    )


def _no_show() -> Q:
    """A confirmed sign-up for an event date already over (before today) not marked present
    at the door: a person who did not come (a cancelled event has none)."""
    return Q(
        status=Registration.Status.CONFIRMED,
        attended=False,
        occurrence_date__lt=timezone.localdate(),
        event__is_cancelled=False,
    )


def no_shows(period: Period):
    return registrations(period).filter(_no_show())


def events_by_kind(period: Period) -> list[dict]:
    from django.db.models import CharField, Value
    from django.db.models.functions import Cast, Concat

    occurrence = Concat(
        Cast("event_id", CharField()), Value("/"), Cast("occurrence_date", CharField())
    )
    return list(
        registrations(period)
        .values(kind=F("event__kind"))
        # First, while "attended" still names the field (the next annotation takes its name).
        .annotate(no_shows=Count("pk", filter=_no_show()))
        .annotate(
            held=Count(occurrence, distinct=True),
            registered=Count("pk"),
            attended=Count("pk", filter=Q(attended=True)),
        )
        .order_by("kind")
    )


def consultations(period: Period):
    return Booking.objects.filter(start__date__range=(period.start, period.end)).filter(_at(period))


def consultations_by_specialisation(period: Period) -> list[dict]:
    return list(
        consultations(period)
        .filter(status=Booking.Status.ATTENDED)
        .values(name=F("specialisation__name"))
        .annotate(count=Count("pk"), minutes=Sum("actual_minutes"))
        .order_by("name")
    )


def consultation_totals(period: Period) -> dict:
    return consultations(period).aggregate(
        attended=Count("pk", filter=Q(status=Booking.Status.ATTENDED)),
        walk_ins=Count(
            "pk",
            filter=Q(is_walk_in=True, status__in=(Booking.Status.BOOKED, Booking.Status.ATTENDED)),
        ),
        no_shows=Count("pk", filter=Q(status=Booking.Status.NO_SHOW)),
        minutes=Sum("actual_minutes", filter=Q(status=Booking.Status.ATTENDED)),
    )


def enrolments_sent(period: Period):
    return Enrolment.objects.filter(submitted_at__date__range=(period.start, period.end)).filter(
        _at(period)
    )


def enrolments_by_status(period: Period) -> list[dict]:
    return list(
        enrolments_sent(period).values("status").annotate(count=Count("pk")).order_by("status")
    )


def grants(period: Period):
    return Grant.objects.filter(signed_on__range=(period.start, period.end)).filter(_at(period))


def grants_by_kind(period: Period) -> list[dict]:
    return list(
        grants(period)
        .values("kind")
        .annotate(count=Count("pk"), amount=Sum("amount"))
        .order_by("kind")
    )


def jobs_created(period: Period):
    return Job.objects.filter(start_date__range=(period.start, period.end)).filter(
        _at(period, "grant__location")
    )


def jobs_maintained(period: Period):
    """Jobs with a "maintained" check in the period and no "lost" check up to its end."""
    maintained = JobCheck.objects.filter(
        job_id=OuterRef("pk"), result="maintained", checked_on__range=(period.start, period.end)
    )
    lost = JobCheck.objects.filter(job_id=OuterRef("pk"), result="lost", checked_on__lte=period.end)
    return (
        Job.objects.filter(_at(period, "grant__location"))
        .filter(Exists(maintained))
        .exclude(Exists(lost))
    )


def partnerships(period: Period):
    return Partnership.objects.filter(created_on__range=(period.start, period.end)).filter(
        _at(period)
    )


def summary(period: Period) -> dict:
    """Every figure of the dashboard and the report."""
    jobs = jobs_created(period).aggregate(count=Count("pk"), fte=Sum("working_time"))
    partnership_counts = partnerships(period).aggregate(
        created=Count("pk"), funded=Count("pk", filter=Q(outcome=Partnership.Outcome.FUNDED))
    )
    grant_rows = grants_by_kind(period)
    from portal.models import Location

    return {
        "centres": Location.objects.count(),
        "participants": participants(period),
        "people_by_month": people_by_month(period),
        "new_entities": new_entities(period).count(),
        "converted_entities": converted_entities(period).count(),
        "events": events_by_kind(period),
        "consultations": consultations_by_specialisation(period),
        "consultation_totals": consultation_totals(period),
        "enrolments": enrolments_by_status(period),
        "grants": grant_rows,
        "grant_agreements": sum(row["count"] for row in grant_rows),
        "grant_amount": sum((row["amount"] or 0) for row in grant_rows),
        "jobs_created": jobs["count"],
        "jobs_fte": jobs["fte"] or 0,
        "jobs_maintained": jobs_maintained(period).count(),
        "partnerships_created": partnership_counts["created"],
        "partnerships_funded": partnership_counts["funded"],
        # Survey answers (anonymous aggregates of the feedback app).
        "feedback": feedback.results_for_period(
            start=period.start, end=period.end, location=period.location
        ),
    }
