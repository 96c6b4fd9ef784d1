"""Enrolment rules: start, save a step, submit, confirm a delegation, decide, erase.

Every change is written in one transaction (with the enrolment's row locked, so a double
click or two staff members cannot decide twice) and recorded as an `EnrolmentChange`;
e-mails go out only after the commit.
"""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from directory.models import Entity
from directory.selectors import entities_editable_by
from directory.services import entity_create_draft
from intranet.enrolment import notifications, statements
from intranet.enrolment.forms import StatementsForm, steps_of
from intranet.models import (
    Enrolment,
    EnrolmentChange,
    PersonalDataAccess,
    SupportItem,
    TargetGroup,
)
from portal.mail import mail_erase

logger = logging.getLogger(__name__)

Status = Enrolment.Status
Action = EnrolmentChange.Action


class EnrolmentError(Exception):
    """A change the rules do not allow; `message` is shown to the person."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def enrolment_start(*, user, target_group: str) -> Enrolment:
    """Open a draft, or return the draft the member already has for this target group."""
    existing = Enrolment.objects.filter(
        user=user, target_group=target_group, status=Status.DRAFT
    ).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return Enrolment.objects.create(user=user, target_group=target_group, email=user.email)
    except IntegrityError:  # a second click created it a moment ago
        return Enrolment.objects.get(user=user, target_group=target_group, status=Status.DRAFT)


def enrolment_save_step(*, enrolment: Enrolment, form, step_number: int) -> Enrolment:
    """Save a valid step; the draft counts steps done in order, so submit knows it is whole."""
    enrolment = form.save(commit=False)
    if isinstance(form, StatementsForm):
        _record_statements(enrolment, form.cleaned_data)
    enrolment.steps_done = max(enrolment.steps_done, step_number)
    enrolment.save()
    return enrolment


def enrolment_save_partial(*, enrolment: Enrolment, form, step_number: int) -> Enrolment:
    """ "Save and finish later" with errors: keep every field that passed, mark the step undone."""
    for name, value in form.cleaned_data.items():
        if name in form.errors or name not in form._meta.fields:
            continue
        setattr(enrolment, name, value)
    enrolment.steps_done = min(enrolment.steps_done, step_number - 1)
    enrolment.save()
    return enrolment


def _record_statements(enrolment: Enrolment, cleaned: dict) -> None:
    now = timezone.now()
    enrolment.information_clause_version = statements.VERSION
    enrolment.information_clause_shown_at = now
    enrolment.declaration_version = statements.VERSION
    enrolment.declared_at = now
    for consent in ("image", "newsletter"):
        if cleaned.get(f"{consent}_consent"):
            if not getattr(enrolment, f"{consent}_consent_at"):
                setattr(enrolment, f"{consent}_consent_version", statements.VERSION)
                setattr(enrolment, f"{consent}_consent_at", now)
        else:
            setattr(enrolment, f"{consent}_consent_version", "")
            setattr(enrolment, f"{consent}_consent_at", None)


def first_unfinished_step(enrolment: Enrolment) -> int | None:
    """1-based number of the first step still to do, or None when the form is whole."""
    if enrolment.steps_done >= len(steps_of(enrolment)):
        return None
    return enrolment.steps_done + 1


def _locked(enrolment: Enrolment) -> Enrolment:
    return Enrolment.objects.select_for_update().get(pk=enrolment.pk)


def _record(enrolment, action, actor, comment=""):
    EnrolmentChange.objects.create(enrolment=enrolment, action=action, actor=actor, comment=comment)


@transaction.atomic
def enrolment_submit(*, enrolment: Enrolment, user) -> Enrolment:
    enrolment = _locked(enrolment)
    if not enrolment.is_editable:
        raise EnrolmentError(_("This form has already been sent."))
    if first_unfinished_step(enrolment) is not None:
        raise EnrolmentError(_("Complete every step of the form before you send it."))
    enrolment.status = Status.SUBMITTED
    enrolment.submitted_at = timezone.now()
    enrolment.staff_comment = ""
    enrolment.save()
    _record(enrolment, Action.SUBMITTED, user)
    notifications.enrolment_submitted(enrolment)
    if enrolment.delegation_pending:
        notifications.delegation_requested(enrolment)
    return enrolment


@transaction.atomic
def delegation_confirm(*, enrolment: Enrolment, user) -> Enrolment:
    enrolment = _locked(enrolment)
    represents = entities_editable_by(user).filter(pk=enrolment.delegating_entity_id).exists()
    if enrolment.target_group != TargetGroup.DELEGATED_PERSON or not represents:
        raise EnrolmentError(_("Only a representative of the delegating entity can confirm."))
    if enrolment.delegation_confirmed_at:
        raise EnrolmentError(_("The delegation has already been confirmed."))
    enrolment.delegation_confirmed_at = timezone.now()
    enrolment.delegation_confirmed_by = user
    enrolment.save()
    _record(enrolment, Action.DELEGATION_CONFIRMED, user)
    return enrolment


@transaction.atomic
def enrolment_decide(*, enrolment: Enrolment, staff_user, decision: str, comment: str = ""):
    """Accept, reject or send back a submitted enrolment; the member is told by e-mail."""
    enrolment = _locked(enrolment)
    if enrolment.status != Status.SUBMITTED:
        raise EnrolmentError(_("This enrolment is not waiting for a decision any more."))
    now = timezone.now()
    if decision == "accept":
        if enrolment.delegation_pending:
            raise EnrolmentError(_("The delegating entity has not confirmed the delegation yet."))
        enrolment.status = Status.ACCEPTED
        enrolment.support_start = timezone.localdate(now)
        enrolment.age_at_start = age_on(enrolment.birth_date, enrolment.support_start)
        if enrolment.target_group == TargetGroup.ENTITY:
            enrolment.entity = _entity_for(enrolment)
        action = Action.ACCEPTED
    elif decision in ("reject", "send_back"):
        if not comment.strip():
            raise EnrolmentError(_("Give the reason; the member will see it."))
        enrolment.status = Status.REJECTED if decision == "reject" else Status.NEEDS_CORRECTIONS
        action = Action.REJECTED if decision == "reject" else Action.SENT_BACK
    else:
        raise EnrolmentError(_("Choose a decision."))
    enrolment.staff_comment = comment.strip()
    enrolment.decided_at = now
    enrolment.decided_by = staff_user
    enrolment.save()
    _record(enrolment, action, staff_user, comment.strip())
    notifications.enrolment_decided(enrolment)
    return enrolment


@transaction.atomic
def support_end_latest(today: datetime.date | None = None) -> datetime.date:
    """Support is recorded as it ends, or planned at most a year ahead (not 9999-12-31)."""
    today = today or timezone.localdate()
    return today + datetime.timedelta(days=365)


def support_end_record(*, enrolment: Enrolment, staff_user, end: datetime.date) -> Enrolment:
    enrolment = _locked(enrolment)
    if enrolment.status != Status.ACCEPTED:
        raise EnrolmentError(_("Only an accepted participant has a period of support."))
    if end < enrolment.support_start:
        raise EnrolmentError(_("Support cannot end before it started."))
    latest = support_end_latest()
    if end > latest:
        raise EnrolmentError(
            _("Support can end at most a year from today, on %(latest)s at the latest.")
            % {"latest": date_format(latest, "j E Y")}
        )
    enrolment.support_end = end
    enrolment.save()
    _record(enrolment, Action.SUPPORT_ENDED, staff_user, end.isoformat())
    return enrolment


def age_on(birth_date: datetime.date | None, day: datetime.date) -> int | None:
    if birth_date is None:
        return None
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def _entity_for(enrolment: Enrolment) -> Entity:
    """The directory's entity with the same NIP or KRS, or a new unpublished one."""
    from django.db.models import Q

    match = Q(nip=enrolment.nip)
    if enrolment.krs:
        match |= Q(krs=enrolment.krs)
    entity = Entity.objects.filter(match).first()
    if entity:
        return entity
    return entity_create_draft(
        name=enrolment.entity_name,
        owner=enrolment.user,
        legal_form=enrolment.legal_form,
        krs=enrolment.krs,
        nip=enrolment.nip,
        regon=enrolment.regon,
        county=enrolment.county,
        commune=enrolment.commune,
        town=enrolment.town,
        street=enrolment.street,
        postcode=enrolment.postcode,
        email=enrolment.email,
        phone=enrolment.phone,
    )


# Personal data ---------------------------------------------------------------------------

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
