"""Attendee lists for staff; portal.exports writes them as CSV or XLSX."""

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

HEADERS = [
    _("Last name"),
    _("First name"),
    _("E-mail"),
    _("Phone"),
    _("Organisation"),
    _("Who is it?"),
    _("Status"),
    _("Present"),
    _("Accessibility needs"),
    _("Signed up at"),
]


def attendee_rows(registrations):
    for registration in registrations:
        yield [
            registration.last_name,
            registration.first_name,
            registration.email,
            registration.phone,
            registration.organisation,
            registration.get_participant_type_display(),
            registration.get_status_display(),
            gettext("yes") if registration.attended else gettext("no"),
            registration.accessibility_needs,
            timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
        ]
