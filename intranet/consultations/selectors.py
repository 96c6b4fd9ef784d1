"""Reads of consultations: a member's own, an adviser's, the desk's and the calendars'."""

from intranet.models import AdviserProfile, Booking
from intranet.models.bookings import ACTIVE_STATUSES

DESK_PERMISSION = "intranet.run_walk_in_desk"
ALL_BOOKINGS_PERMISSION = "intranet.review_enrolment"  # Kadra: every adviser's meetings


def bookings_of(member):
    """The member's own bookings: the only ones member screens may open."""
    return Booking.objects.filter(member=member).select_related(
        "adviser__user", "specialisation", "location"
    )


def upcoming_bookings_of(member, now):
    return bookings_of(member).filter(status=Booking.Status.BOOKED, end__gt=now).order_by("start")


def past_bookings_of(member, now):
    return bookings_of(member).exclude(status=Booking.Status.BOOKED, end__gt=now).order_by("-start")


def active_adviser(adviser_id):
    return (
        AdviserProfile.objects.filter(pk=adviser_id, is_active=True).select_related("user").first()
    )


def bookings_visible_to_staff(user):
    """Kadra see every meeting; an adviser sees (and records) only their own."""
    bookings = Booking.objects.select_related(
        "adviser__user", "specialisation", "location", "member"
    )
    if user.has_perm(ALL_BOOKINGS_PERMISSION):
        return bookings
    return bookings.filter(adviser__user=user)


def may_see_client(user, booking) -> bool:
    """Who a meeting is with (and so, e.g., that they see the therapist) is shown to Kadra
    and to the meeting's own adviser only; other advisers see the time taken."""
    return user.has_perm(ALL_BOOKINGS_PERMISSION) or booking.adviser.user_id == user.pk


def calendar_bookings(*, start, end, location=None, adviser=None):
    bookings = Booking.objects.filter(
        start__lt=end, end__gt=start, status__in=(*ACTIVE_STATUSES, Booking.Status.CANCELLED_LATE)
    ).select_related("adviser__user", "specialisation", "location", "member")
    if location is not None:
        bookings = bookings.filter(location=location)
    if adviser is not None:
        bookings = bookings.filter(adviser=adviser)
    return bookings.order_by("start", "adviser__user__last_name")
