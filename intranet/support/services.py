"""Diagnosis and the individual support path: who may add what, and what "done" needs."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intranet.models import Booking, Diagnosis, Enrolment, SupportItem


class SupportError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _accepted(enrolment: Enrolment) -> None:
    if enrolment.status != Enrolment.Status.ACCEPTED:
        raise SupportError(_("Only an accepted participant has a diagnosis and a support path."))


def diagnosis_add(*, enrolment: Enrolment, author, data: dict) -> Diagnosis:
    _accepted(enrolment)
    return Diagnosis.objects.create(enrolment=enrolment, author=author, **data)


def support_item_add(*, enrolment: Enrolment, user, data: dict) -> SupportItem:
    _accepted(enrolment)
    return SupportItem.objects.create(enrolment=enrolment, created_by=user, **data)


@transaction.atomic
def support_item_update(
    *,
    item: SupportItem,
    status: str,
    done_on: datetime.date | None = None,
    booking=None,
    registration=None,
) -> SupportItem:
    """Change an item's status; a done item gets its date (today unless given) and may be
    linked to the consultation or event attendance that fulfilled it."""
    item = SupportItem.objects.select_for_update().get(pk=item.pk)
    today = timezone.localdate()
    if status == SupportItem.Status.DONE:
        done_on = done_on or today
        if done_on > today:
            raise SupportError(_("Support cannot be done in the future."))
    else:
        done_on = None
    user_id = item.enrolment.user_id
    if booking is not None and (
        booking.member_id != user_id or booking.status != Booking.Status.ATTENDED
    ):
        raise SupportError(_("Link a consultation this participant attended."))
    if registration is not None and (registration.user_id != user_id or not registration.attended):
        raise SupportError(_("Link an event this participant attended."))
    item.status, item.done_on = status, done_on
    item.booking, item.registration = booking, registration
    item.save()
    return item


def items_overdue(*, today, location=None):
    items = SupportItem.objects.filter(
        status__in=(SupportItem.Status.PLANNED, SupportItem.Status.IN_PROGRESS),
        target_date__lt=today,
        enrolment__status=Enrolment.Status.ACCEPTED,
    ).select_related("enrolment", "enrolment__location")
    if location is not None:
        items = items.filter(enrolment__location=location)
    return items.order_by("target_date", "pk")


def path_of(member):
    """A member's own support path items (never the diagnoses)."""
    return (
        SupportItem.objects.filter(
            enrolment__user=member, enrolment__status=Enrolment.Status.ACCEPTED
        )
        .select_related("enrolment")
        .order_by("target_date", "pk")
    )
