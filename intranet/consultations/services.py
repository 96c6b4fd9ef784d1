"""Consultation booking rules: book, book a walk-in, cancel, reschedule, record the outcome.

Never double-booked: every booking of an adviser happens while holding a row lock on the
adviser (SELECT … FOR UPDATE; SQLite serialises writers itself) and is re-checked against
the free slots; PostgreSQL's exclusion constraints refuse any overlap even if a code path
forgot the lock. E-mails go out after the commit.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intranet.consultations import notifications
from intranet.consultations.slots import slot_is_free
from intranet.models import AdviserProfile, Booking
from intranet.models.bookings import ACTIVE_STATUSES

logger = logging.getLogger(__name__)

# Test-only switch: the concurrency tests turn the Python check off to show that the
# database alone still refuses the second booking.
CHECK_SLOT_IN_PYTHON = True
WALK_IN_STEP_MINUTES = 15


class BookingRefused(Exception):
    """A booking the rules do not allow; `message` is shown to the person."""

    message = _("This booking is not possible.")

    def __init__(self, message=None):
        super().__init__(message or self.message)
        if message:
            self.message = message


class SlotTaken(BookingRefused):
    message = _("This time was just taken. Here are the next free times.")


class TooManyBookings(BookingRefused):
    pass


class TooLateToChange(BookingRefused):
    message = _(
        "It is less than %(hours)s hours before the meeting, so it can no longer be changed "
        "online. Please phone the centre."
    )

    def __init__(self):
        super().__init__(self.message % {"hours": settings.BOOKING_CHANGE_HOURS})


def _upcoming_of(member, now):
    return Booking.objects.filter(member=member, status=Booking.Status.BOOKED, start__gt=now)


def booking_limit_reached(member, *, now=None, replacing: Booking | None = None) -> bool:
    """The one rule of how many upcoming consultations a member may hold."""
    upcoming = _upcoming_of(member, now or timezone.now())
    if replacing is not None:
        upcoming = upcoming.exclude(pk=replacing.pk)
    return upcoming.count() >= settings.BOOKING_MAX_UPCOMING


LIMIT_MESSAGE = _(
    "You already have %(count)s upcoming consultations, the most one person may hold. "
    "Cancel one or wait until it has taken place."
)


def adviser_lock(adviser) -> None:
    """Hold the adviser's row until the transaction ends: two bookings of one adviser are
    checked and written one after the other (the only place this lock is taken)."""
    AdviserProfile.objects.select_for_update().filter(pk=adviser.pk).first()


def member_lock(member) -> None:
    """Hold the member's row until the transaction ends: two parallel bookings with
    different advisers cannot both pass the member's limit."""
    get_user_model().objects.select_for_update().filter(pk=member.pk).first()


@transaction.atomic
def booking_create(
    *,
    adviser_id: int,
    specialisation,
    location,
    start: datetime.datetime,
    member=None,
    topic: str = "",
    created_by=None,
    walk_in: bool = False,
    visitor_name: str = "",
    visitor_phone: str = "",
    visitor_email: str = "",
    replacing: Booking | None = None,
    now: datetime.datetime | None = None,
) -> Booking:
    now = now or timezone.now()
    adviser = AdviserProfile.objects.filter(pk=adviser_id, is_active=True).first()
    if adviser is None:
        raise BookingRefused(_("This adviser does not take bookings."))
    adviser_lock(adviser)
    online = location is None
    step = WALK_IN_STEP_MINUTES if walk_in else None
    if CHECK_SLOT_IN_PYTHON and not slot_is_free(
        specialisation=specialisation,
        location=location,
        online=online,
        adviser_id=adviser.pk,
        start=start,
        now=now,
        step=step,
    ):
        raise SlotTaken()
    end = start + datetime.timedelta(minutes=specialisation.meeting_minutes)
    if CHECK_SLOT_IN_PYTHON and member is not None:
        own = Booking.objects.filter(
            member=member, status__in=ACTIVE_STATUSES, start__lt=end, end__gt=start
        )
        if replacing is not None:
            own = own.exclude(pk=replacing.pk)
        if own.exists():
            raise BookingRefused(_("You already have a consultation at this time."))
    if member is not None and not walk_in:
        member_lock(member)
        if booking_limit_reached(member, now=now, replacing=replacing):
            raise TooManyBookings(LIMIT_MESSAGE % {"count": settings.BOOKING_MAX_UPCOMING})
    booking = Booking(
        adviser=adviser,
        specialisation=specialisation,
        location=location,
        start=start,
        end=end,
        member=member,
        topic=topic,
        is_walk_in=walk_in,
        visitor_name=visitor_name,
        visitor_phone=visitor_phone,
        visitor_email=visitor_email,
        created_by=created_by or member,
    )
    try:
        with transaction.atomic():
            booking.save()
    except (IntegrityError, OperationalError) as error:
        # The database refused an overlap (exclusion constraint) or the same start. Two
        # overlapping inserts can also wait on each other; PostgreSQL then aborts one
        # (deadlock, SQLSTATE 40P01) — for that person the time was just taken as well.
        if isinstance(error, OperationalError) and not _is_deadlock(error):
            raise
        logger.info("The database refused a booking: %s", error)
        if member is not None and "member_no_overlap" in str(error):
            raise BookingRefused(_("You already have a consultation at this time.")) from error
        raise SlotTaken() from error
    notifications.booking_confirmed(booking)
    return booking


