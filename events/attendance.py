"""At the door and after it: attendance marked from the event's day, the certificate of
attendance for people marked present, and the thank-you that carries it (with the survey
link of settings.EVENT_FEEDBACK_LINK) — run by `manage.py send_thank_yous`."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from events import notifications
from events.models import Certificate, Registration
from events.recurrence import Occurrence
from events.services import RegistrationRefused, occurrence_of

# People marked present are thanked up to this many days after the date (a paper list).
THANK_YOU_WITHIN_DAYS = 14


class TooEarlyForAttendance(RegistrationRefused):
    message = _("Attendance can be marked from the day of the event.")


def attendance_open(occurrence: Occurrence, *, today=None) -> bool:
    """Attendance is marked from the day of the event on, never ahead of it."""
    today = today or timezone.localdate()
    return timezone.localtime(occurrence.start).date() <= today


def attendance_set(*, registration: Registration, attended: bool, today=None) -> Registration:
    """Mark a confirmed participant present (or not) at the door, from the event's day;
    a person marked present gets a certificate."""
    if registration.status != Registration.Status.CONFIRMED:
        raise RegistrationRefused(_("Only confirmed participants can be marked present."))
    if not attendance_open(occurrence_of(registration), today=today):
        raise TooEarlyForAttendance()
    with transaction.atomic():
        registration.attended = attended
        registration.save(update_fields=["attended"])
        if attended:
            certificate_issue(registration=registration)
    return registration


def certificate_issue(*, registration: Registration) -> Certificate:
    """The certificate of a participant marked present (issued once; later calls return it)."""
    if registration.status != Registration.Status.CONFIRMED or not registration.attended:
        raise RegistrationRefused(_("A certificate is issued only to people marked present."))
    try:
        with transaction.atomic():
            certificate, _created = Certificate.objects.get_or_create(registration=registration)
    except IntegrityError:  # issued at the same moment by another request
        certificate = Certificate.objects.get(registration=registration)
    return certificate


def _feedback_url(registration: Registration) -> str:
    """The survey link the thank-you carries, from the app named in
    settings.EVENT_FEEDBACK_LINK (a dotted path; empty: no link). Events do not import it."""
    if not settings.EVENT_FEEDBACK_LINK:
        return ""
    return import_string(settings.EVENT_FEEDBACK_LINK)(registration) or ""


def thank_you_send(*, now=None) -> int:
    """Thank the people marked present at events that have ended, with their certificate.

    Each person is thanked once per event date: the certificate is marked by a conditional
    update in the transaction that queues the e-mail, so a job run twice (or two at once)
    sends nothing more. Attendance marked up to `THANK_YOU_WITHIN_DAYS` after the date
    (from a paper list) is still thanked; people who did not come get no message.
    """
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    since = today - datetime.timedelta(days=THANK_YOU_WITHIN_DAYS)
    candidates = (
        Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            attended=True,
            occurrence_date__range=(since, today),
            event__is_cancelled=False,
        )
        .exclude(certificate__thanked_at__isnull=False)
        .select_related("event", "event__location")
        .order_by("occurrence_date", "pk")
    )
    sent = 0
    for registration in candidates:
        if occurrence_of(registration).end > now:
            continue  # still going on
        with transaction.atomic():
            certificate = certificate_issue(registration=registration)
            marked = Certificate.objects.filter(pk=certificate.pk, thanked_at__isnull=True).update(
                thanked_at=now
            )
            if not marked:  # thanked meanwhile by another run
                continue
            notifications.thank_you(
                registration, certificate, feedback_url=_feedback_url(registration)
            )
        sent += 1
    return sent
