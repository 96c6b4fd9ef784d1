"""The intranet's own navigation, by role: what this person may open, and nothing else."""

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intranet.consultations import selectors as booking_selectors
from intranet.enrolment import selectors

register = template.Library()

# (label, url name, permission or None for every member)
MEMBER_LINKS = [
    (_("My intranet"), "intranet:dashboard", None),
    (_("Enrol in the project"), "enrolment:start", None),
    (_("Consultations"), "bookings:home", None),
    (_("Grants"), "calls:list", None),
    (_("My data"), "intranet:my_data", None),
    (_("Account"), "account_email", None),
]
STAFF_LINKS = [
    (_("Enrolments to review"), "enrolment_staff:queue", selectors.REVIEW_PERMISSION),
    (_("Walk-in desk"), "bookings_staff:desk", booking_selectors.DESK_PERMISSION),
    (_("Consultation calendar"), "bookings_staff:calendar", booking_selectors.DESK_PERMISSION),
    (_("Event registrations"), "events_staff:events", "events.change_registration"),
    (_("Support paths"), "support:overdue", "intranet.manage_support_paths"),
    (_("Indicators"), "indicators:dashboard", "intranet.view_indicators"),
    (_("Feedback results"), "feedback:results", "feedback.view_response"),
    (_("Directory requests"), "directory_staff:requests", "directory.change_entity"),
]


def _current(links, path):
    """The link whose address is the longest start of the current path."""
    matching = [link for link in links if path.startswith(link["url"])]
    return max(matching, key=lambda link: len(link["url"]), default=None)


@register.inclusion_tag("intranet/_menu.html", takes_context=True)
def intranet_menu(context):
    request = context["request"]
    user = request.user

    def build(specs):
        return [
            {"label": label, "url": reverse(name)}
            for label, name, permission in specs
            if permission is None or user.has_perm(permission)
        ]

    member, staff = build(MEMBER_LINKS), build(STAFF_LINKS)
    if user.has_perm(selectors.REVIEW_PERMISSION):
        staff[0]["count"] = selectors.waiting_for_review_count()
    if user.has_perm("intranet.view_indicators"):
        year = timezone.localdate().year - 1
        staff.append(
            {"label": _("Annual report"), "url": reverse("indicators:report", args=(year,))}
        )
    if user.has_perm("wagtailadmin.access_admin"):
        staff.append({"label": _("Content administration (Wagtail)"), "url": "/admin/"})
    current = _current(member + staff, request.path)
    if current is not None:
        current["current"] = True
    return {"member_links": member, "staff_links": staff}
