"""E-mails about consultations (with an .ics), queued in the outbox (portal.mail)."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_noop
from icalendar import Calendar, Event, vText

from intranet.notifications import _send as send


def _where(booking) -> str:
    if booking.location_id:
        location = booking.location
        return f"{location.name}, {location.street}, {location.postcode} {location.town}"
    return "Online"


def booking_ics(booking) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//OWES Portal//konsultacje//PL")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"booking-{booking.pk}@owes-portal")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", timezone.localtime(booking.start))
    event.add("dtend", timezone.localtime(booking.end))
    event.add("summary", f"Konsultacja: {booking.specialisation.name} – {booking.adviser.name}")
    event["location"] = vText(_where(booking))
    if booking.status not in ("booked", "attended"):
        event.add("status", "CANCELLED")
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


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
