"""E-mails about registrations, queued in the outbox within the registration's transaction
(portal.mail)."""

from django.utils.translation import gettext_noop

from events import ical
from events.models import Registration
from events.recurrence import occurrence_of
from portal.mail import absolute_url, mail_queue


def registration_url(registration) -> str:
    event = registration.event
    return absolute_url(
        event.url + event.reverse_subpage("registration", args=(registration.token,))
    )


def offer_url(registration) -> str:
    event = registration.event
    return absolute_url(event.url + event.reverse_subpage("offer", args=(registration.token,)))


def _send(registration, template: str, subject: str, *, attach_ics: bool) -> bool:
    event = registration.event
    occurrence = occurrence_of(registration)
    context = {
        "registration": registration,
        "event": event,
        "occurrence": occurrence,
        "manage_url": registration_url(registration),
        "offer_url": offer_url(registration),
        "event_url": absolute_url(event.url),
        "show_online_link": registration.status == Registration.Status.CONFIRMED,
    }
    attachments = ()
    if attach_ics:
        online = event.online_url if registration.status == Registration.Status.CONFIRMED else ""
        attachments = (
            (
                "wydarzenie.ics",
                ical.event_ics(occurrence, absolute_url(occurrence.url), online),
                "text/calendar; charset=utf-8; method=PUBLISH",
            ),
        )
    return mail_queue(
        to=[registration.email],
        subject=subject,
        subject_params={"title": event.title},
        template=f"events/email/{template}.txt",
        context=context,
        attachments=attachments,
    )


def registration_received(registration) -> bool:
    if registration.status == Registration.Status.CONFIRMED:
        subject = gettext_noop("Sign-up confirmed: %(title)s")
    else:
        subject = gettext_noop("Waiting list: %(title)s")
    # A calendar invitation only with a place: a waiting-list spot is not an appointment.
    return _send(
        registration,
        "registration_received",
        subject,
        attach_ics=registration.status == Registration.Status.CONFIRMED,
    )


def registration_promoted(registration) -> bool:
    subject = gettext_noop("A place has freed up: %(title)s")
    return _send(registration, "registration_promoted", subject, attach_ics=True)


def registration_cancelled(registration) -> bool:
    subject = gettext_noop("Sign-up cancelled: %(title)s")
    return _send(registration, "registration_cancelled", subject, attach_ics=False)


def event_cancelled(registration) -> bool:
    subject = gettext_noop("Event cancelled: %(title)s")
    return _send(registration, "event_cancelled", subject, attach_ics=False)


def registration_offered(registration) -> bool:
    subject = gettext_noop("A place is waiting for you – please confirm: %(title)s")
    return _send(registration, "registration_offered", subject, attach_ics=False)


def offer_confirmed(registration) -> bool:
    subject = gettext_noop("Sign-up confirmed: %(title)s")
    return _send(registration, "offer_confirmed", subject, attach_ics=True)


def offer_expired(registration) -> bool:
    subject = gettext_noop("The offered place has gone to the next person: %(title)s")
    return _send(registration, "offer_expired", subject, attach_ics=False)


def event_reminder(registration) -> bool:
    subject = gettext_noop("Reminder: %(title)s")
    return _send(registration, "event_reminder", subject, attach_ics=False)


def certificate_url(certificate) -> str:
    from django.urls import reverse

    return absolute_url(reverse("certificates:detail", args=(certificate.code,)))


def thank_you(registration, certificate, *, feedback_url: str = "") -> bool:
    """Thanks for coming, with the certificate's link (no login needed: its code is the key).

    `feedback_url` is the place for the survey's single-use link: the template shows it in
    its `feedback` block when given."""
    return mail_queue(
        to=[registration.email],
        subject=gettext_noop("Thank you for coming: %(title)s"),
        subject_params={"title": registration.event.title},
        template="events/email/thank_you.txt",
        context={
            "registration": registration,
            "event": registration.event,
            "occurrence": occurrence_of(registration),
            "certificate": certificate,
            "certificate_url": certificate_url(certificate),
            "feedback_url": feedback_url,
        },
    )
