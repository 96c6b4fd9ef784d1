"""Personal data of enrolments: the access log of special-category data, erasure on
request, anonymisation after the retention period, and a member's own data (my-data)."""

import datetime
import logging

from django.db import transaction
from django.utils import timezone

from intranet.enrolment.services import _record
from intranet.models import Enrolment, EnrolmentChange, PersonalDataAccess, SupportItem, TargetGroup
from portal.mail import mail_erase

logger = logging.getLogger(__name__)

Status = Enrolment.Status
Action = EnrolmentChange.Action

SPECIAL_FIELDS = (
    "pesel",
    "birth_date",
    "sex",
    "eligibility",
    "disability",
    "disability_degree",
    "foreign_origin",
    "homeless",
    "accessibility_needs",
)


def personal_data_access_log(*, staff_user, enrolments, kind: str) -> None:
    """Record that `staff_user` saw the special-category data of these enrolments."""
    fields = ", ".join(SPECIAL_FIELDS)
    PersonalDataAccess.objects.bulk_create(
        PersonalDataAccess(staff_user=staff_user, enrolment=enrolment, kind=kind, fields=fields)
        for enrolment in enrolments
    )


# Everything about a person that erasure and retention remove. Sex, age at the start,
# target group, county, location, status and dates stay: the indicators count them.
PERSONAL_FIELDS = {
    "first_name": "",
    "last_name": "",
    "pesel": "",
    "birth_date": None,
    "eligibility": [],
    "disability": "",
    "disability_degree": "",
    "foreign_origin": "",
    "homeless": "",
    "accessibility_needs": "",
    "cares_for_dependant": False,
    "street": "",
    "commune": "",
    "town": "",
    "postcode": "",
    "phone": "",
    "email": "",
    "representative_name": "",
    "needs": "",
    "staff_comment": "",
}


def _anonymise(enrolment: Enrolment, *, action, actor) -> None:
    for name, empty in PERSONAL_FIELDS.items():
        if enrolment.target_group == TargetGroup.ENTITY and name == "needs":
            continue  # an entity's needs are not personal data
        setattr(enrolment, name, empty)
    enrolment.anonymised_at = timezone.now()
    if enrolment.user_id:
        mail_erase(address=enrolment.user.email)  # what the outbox keeps of their messages
    enrolment.user = None
    enrolment.save()
    enrolment.changes.update(comment="")
    # Confidential findings go; the dated forms of support stay (without their text).
    enrolment.diagnoses.all().delete()
    enrolment.support_items.update(title="—")
    _record(enrolment, action, actor)


@transaction.atomic
def person_erase(*, enrolment: Enrolment, staff_user) -> None:
    """Erase on request: the person's enrolments, event sign-ups and account."""
    from events.models import Registration

    user = enrolment.user
    enrolments = [enrolment]
    if user is not None:
        enrolments = list(Enrolment.objects.select_for_update().filter(user=user))
    for each in enrolments:
        _anonymise(each, action=Action.ERASED, actor=staff_user)
    if user is not None:
        registrations = Registration.objects.filter(user=user) | Registration.objects.filter(
            email__iexact=user.email
        )
        for registration in registrations:
            registration.first_name = registration.last_name = registration.phone = ""
            registration.organisation = registration.accessibility_needs = ""
            registration.email = f"usunieto-{registration.pk}@invalid.example"
            registration.user = None
            registration.save()
        from intranet.models import Booking

        bookings = Booking.objects.filter(member=user)
        bookings.filter(status=Booking.Status.BOOKED, start__gt=timezone.now()).update(
            status=Booking.Status.CANCELLED, cancelled_at=timezone.now()
        )
        bookings.update(topic="", notes="", visitor_name="", visitor_phone="", visitor_email="")
        user.delete()
    logger.info("Erased the personal data of enrolment %s on request", enrolment.pk)


def enrolments_past_retention(*, today: datetime.date, project_end, retention_years: int):
    if project_end is None:
        return Enrolment.objects.none()
    try:
        limit = project_end.replace(year=project_end.year + retention_years)
    except ValueError:  # 29 February
        limit = project_end.replace(year=project_end.year + retention_years, day=28)
    if today <= limit:
        return Enrolment.objects.none()
    return Enrolment.objects.filter(anonymised_at__isnull=True)


@transaction.atomic
def enrolments_anonymise_expired(*, today, project_end, retention_years) -> int:
    count = 0
    expired = enrolments_past_retention(
        today=today, project_end=project_end, retention_years=retention_years
    ).select_for_update()
    for enrolment in expired:
        _anonymise(enrolment, action=Action.ANONYMISED, actor=None)
        count += 1
    return count


def personal_data_of(user) -> dict:
    """All a member's own data, for the "download my data" page and its JSON."""
    from events.models import Registration

    def enrolment_data(enrolment):
        data = {
            field.name: getattr(enrolment, field.attname)
            for field in Enrolment._meta.concrete_fields
            if field.name not in ("user", "delegation_confirmed_by", "decided_by")
        }
        data["history"] = [
            {"action": change.get_action_display(), "at": change.at, "comment": change.comment}
            for change in enrolment.changes.all()
        ]
        return data

    return {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        },
        "enrolments": [enrolment_data(e) for e in user.enrolments.prefetch_related("changes")],
        "event_registrations": [
            {
                "event": r.event.title,
                "date": r.occurrence_date,
                "status": r.get_status_display(),
                "first_name": r.first_name,
                "last_name": r.last_name,
                "email": r.email,
                "phone": r.phone,
                "organisation": r.organisation,
                "accessibility_needs": r.accessibility_needs,
                "consent_text": r.consent_text,
                "consented_at": r.consented_at,
            }
            for r in Registration.objects.filter(user=user).select_related("event")
        ],
        "consultations": [
            {
                "start": b.start,
                "end": b.end,
                "help": b.specialisation.name,
                "adviser": b.adviser.name,
                "place": b.location.name if b.location_id else "online",
                "status": b.get_status_display(),
                "topic": b.topic,
            }
            for b in user.bookings.select_related("specialisation", "adviser__user", "location")
        ],
        "support_path": [
            {
                "what": item.title,
                "kind": item.get_kind_display(),
                "target_date": item.target_date,
                "status": item.get_status_display(),
                "done_on": item.done_on,
            }
            for item in SupportItem.objects.filter(enrolment__user=user)
        ],
        "represented_entities": [
            {
                "entity": r.entity.name,
                "role": r.get_role_display(),
                "status": r.get_status_display(),
            }
            for r in user.representations.select_related("entity")
        ],
    }
