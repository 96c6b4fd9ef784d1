"""Registration rules of events: the one place that decides confirmed, waiting or refused.

Capacity holds under concurrent sign-ups because every change of an event's registrations
happens while holding a row lock on the event (SELECT … FOR UPDATE on PostgreSQL; SQLite
serialises writers itself). E-mails are sent only after the transaction has committed, so
a failing mail server never loses a registration.
"""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events import notifications, selectors
from events.live import event_area
from events.models import EventPage, Registration
from events.recurrence import Occurrence, occurrence_on
from portal.versions import areas_changed

logger = logging.getLogger(__name__)

# Test-only switch: the concurrency tests turn the lock off to show they catch the race.
LOCK_EVENT_ROWS = True

CONSENT_VERSION = "2026-11"
CONSENT_TEXT = (
    "Wyrażam zgodę na przetwarzanie moich danych osobowych przez Ośrodek Wsparcia Ekonomii "
    "Społecznej w celu zapisu i udziału w wydarzeniu, w tym na potrzeby listy obecności "
    "wymaganej w projektach współfinansowanych z Unii Europejskiej."
)
NEWSLETTER_TEXT = "Chcę otrzymywać informacje o wydarzeniach i naborach pocztą elektroniczną."


class RegistrationRefused(Exception):
    """A sign-up the rules do not allow; `message` is shown to the person."""

    message = _("Registration is not possible.")

    def __init__(self, message=None):
        super().__init__(message or self.message)
        if message:
            self.message = message


class RegistrationClosed(RegistrationRefused):
    message = _("Registration for this event is closed.")


class EventFull(RegistrationRefused):
    message = _("All places are taken and this event has no waiting list.")


class AlreadyRegistered(RegistrationRefused):
    message = _(
        "This e-mail address is already signed up for this event. "
        "Check your inbox for the confirmation with a link to manage your sign-up."
    )


class NoSuchDate(RegistrationRefused):
    message = _("This event does not take place on that date.")


def _places_changed(event_id: int) -> None:
    """Only this event's place counts and badges change (its live slot, events/live.py)."""
    areas_changed(event_area(event_id), content=False)


def registration_refusal(occurrence: Occurrence, *, now=None) -> RegistrationRefused | None:
    """Why nobody can sign up for this date right now (closed, past, cancelled), or None.

    Online registration closes at the event's "registration closes" time (for a one-off
    event) or when the date starts.
    """
    now = now or timezone.now()
    event = occurrence.event
    if event.is_cancelled:
        return RegistrationClosed(_("This event has been cancelled."))
    deadline = occurrence.start
    if event.registration_closes_at and not event.repeats:
        deadline = min(deadline, event.registration_closes_at)
    if occurrence.end <= now or now >= deadline:
        return RegistrationClosed()
    if event.registration_opens_at and now < event.registration_opens_at:
        return RegistrationClosed(
            _("Registration opens on %(date)s.")
            % {"date": timezone.localtime(event.registration_opens_at).strftime("%d.%m.%Y %H:%M")}
        )
    return None


def _locked(event: EventPage) -> EventPage:
    queryset = EventPage.objects.all()
    if LOCK_EVENT_ROWS:
        queryset = queryset.select_for_update(of=("self",))
    return queryset.get(pk=event.pk)


def registrations_of(occurrence: Occurrence):
    """The registrations of one date (of a one-off event: all of its registrations)."""
    registrations = Registration.objects.filter(event_id=occurrence.event.pk)
    if occurrence.event.repeats:
        registrations = registrations.filter(occurrence_date=occurrence.date)
    return registrations


def _count(occurrence: Occurrence, status: str) -> int:
    return registrations_of(occurrence).filter(status=status).count()


