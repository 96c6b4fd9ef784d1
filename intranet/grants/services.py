"""The grant award procedure: apply, attach, submit; declare conflicts, score; rank, decide,
appeal. An award becomes the Grant agreements the indicators count."""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.selectors import entities_editable_by
from intranet.enrolment import notifications
from intranet.models import (
    Application,
    ApplicationAttachment,
    ConflictDeclaration,
    Enrolment,
    Grant,
    GrantCall,
    Score,
)
from portal import uploads

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
# The types a business plan comes in (each checked by opening it: portal.uploads).
ATTACHMENT_TYPES = ("pdf", "docx", "xlsx", "odt", "jpg", "jpeg", "png")
# What Kadra may decide on a submitted application.
DECISIONS = (Application.Status.AWARDED, Application.Status.RESERVE, Application.Status.REJECTED)


class CallError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def call_is_open(call: GrantCall, today=None) -> bool:
    today = today or timezone.localdate()
    return call.opens_on <= today <= call.closes_on


def open_calls(today=None):
    today = today or timezone.localdate()
    return GrantCall.objects.filter(opens_on__lte=today, closes_on__gte=today)


def application_start(*, call: GrantCall, entity, user) -> Application:
    if not call_is_open(call):
        raise CallError(_("This call is not open for applications."))
    if not entities_editable_by(user).filter(pk=entity.pk).exists():
        raise CallError(_("You can apply only for an entity you represent."))
    try:
        with transaction.atomic():
            return Application.objects.create(call=call, entity=entity, submitted_by=user)
    except IntegrityError:
        return Application.objects.get(call=call, entity=entity)


def applications_of(user):
    return Application.objects.filter(entity__in=entities_editable_by(user)).select_related(
        "call", "entity"
    )


def application_lock(application: Application) -> Application:
    """The application read afresh and locked until the end of the transaction: every
    change of one application (save, attach, submit, decide, appeal) takes this lock."""
    return Application.objects.select_for_update().get(pk=application.pk)


def _draft_for_change(application: Application) -> Application:
    """The application, locked, while it is a draft: a save racing a submit either lands
    before it or is refused after it."""
    locked = application_lock(application)
    if locked.status != Application.Status.DRAFT:
        raise CallError(_("A submitted application cannot be changed."))
    return locked


@transaction.atomic
def application_update(*, application: Application, fields: dict) -> Application:
    locked = _draft_for_change(application)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.save(update_fields=list(fields))
    return locked


@transaction.atomic
def attachment_add(*, application: Application, upload) -> ApplicationAttachment:
    application = _draft_for_change(application)
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise CallError(_("The file is larger than 10 MB."))
    if uploads.extension_of(upload.name) not in ATTACHMENT_TYPES:
        raise CallError(_("Attach a PDF, DOCX, XLSX, ODT, JPEG or PNG file."))
    if not uploads.content_matches_name(upload):
        raise CallError(uploads.mismatch_message(upload.name))
    return ApplicationAttachment.objects.create(
        application=application, file=upload, name=upload.name[:200]
    )


@transaction.atomic
def application_submit(*, application: Application, user) -> Application:
    application = application_lock(application)
    if application.status != Application.Status.DRAFT:
        raise CallError(_("This application has already been submitted."))
    if not call_is_open(application.call):
        raise CallError(_("The call is closed; applications can no longer be submitted."))
    missing = [
        str(Application._meta.get_field(name).verbose_name)
        for name in ("summary", "market", "marketing", "finances")
        if not getattr(application, name).strip()
    ]
    if missing:
        raise CallError(_("Fill in: %(fields)s.") % {"fields": ", ".join(missing)})
    application.status = Application.Status.SUBMITTED
    application.submitted_at = timezone.now()
    application.submitted_by = user
    application.save()
    return application


def is_committee_member(call: GrantCall, user) -> bool:
    """A committee seat is a staff right: honoured only after the second factor."""
    if getattr(user, "second_factor_missing", False):
        return False
    return call.committee.filter(user=user).exists()


def conflict_declare(*, application: Application, member, has_conflict: bool):
    if not is_committee_member(application.call, member):
        raise CallError(_("Only members of this call's committee evaluate."))
    declaration, created = ConflictDeclaration.objects.get_or_create(
        application=application, member=member, defaults={"has_conflict": has_conflict}
    )
    if not created:
        raise CallError(_("You have already made your declaration for this application."))
    return declaration


