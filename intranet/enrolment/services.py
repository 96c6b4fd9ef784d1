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
    TargetGroup,
)

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


@transaction.atomic
def enrolment_save_step(*, enrolment: Enrolment, form, step_number: int) -> Enrolment:
    """Save a valid step; the draft counts steps done in order, so submit knows it is whole.
    The row is locked as for submitting, so a step saved after a submit cannot undo it."""
    locked = _editable(enrolment)
    enrolment = form.save(commit=False)
    if isinstance(form, StatementsForm):
        _record_statements(enrolment, form.cleaned_data)
    enrolment.steps_done = max(locked.steps_done, step_number)
    enrolment.save()
    return enrolment


@transaction.atomic
def enrolment_save_partial(*, enrolment: Enrolment, form, step_number: int) -> Enrolment:
    """ "Save and finish later" with errors: keep every field that passed, mark the step undone."""
    locked = _editable(enrolment)
    for name, value in form.cleaned_data.items():
        if name in form.errors or name not in form._meta.fields:
            continue
        setattr(enrolment, name, value)
    enrolment.steps_done = min(locked.steps_done, step_number - 1)
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


def _step_problem(enrolment: Enrolment, step) -> str | None:
    if issubclass(step.form_class, StatementsForm):
        versions = (enrolment.information_clause_version, enrolment.declaration_version)
        if versions != (statements.VERSION, statements.VERSION):
            return _("The information clause has changed; please read it again below.")
        return None
    form = step.form_class(instance=enrolment)
    for name, field in form.fields.items():
        if field.required and name in form._meta.fields:
            if getattr(enrolment, name, None) in (None, "", [], ()):
                return _("Complete every step of the form before you send it.")
    return None


def enrolment_incomplete(enrolment: Enrolment) -> tuple[int, str] | None:
    """The one rule of "is this enrolment complete": None when it may be sent, otherwise
    the 1-based number of the first step still to do and why (not saved yet, a required
    field blank, or statements read in an older version)."""
    for number, step in enumerate(steps_of(enrolment), start=1):
        if number > enrolment.steps_done:
            return number, _("Complete every step of the form before you send it.")
        problem = _step_problem(enrolment, step)
        if problem:
            return number, problem
    return None


def first_unfinished_step(enrolment: Enrolment) -> int | None:
    """1-based number of the first step still to do, or None when the form is whole."""
    missing = enrolment_incomplete(enrolment)
    return missing[0] if missing else None


def _locked(enrolment: Enrolment) -> Enrolment:
    return Enrolment.objects.select_for_update().get(pk=enrolment.pk)


def _editable(enrolment: Enrolment) -> Enrolment:
    locked = _locked(enrolment)
    if not locked.is_editable:
        raise EnrolmentError(_("This form has already been sent."))
    return locked


def _record(enrolment, action, actor, comment=""):
    EnrolmentChange.objects.create(enrolment=enrolment, action=action, actor=actor, comment=comment)


@transaction.atomic
def enrolment_submit(*, enrolment: Enrolment, user) -> Enrolment:
    enrolment = _editable(enrolment)
    missing = enrolment_incomplete(enrolment)
    if missing is not None:
        raise EnrolmentError(missing[1])
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