def _is_deadlock(error: Exception) -> bool:
    return getattr(error.__cause__, "sqlstate", None) == "40P01"


def change_deadline(booking: Booking) -> datetime.datetime:
    return booking.start - datetime.timedelta(hours=settings.BOOKING_CHANGE_HOURS)


def member_may_change(booking: Booking, now=None) -> bool:
    now = now or timezone.now()
    return booking.status == Booking.Status.BOOKED and now < change_deadline(booking)


@transaction.atomic
def booking_cancel(*, booking: Booking, user, by_staff: bool = False, now=None) -> Booking:
    now = now or timezone.now()
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status != Booking.Status.BOOKED:
        raise BookingRefused(_("This consultation is no longer booked."))
    late = now >= change_deadline(booking)
    if late and not by_staff:
        raise TooLateToChange()
    booking.status = Booking.Status.CANCELLED_LATE if late else Booking.Status.CANCELLED
    booking.cancelled_at = now
    booking.save(update_fields=["status", "cancelled_at"])
    notifications.booking_cancelled(booking)
    return booking


@transaction.atomic
def booking_reschedule(*, booking: Booking, member, adviser_id, start, now=None) -> Booking:
    """Move a member's booking: the new one is made first, then the old one cancelled."""
    now = now or timezone.now()
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if not member_may_change(booking, now):
        raise TooLateToChange()
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = now
    booking.save(update_fields=["status", "cancelled_at"])  # frees the member's own time
    return booking_create(
        adviser_id=adviser_id,
        specialisation=booking.specialisation,
        location=booking.location,
        start=start,
        member=member,
        topic=booking.topic,
        replacing=booking,
        now=now,
    )


@transaction.atomic
def booking_record_outcome(
    *, booking: Booking, status: str, actual_minutes, notes: str, follow_up: bool
) -> Booking:
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if status not in (
        Booking.Status.ATTENDED,
        Booking.Status.NO_SHOW,
        Booking.Status.CANCELLED_LATE,
    ):
        raise BookingRefused(_("Choose what happened."))
    if booking.status == Booking.Status.CANCELLED:
        raise BookingRefused(_("This consultation was cancelled."))
    if booking.start > timezone.now():
        raise BookingRefused(_("The outcome can be recorded once the meeting has started."))
    booking.status = status
    booking.actual_minutes = actual_minutes if status == Booking.Status.ATTENDED else None
    booking.notes = notes
    booking.follow_up = follow_up
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError as error:
        raise BookingRefused(_("This time is now taken by another meeting.")) from error
    return booking


def reminders_send(*, now=None) -> int:
    """E-mail tomorrow's meetings once: each booking is marked before its mail is sent."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + datetime.timedelta(days=1)
    sent = 0
    while True:
        with transaction.atomic():
            booking = (
                Booking.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(
                    status=Booking.Status.BOOKED,
                    reminder_sent_at__isnull=True,
                    start__date=tomorrow,
                )
                .select_related("adviser__user", "location", "specialisation", "member")
                .order_by("start", "pk")
                .first()
            )
            if booking is None:
                return sent
            booking.reminder_sent_at = now
            booking.save(update_fields=["reminder_sent_at"])
            notifications.booking_reminder(booking)
        sent += 1
