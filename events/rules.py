"""When a date takes sign-ups: the one rule the badges (selectors) and the sign-up and its
undo (services) share, with the refusals it gives."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.recurrence import Occurrence


class RegistrationRefused(Exception):
    """A sign-up the rules do not allow; `message` is shown to the person."""

    message = _("Registration is not possible.")

    def __init__(self, message=None):
        super().__init__(message or self.message)
        if message:
            self.message = message


class RegistrationClosed(RegistrationRefused):
    message = _("Registration for this event is closed.")


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