@transaction.atomic
def scores_save(*, application: Application, member, points: dict) -> None:
    """points: {criterion id: points}. Needs a declaration of no conflict first."""
    if application.status != Application.Status.SUBMITTED:
        raise CallError(_("Only submitted applications are scored."))
    declaration = ConflictDeclaration.objects.filter(application=application, member=member).first()
    if declaration is None:
        raise CallError(_("Declare whether you have a conflict of interest first."))
    if declaration.has_conflict:
        raise CallError(_("You declared a conflict of interest: you do not score this one."))
    criteria = {c.pk: c for c in application.call.criteria.all()}
    if set(points) != set(criteria):
        raise CallError(_("Score every criterion."))
    for criterion_id, value in points.items():
        if not 0 <= value <= criteria[criterion_id].max_points:
            raise CallError(
                _("%(criterion)s: from 0 to %(max)s points.")
                % {
                    "criterion": criteria[criterion_id].name,
                    "max": criteria[criterion_id].max_points,
                }
            )
        Score.objects.update_or_create(
            application=application,
            member=member,
            criterion_id=criterion_id,
            defaults={"points": value},
        )


def ranking(call: GrantCall) -> list[tuple[Application, Decimal | None, int]]:
    """(application, average total score of the members who scored it, how many did),
    best first; unscored applications last."""
    totals = (
        Score.objects.filter(application__call=call)
        .values("application_id", "member_id")
        .annotate(total=Sum("points"))
    )
    by_application = {}
    for row in totals:
        by_application.setdefault(row["application_id"], []).append(row["total"])
    applications = call.applications.exclude(status=Application.Status.DRAFT).select_related(
        "entity"
    )
    rows = []
    for application in applications:
        member_totals = by_application.get(application.pk, [])
        average = (
            (Decimal(sum(member_totals)) / len(member_totals)).quantize(Decimal("0.01"))
            if member_totals
            else None
        )
        rows.append((application, average, len(member_totals)))
    rows.sort(key=lambda row: (row[1] is None, -(row[1] or 0), row[0].pk))
    return rows


@transaction.atomic
def application_decide(*, application: Application, staff_user, decision: str, justification):
    application = application_lock(application)
    if application.status != Application.Status.SUBMITTED:
        raise CallError(_("This application is not waiting for a decision."))
    if timezone.localdate() <= application.call.closes_on:
        raise CallError(_("Decisions are taken after the call closes."))
    if decision not in DECISIONS:
        raise CallError(_("Choose a decision."))
    if not justification.strip():
        raise CallError(_("Give the justification; the applicant will see it."))
    application.status = decision
    application.justification = justification.strip()
    application.decided_at = timezone.now()
    application.decided_by = staff_user
    application.save()
    notifications.application_decided(application)
    if decision == Application.Status.AWARDED:
        today = timezone.localdate()
        enrolment = (
            Enrolment.objects.filter(entity=application.entity, status=Enrolment.Status.ACCEPTED)
            .exclude(location=None)
            .first()
        )
        location = enrolment.location if enrolment else None
        agreement = {"entity": application.entity, "signed_on": today, "location": location}
        number = f"{application.call.number}/{application.pk}"
        if application.amount_requested:
            Grant.objects.create(
                **agreement,
                kind=Grant.Kind.GRANT,
                amount=application.amount_requested,
                agreement_number=number,
            )
        if application.bridging_amount:
            Grant.objects.create(
                **agreement,
                kind=Grant.Kind.BRIDGING,
                amount=application.bridging_amount,
                period_start=today,
                period_end=today + datetime.timedelta(days=30 * application.bridging_months),
                agreement_number=f"{number}/P",
            )
    return application


def appeal_deadline(application: Application):
    if application.decided_at is None:
        return None
    return application.decided_at + datetime.timedelta(days=application.call.appeal_days)


@transaction.atomic
def appeal_lodge(*, application: Application, user, text: str) -> Application:
    application = application_lock(application)
    if application.status not in (Application.Status.REJECTED, Application.Status.RESERVE):
        raise CallError(_("Only a rejected or reserve-list application can be appealed."))
    if application.appealed_at:
        raise CallError(_("An appeal has already been lodged."))
    if timezone.now() > appeal_deadline(application):
        raise CallError(_("The time to appeal has passed."))
    if not text.strip():
        raise CallError(_("Write the grounds of the appeal."))
    application.appeal_text = text.strip()
    application.appealed_at = timezone.now()
    application.save()
    return application


@transaction.atomic
def ranking_publish(*, call: GrantCall, staff_user) -> GrantCall:
    """After the decisions: applicants see their place and average score."""
    call = GrantCall.objects.select_for_update().get(pk=call.pk)
    if timezone.localdate() <= call.closes_on:
        raise CallError(_("The ranking is published after the call closes."))
    if call.applications.filter(status=Application.Status.SUBMITTED).exists():
        raise CallError(_("Decide on every submitted application before publishing the ranking."))
    call.ranking_published_at = timezone.now()
    call.save(update_fields=["ranking_published_at"])
    return call


def place_of(application: Application):
    """(place, average) in the published ranking, or None before it is published."""
    if application.call.ranking_published_at is None:
        return None
    for place, (row, average, _members) in enumerate(ranking(application.call), start=1):
        if row.pk == application.pk:
            return place, average
    return None