def registration_create(
    *,
    event: EventPage,
    occurrence_date=None,
    first_name: str,
    last_name: str,
    email: str,
    participant_type: str,
    phone: str = "",
    organisation: str = "",
    accessibility_needs: str = "",
    newsletter_consent: bool = False,
    user=None,
    added_by=None,
    now=None,
) -> Registration:
    """Sign a person up: confirmed while places last, then the waiting list, else refused.

    Staff adding someone who phoned in (`added_by`) may do so after online registration
    has closed, but never beyond the places or for a cancelled event.
    """
    now = now or timezone.now()
    try:
        with transaction.atomic():
            event = _locked(event)
            occurrence = occurrence_on(event, occurrence_date)
            if occurrence is None:
                raise NoSuchDate()
            refusal = registration_refusal(occurrence, now=now)
            if refusal and not (added_by is not None and not event.is_cancelled):
                raise refusal
            already = registrations_of(occurrence).filter(email__iexact=email.strip())
            if already.exclude(status=Registration.Status.CANCELLED).exists():
                raise AlreadyRegistered()
            if _count(occurrence, Registration.Status.CONFIRMED) < event.capacity:
                status = Registration.Status.CONFIRMED
            elif event.waiting_list_enabled:
                status = Registration.Status.WAITING
            else:
                raise EventFull()
            registration = Registration(
                event=event,
                occurrence_date=occurrence.date,
                status=status,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                email=email.strip(),
                phone=phone.strip(),
                organisation=organisation.strip(),
                participant_type=participant_type,
                accessibility_needs=accessibility_needs.strip(),
                consent_text=CONSENT_TEXT
                if added_by is None
                else f"{CONSENT_TEXT} [Zgoda przyjęta ustnie przez: {added_by.email}]",
                consent_version=CONSENT_VERSION,
                consented_at=now,
                newsletter_consent=newsletter_consent,
                newsletter_consented_at=now if newsletter_consent else None,
                user=user if user is not None and user.is_authenticated else None,
                status_changed_at=now,
            )
            registration.full_clean(validate_constraints=False)
            registration.save()
            notifications.registration_received(registration)
            _places_changed(event.pk)
    except IntegrityError as error:
        # The unique constraint caught a duplicate that raced past the check above.
        raise AlreadyRegistered() from error
    except ValidationError as error:
        raise RegistrationRefused("; ".join(error.messages)) from error
    return registration


def waiting_position(registration: Registration) -> int | None:
    """1 for the first person on the waiting list, in order of arrival."""
    if registration.status != Registration.Status.WAITING:
        return None
    ahead = registrations_of(occurrence_of(registration)).filter(
        status=Registration.Status.WAITING, pk__lt=registration.pk
    )
    return ahead.count() + 1


def occurrence_of(registration: Registration) -> Occurrence:
    """The date a registration is for (a one-off event moved to another day: its new date)."""
    event = registration.event
    found = occurrence_on(event, registration.occurrence_date)
    if found is not None:
        return found
    # A date later excluded from the series: keep its original time of day.
    local = timezone.localtime(event.start)
    start = timezone.make_aware(
        datetime.datetime.combine(registration.occurrence_date, local.time())
    )
    return Occurrence(event=event, start=start, end=start + (event.end - event.start))


def registration_cancel(*, event: EventPage, token: str, now=None) -> Registration | None:
    """Cancel the sign-up behind a secret link; a freed place goes to the first waiting.

    Returns the promoted registration, if any. A link of another event, or one already
    used, raises Registration.DoesNotExist.
    """
    now = now or timezone.now()
    with transaction.atomic():
        event = _locked(event)
        registration = Registration.objects.select_for_update().get(
            event=event,
            token=token,
            status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING],
        )
        freed_a_place = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.status_changed_at = now
        registration.save(update_fields=["status", "status_changed_at"])
        occurrence = occurrence_of(registration)
        promoted = _promote_waiting(occurrence, now) if freed_a_place else None
        notifications.registration_cancelled(registration)
        _places_changed(registration.event_id)
        if promoted is not None:
            notifications.registration_promoted(promoted)
    return promoted


def _promote_waiting(occurrence: Occurrence, now) -> Registration | None:
    event = occurrence.event
    if event.is_cancelled or _count(occurrence, Registration.Status.CONFIRMED) >= event.capacity:
        return None
    first_waiting = (
        registrations_of(occurrence)
        .select_for_update()
        .filter(status=Registration.Status.WAITING)
        .order_by("pk")
        .first()
    )
    if first_waiting is None:
        return None
    first_waiting.status = Registration.Status.CONFIRMED
    first_waiting.status_changed_at = now
    first_waiting.save(update_fields=["status", "status_changed_at"])
    return first_waiting


def attendance_set(*, registration: Registration, attended: bool) -> Registration:
    """Mark a confirmed participant present (or not) at the door."""
    if registration.status != Registration.Status.CONFIRMED:
        raise RegistrationRefused(_("Only confirmed participants can be marked present."))
    registration.attended = attended
    registration.save(update_fields=["attended"])
    return registration


def event_cancel(*, event: EventPage, user) -> int:
    """Cancel the event (a new published revision) and e-mail everyone signed up."""
    with transaction.atomic():
        event = _locked(event)
        if event.is_cancelled:
            return 0
        event.is_cancelled = True
        # Kadra may cancel events without page-publishing rights: the rule is ours.
        event.save_revision(user=user, log_action=True).publish(
            user=user, skip_permission_checks=True
        )
        to_notify = list(selectors.people_to_notify_of_cancellation(event))
        for registration in to_notify:
            notifications.event_cancelled(registration)
    return len(to_notify)
