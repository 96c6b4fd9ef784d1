"""Registration rules of events: the one place that decides confirmed, waiting or refused.

Capacity holds under concurrent sign-ups because every change of an event's registrations
happens while holding a row lock on the event (SELECT … FOR UPDATE on PostgreSQL; SQLite
serialises writers itself). E-mails are sent only after the transaction has committed, so
a failing mail server never loses a registration.
"""

import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events import notifications
from events.models import EventPage, Registration

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


@dataclass(frozen=True)
class Availability:
    confirmed: int
    waiting: int
    capacity: int

    @property
    def free_places(self) -> int:
        return max(self.capacity - self.confirmed, 0)


def registration_refusal(event: EventPage, *, now=None) -> RegistrationRefused | None:
    """Why nobody can sign up right now (closed, past, cancelled), or None."""
    now = now or timezone.now()
    if event.is_cancelled:
        return RegistrationClosed(_("This event has been cancelled."))
    if event.is_past(now) or now >= event.registration_deadline:
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


def _count(event: EventPage, status: str) -> int:
    return Registration.objects.filter(event=event, status=status).count()


def registration_create(
    *,
    event: EventPage,
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
            refusal = registration_refusal(event, now=now)
            if refusal and not (added_by is not None and not event.is_cancelled):
                raise refusal
            already = Registration.objects.filter(event=event, email__iexact=email).exclude(
                status=Registration.Status.CANCELLED
            )
            if already.exists():
                raise AlreadyRegistered()
            if _count(event, Registration.Status.CONFIRMED) < event.capacity:
                status = Registration.Status.CONFIRMED
            elif event.waiting_list_enabled:
                status = Registration.Status.WAITING
            else:
                raise EventFull()
            registration = Registration(
                event=event,
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
            transaction.on_commit(lambda: notifications.registration_received(registration))
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
    ahead = Registration.objects.filter(
        event_id=registration.event_id,
        status=Registration.Status.WAITING,
        pk__lt=registration.pk,
    ).count()
    return ahead + 1


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
        promoted = _promote_waiting(event, now) if freed_a_place else None
        transaction.on_commit(lambda: notifications.registration_cancelled(registration))
        if promoted is not None:
            transaction.on_commit(lambda: notifications.registration_promoted(promoted))
    return promoted


def _promote_waiting(event: EventPage, now) -> Registration | None:
    if event.is_cancelled or _count(event, Registration.Status.CONFIRMED) >= event.capacity:
        return None
    first_waiting = (
        Registration.objects.select_for_update()
        .filter(event=event, status=Registration.Status.WAITING)
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
        to_notify = list(
            Registration.objects.filter(
                event=event,
                status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING],
            )
        )
        transaction.on_commit(lambda: [notifications.event_cancelled(r) for r in to_notify])
    return len(to_notify)
