"""Reminders before each date: confirmed people get one e-mail `reminder_hours` ahead,
with the link that frees their place (run by `manage.py event_jobs`)."""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from events import notifications
from events.models import Registration
from events.services import occurrence_of


def _claim_reminder(registration: Registration, now) -> bool:
    """Mark the reminder as sent, unless another run did: a conditional UPDATE, so two
    jobs at once never both send it (the second waits for the first's row, then finds
    it taken)."""
    return bool(
        Registration.objects.filter(
            pk=registration.pk,
            status=Registration.Status.CONFIRMED,
            reminder_sent_at__isnull=True,
        ).update(reminder_sent_at=now)
    )


REMINDER_LOOKAHEAD = datetime.timedelta(days=15)  # beyond the longest lead time (336 h)


def reminders_send(*, now=None) -> int:
    """E-mail each confirmed person once, `reminder_hours` before their date, with the link
    that frees their place. Returns how many reminders were queued."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    candidates = (
        Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            reminder_sent_at__isnull=True,
            event__live=True,
            event__is_cancelled=False,
            event__reminder_hours__gt=0,
        )
        .filter(
            Q(event__repeat="", event__start__gt=now, event__start__lte=now + REMINDER_LOOKAHEAD)
            | Q(
                ~Q(event__repeat=""),
                occurrence_date__gte=today,
                occurrence_date__lte=today + REMINDER_LOOKAHEAD,
            )
        )
        .select_related("event", "event__location")
        .order_by("pk")
    )
    sent = 0
    for registration in candidates:
        occurrence = occurrence_of(registration)
        lead = datetime.timedelta(hours=registration.event.reminder_hours)
        if not (occurrence.start - lead <= now < occurrence.start):
            continue
        if registration.status_changed_at > occurrence.start - lead:
            continue  # confirmed within the lead time: that confirmation was the reminder
        with transaction.atomic():
            if _claim_reminder(registration, now):
                notifications.event_reminder(registration)
                sent += 1
    return sent
