"""E-mails about registrations. Called after commit; a mail failure is logged, not raised."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from events import ical

logger = logging.getLogger(__name__)


def services_occurrence_of(registration):
    from events.services import occurrence_of

    return occurrence_of(registration)


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def registration_url(registration) -> str:
    event = registration.event
    return _absolute(event.url + event.reverse_subpage("registration", args=(registration.token,)))


def _send(registration, template: str, subject: str, *, attach_ics: bool) -> bool:
    event = registration.event
    occurrence = services_occurrence_of(registration)
    context = {
        "registration": registration,
        "event": event,
        "occurrence": occurrence,
        "manage_url": registration_url(registration),
        "event_url": _absolute(event.url),
        "show_online_link": registration.status == "confirmed",
    }
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(f"events/email/{template}.txt", context)
        subject = gettext(subject) % {"title": event.title}
    message = EmailMultiAlternatives(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body=body,
        to=[registration.email],
    )
    if attach_ics:
        online = event.online_url if registration.status == "confirmed" else ""
        message.attach(
            "wydarzenie.ics",
            ical.event_ics(occurrence, _absolute(occurrence.url), online),
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
        subject = gettext_noop("Sign-up confirmed: %(title)s")
    else:
        subject = gettext_noop("Waiting list: %(title)s")
    return _send(registration, "registration_received", subject, attach_ics=True)


def registration_promoted(registration) -> bool:
    subject = gettext_noop("A place has freed up: %(title)s")
    return _send(registration, "registration_promoted", subject, attach_ics=True)


def registration_cancelled(registration) -> bool:
    subject = gettext_noop("Sign-up cancelled: %(title)s")
    return _send(registration, "registration_cancelled", subject, attach_ics=False)


def event_cancelled(registration) -> bool:
    subject = gettext_noop("Event cancelled: %(title)s")
    return _send(registration, "event_cancelled", subject, attach_ics=False)
