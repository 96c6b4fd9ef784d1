"""Registration rules of events: the one place that decides confirmed, waiting or refused.

A freed place is not given away: it is offered to the first person on the waiting list,
held for them until `offer_deadline` and, unconfirmed by then, offered to the next person
by the periodic job (`manage.py event_jobs`: `offers_expire`, then `reminders_send`). An
offered place counts as taken, so the capacity rule is the same: confirmed + offered never
exceed the places.

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
from events.recurrence import Occurrence, occurrence_of, occurrence_on
from events.rules import RegistrationRefused, registration_refusal
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


def _locked(event: EventPage) -> EventPage:
    # With its place (or none), which the e-mails that follow a change of places show.
    queryset = EventPage.objects.select_related("location")
    if LOCK_EVENT_ROWS:
        queryset = queryset.select_for_update(of=("self",))
    return queryset.get(pk=event.pk)


def registrations_of(occurrence: Occurrence):
    """The registrations of one date (of a one-off event: all of its registrations)."""
    registrations = Registration.objects.filter(event_id=occurrence.event.pk)
    if occurrence.event.repeats:
        registrations = registrations.filter(occurrence_date=occurrence.date)
    return registrations


def _count(occurrence: Occurrence, *statuses: str) -> int:
    return registrations_of(occurrence).filter(status__in=statuses).count()


# The statuses that hold a place: a confirmed person, or one a freed place is offered to.
HOLDING = (Registration.Status.CONFIRMED, Registration.Status.OFFERED)
# An offer ends at the latest this long before the date starts (time to plan the trip)…
OFFER_CUTOFF = datetime.timedelta(hours=2)
# …and an offer shorter than this is pointless: the place is then given at once.
SHORTEST_OFFER = datetime.timedelta(hours=1)


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
            if _count(occurrence, *HOLDING) < event.capacity:
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
            # The values a person typed; not the event (locked above) nor the user (the
            # request's own), and the random token's uniqueness is the database's to check:
            # two queries fewer while the event's places are locked.
            registration.full_clean(
                exclude=["event", "user"], validate_unique=False, validate_constraints=False
            )
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


def registration_cancel(*, event: EventPage, token: str, now=None) -> Registration | None:
    """Cancel the sign-up (or leave the waiting list, or turn an offer down) behind a secret
    link; a freed place is offered to the first waiting person.

    Returns the registration the place went to, if any. A link of another event, or one
    already used, raises Registration.DoesNotExist.
    """
    now = now or timezone.now()
    with transaction.atomic():
        event = _locked(event)
        registration = Registration.objects.select_for_update().get(
            event=event,
            token=token,
            status__in=[*HOLDING, Registration.Status.WAITING],
        )
        freed_a_place = registration.status in HOLDING
        registration.status = Registration.Status.CANCELLED
        registration.status_changed_at = now
        registration.offer_expires_at = None  # left on purpose, not expired
        registration.save(update_fields=["status", "status_changed_at", "offer_expires_at"])
        occurrence = occurrence_of(registration)
        promoted = _offer_next(occurrence, now) if freed_a_place else None
        notifications.registration_cancelled(registration)
        _places_changed(registration.event_id)
    return promoted


def offer_deadline(occurrence: Occurrence, now) -> datetime.datetime | None:
    """Until when a place freed now is held for the next person: the event's `offer_hours`,
    but never later than OFFER_CUTOFF before the start. None: too close to the start (or
    offers switched off) — the place is then given at once, as a confirmed one."""
    if not occurrence.event.offer_hours:
        return None
    deadline = min(
        now + datetime.timedelta(hours=occurrence.event.offer_hours),
        occurrence.start - OFFER_CUTOFF,
    )
    return deadline if deadline - now >= SHORTEST_OFFER else None


def _offer_next(occurrence: Occurrence, now) -> Registration | None:
    """Offer a free place of this date to the first person waiting (the caller holds the
    event's lock), and e-mail them. Returns that registration, or None."""
    event = occurrence.event
    if (
        event.is_cancelled
        or occurrence.end <= now
        or _count(occurrence, *HOLDING) >= event.capacity
    ):
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
    deadline = offer_deadline(occurrence, now)
    first_waiting.status = (
        Registration.Status.CONFIRMED if deadline is None else Registration.Status.OFFERED
    )
    first_waiting.offer_expires_at = deadline
    first_waiting.status_changed_at = now
    first_waiting.save(update_fields=["status", "offer_expires_at", "status_changed_at"])
    if deadline is None:
        notifications.registration_promoted(first_waiting)
    else:
        notifications.registration_offered(first_waiting)
    return first_waiting


class OfferNotOpen(RegistrationRefused):
    message = _(
        "This offer is no longer valid: the time to confirm has passed and the place has "
        "gone to the next person on the waiting list."
    )


def offer_confirm(*, event: EventPage, token: str, now=None) -> Registration:
    """Take the place offered behind a secret link, while the offer lasts.

    Confirming twice is harmless; an expired, turned-down or unknown offer raises
    OfferNotOpen. Under the event's lock, so a confirmation and the offer's expiry never
    both win (tested under concurrency)."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _locked(event)
        registration = Registration.objects.filter(event=event, token=token).first()
        if registration is not None and registration.status == Registration.Status.CONFIRMED:
            return registration
        if registration is None or event.is_cancelled or not registration.offer_is_open(now):
            raise OfferNotOpen()
        registration.status = Registration.Status.CONFIRMED
        registration.offer_expires_at = None
        registration.status_changed_at = now
        registration.save(update_fields=["status", "offer_expires_at", "status_changed_at"])
        notifications.offer_confirmed(registration)
        _places_changed(event.pk)
    return registration


class PlaceTaken(RegistrationRefused):
    message = _(
        "Your place has been taken in the meantime, so the sign-up cannot be restored. "
        "You can sign up again on the event's page."
    )


def registration_restore(*, event: EventPage, token: str, now=None) -> Registration:
    """Undo a cancellation: the sign-up is confirmed again while a place is still free.

    Raises PlaceTaken when the places are gone (nobody is pushed back to the waiting list),
    RegistrationClosed when the date has passed or the event is cancelled, and
    Registration.DoesNotExist for a link that is not a cancelled sign-up of this event.
    """
    now = now or timezone.now()
    with transaction.atomic():
        event = _locked(event)
        registration = Registration.objects.select_for_update().get(
            event=event, token=token, status=Registration.Status.CANCELLED
        )
        occurrence = occurrence_of(registration)
        refusal = registration_refusal(occurrence, now=now)
        if refusal is not None:
            raise refusal
        if _count(occurrence, *HOLDING) >= event.capacity:
            raise PlaceTaken()
        registration.status = Registration.Status.CONFIRMED
        registration.status_changed_at = now
        registration.save(update_fields=["status", "status_changed_at"])
        _places_changed(event.pk)
    return registration


def offers_expire(*, now=None) -> int:
    """Pass every offer unconfirmed by its deadline on to the next person (the periodic
    job; safe to run twice or at once: each event is handled under its lock)."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=Registration.Status.OFFERED,
        offer_expires_at__lte=now,
        event__is_cancelled=False,  # its people were told of the cancellation instead
    )
    expired = 0
    for event_id in sorted(set(due.values_list("event_id", flat=True))):
        with transaction.atomic():
            event = _locked(EventPage(pk=event_id))
            for registration in due.filter(event=event).order_by("pk"):
                registration.event = event
                registration.status = Registration.Status.CANCELLED
                registration.status_changed_at = now
                registration.save(update_fields=["status", "status_changed_at"])
                notifications.offer_expired(registration)
                _offer_next(occurrence_of(registration), now)
                expired += 1
            _places_changed(event.pk)
    return expired


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
