"""Reads of the intranet: whose enrolments, the staff queue, delegations to confirm."""

from django.db.models import Q

from directory.selectors import entities_editable_by
from intranet.models import Enrolment, PersonalDataAccess

REVIEW_PERMISSION = "intranet.review_enrolment"
SPECIAL_DATA_PERMISSION = "intranet.view_special_category_data"


def enrolments_of(user):
    """The member's own enrolments: the only ones the member's screens may open."""
    return Enrolment.objects.filter(user=user).select_related("location", "delegating_entity")


def can_see_special_data(user) -> bool:
    return user.has_perm(SPECIAL_DATA_PERMISSION)


def delegations_awaiting(user):
    """Delegated persons waiting for this user's entities to confirm them."""
    entity_ids = entities_editable_by(user).values("pk")
    return (
        Enrolment.objects.filter(
            delegating_entity_id__in=entity_ids,
            target_group="delegated_person",
            delegation_confirmed_at__isnull=True,
        )
        .exclude(status__in=[Enrolment.Status.DRAFT, Enrolment.Status.REJECTED])
        .select_related("delegating_entity")
    )


def review_queue(*, q="", target_group="", status="", location=None, search_pesel=False):
    """The staff queue. Searching by PESEL only for those allowed to see PESEL numbers
    (otherwise digit-by-digit searches would reveal them)."""
    enrolments = Enrolment.objects.select_related("location", "delegating_entity", "user")
    if status:
        enrolments = enrolments.filter(status=status)
    else:
        enrolments = enrolments.exclude(status=Enrolment.Status.DRAFT)
    if target_group:
        enrolments = enrolments.filter(target_group=target_group)
    if location:
        enrolments = enrolments.filter(location=location)
    q = q.strip()
    if q:
        digits = "".join(ch for ch in q if ch.isdigit())
        match = Q(last_name__icontains=q) | Q(first_name__icontains=q)
        match |= Q(entity_name__icontains=q)
        if len(digits) >= 3:
            match |= Q(nip__startswith=digits)
            if search_pesel:
                match |= Q(pesel__startswith=digits)
        words = q.split()
        if len(words) == 2:
            match |= Q(first_name__iexact=words[0], last_name__iexact=words[1])
        enrolments = enrolments.filter(match)
    return enrolments.order_by("submitted_at", "pk")


def participants_for_export(target_group):
    groups = ["entity"] if target_group == "entity" else ["individual", "delegated_person"]
    return (
        Enrolment.objects.filter(status=Enrolment.Status.ACCEPTED, target_group__in=groups)
        .select_related("location", "delegating_entity")
        .order_by("support_start", "pk")
    )


def access_log():
    return PersonalDataAccess.objects.select_related("staff_user", "enrolment")


def waiting_for_review_count() -> int:
    """How many enrolments wait for a staff decision (the intranet menu shows it)."""
    return Enrolment.objects.filter(status=Enrolment.Status.SUBMITTED).count()
