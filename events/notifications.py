"""E-mails about registrations. Called after commit; a mail failure is logged, not raised."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from events import ical

logger = logging.getLogger(__name__)


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def registration_url(registration) -> str:
    event = registration.event
    return _absolute(event.url + event.reverse_subpage("registration", args=(registration.token,)))


def _send(registration, template: str, subject: str, *, attach_ics: bool) -> bool:
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "manage_url": registration_url(registration),
        "event_url": _absolute(event.url),
    }
    with translation.override("pl"):
        body = render_to_string(f"events/email/{template}.txt", context)
    message = EmailMultiAlternatives(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body=body,
        to=[registration.email],
    )
    if attach_ics:
        online = event.online_url if registration.status == "confirmed" else ""
        message.attach(
            "wydarzenie.ics",
            ical.event_ics(event, _absolute(event.url), online),
            "text/calendar; charset=utf-8; method=PUBLISH",
        )
    try:
        message.send()
    except Exception:  # noqa: BLE001 - the registration is saved; a lost e-mail is logged
        logger.exception(
            "Could not send the %s e-mail for registration %s", template, registration.pk
        )
        return False
    return True


def registration_received(registration) -> bool:
    if registration.status == "confirmed":
        subject = f"Potwierdzenie zapisu: {registration.event.title}"
    else:
        subject = f"Lista rezerwowa: {registration.event.title}"
    return _send(registration, "registration_received", subject, attach_ics=True)


def registration_promoted(registration) -> bool:
    subject = f"Zwolniło się miejsce: {registration.event.title}"
    return _send(registration, "registration_promoted", subject, attach_ics=True)


def registration_cancelled(registration) -> bool:
    subject = f"Anulowano zapis: {registration.event.title}"
    return _send(registration, "registration_cancelled", subject, attach_ics=False)


def event_cancelled(registration) -> bool:
    subject = f"Wydarzenie odwołane: {registration.event.title}"
    return _send(registration, "event_cancelled", subject, attach_ics=False)
