"""E-mails about consultations (with an .ics), queued in the outbox (portal.mail)."""

from django.conf import settings
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_noop

from intranet.enrolment.notifications import _send as send
from intranet.models import Booking
from portal.ical import CalendarEntry, calendar_ics


def _where(booking) -> str:
    return booking.location.full_address if booking.location_id else "Online"


def booking_ics(booking) -> bytes:
    summary = f"Konsultacja: {booking.specialisation.name} – {booking.adviser.name}"
    entry = CalendarEntry(
        uid=f"booking-{booking.pk}@owes-portal",
        start=booking.start,
        end=booking.end,
        summary=summary,
        location=_where(booking),
        cancelled=booking.status not in (Booking.Status.BOOKED, Booking.Status.ATTENDED),
    )
    return calendar_ics([entry], name=summary, product="konsultacje", method="PUBLISH")


def _recipient(booking) -> str:
    return booking.member.email if booking.member_id else booking.visitor_email


def _send(booking, template: str, subject: str, *, attach_ics: bool) -> bool:
    context = {
        "booking": booking,
        "where": _where(booking),
        "url": settings.SITE_URL + reverse("bookings:detail", args=(booking.pk,))
        if booking.member_id
        else "",
        "change_hours": settings.BOOKING_CHANGE_HOURS,
    }
    attachments = (
        (("konsultacja.ics", booking_ics(booking), "text/calendar; charset=utf-8"),)
        if attach_ics
        else ()
    )
    return send([_recipient(booking)], subject, template, context, attachments=attachments)


def booking_confirmed(booking) -> bool:
    return _send(booking, "booking_confirmed", gettext_noop("Consultation booked"), attach_ics=True)


def booking_cancelled(booking) -> bool:
    return _send(
        booking, "booking_cancelled", gettext_noop("Consultation cancelled"), attach_ics=True
    )


def booking_reminder(booking) -> bool:
    return _send(
        booking,
        "booking_reminder",
        gettext_noop("Reminder: your consultation tomorrow"),
        attach_ics=False,
    )


def enrolment_invitation(booking) -> bool:
    """A walk-in visitor is invited to make an account and enrol (no .ics)."""
    signup = reverse("account_signup") + "?" + urlencode({"next": reverse("enrolment:start")})
    return send(
        [booking.visitor_email],
        gettext_noop("Invitation to enrol in the support centre's project"),
        "enrolment_invitation",
        {"booking": booking, "signup_url": settings.SITE_URL + signup},
    )
