"""E-mails about consultations (with an .ics), sent after commit; failures are logged."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext, gettext_noop
from icalendar import Calendar, Event, vText

logger = logging.getLogger(__name__)


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
    to = _recipient(booking)
    if not to:
        return False
    context = {
        "booking": booking,
        "where": _where(booking),
        "url": settings.SITE_URL + reverse("bookings:detail", args=(booking.pk,))
        if booking.member_id
        else "",
        "change_hours": settings.BOOKING_CHANGE_HOURS,
    }
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(f"intranet/email/{template}.txt", context)
        subject = gettext(subject)
    message = EmailMultiAlternatives(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", body=body, to=[to]
    )
    if attach_ics:
        message.attach("konsultacja.ics", booking_ics(booking), "text/calendar; charset=utf-8")
    try:
        message.send()
    except Exception:  # noqa: BLE001 - the booking is saved; a lost e-mail is logged
        logger.exception("Could not send the %s e-mail for booking %s", template, booking.pk)
        return False
    return True


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
    context = {"booking": booking, "signup_url": settings.SITE_URL + signup}
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string("intranet/email/enrolment_invitation.txt", context)
        subject = gettext(gettext_noop("Invitation to enrol in the support centre's project"))
    message = EmailMultiAlternatives(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body=body,
        to=[booking.visitor_email],
    )
    try:
        message.send()
    except Exception:  # noqa: BLE001 - nothing is lost; staff see the failure
        logger.exception("Could not send the enrolment invitation for booking %s", booking.pk)
        return False
    return True
