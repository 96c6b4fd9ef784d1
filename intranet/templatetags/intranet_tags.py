"""The intranet's own navigation, by role: what this person may open, and nothing else;
and the breadcrumbs that say where in it a page is (dashboard › room › item)."""

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.selectors import representations_of
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


@register.filter
def item(sequence, index):
    """`sequence[index]`, or "" past its end: a table's column header for a cell's label."""
    try:
        return sequence[index]
    except (IndexError, TypeError):
        return ""


def _current(links, path):
    """The link whose address is the longest start of the current path."""
    matching = [link for link in links if path.startswith(link["url"])]
    return max(matching, key=lambda link: len(link["url"]), default=None)


def _menu_links(request):
    """The member and staff links this person may open, the current one marked: worked out
    once a request (the breadcrumbs and the menu both need them)."""
    if not hasattr(request, "_intranet_menu_links"):
        request._intranet_menu_links = _build_menu_links(request)
    return request._intranet_menu_links


def _build_menu_links(request):
    user = request.user

    def build(specs):
        return [
            {"label": label, "url": reverse(name)}
            for label, name, permission in specs
            if permission is None or user.has_perm(permission)
        ]

    member, staff = build(MEMBER_LINKS), build(STAFF_LINKS)
    # After the consultations: the person's event sign-ups (a section of the dashboard) and
    # the profile of each entity the person represents.
    member[3:3] = [
        {"label": _("My events"), "url": reverse("intranet:dashboard") + "#registrations-heading"},
        *(
            {
                "label": _("Profile: %(entity)s") % {"entity": representation.entity.name},
                "url": reverse("directory_intranet:edit", args=(representation.entity_id,)),
            }
            for representation in representations_of(user)
            if representation.is_approved
        ),
    ]
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
    return member, staff


@register.inclusion_tag("intranet/_menu.html", takes_context=True)
def intranet_menu(context):
    member, staff = _menu_links(context["request"])
    return {"member_links": member, "staff_links": staff}


@register.inclusion_tag("includes/intranet_breadcrumbs.html", takes_context=True)
def intranet_breadcrumbs(context, *trail):
    """Dashboard › the room of the menu this page belongs to › `trail`.

    `trail` is label, url, label, url, …, label: the pages between the room and this one,
    then this page's own label (its address is the request's). Without a trail the room
    itself is the current page.
    """
    request = context["request"]
    member, staff = _menu_links(request)
    crumbs = [(_("My intranet"), reverse("intranet:dashboard"))]
    room = _current(member + staff, request.path)
    if room is not None and room["url"] != crumbs[0][1]:
        crumbs.append((room["label"], room["url"]))
    *between, current = trail or (None,)
    crumbs += list(zip(between[::2], between[1::2], strict=True))
    if current is not None:
        crumbs.append((current, request.path))
    elif crumbs[-1][1] != request.path:
        crumbs.pop()  # a page outside the menu without a label of its own: its parents only
    return {"crumbs": crumbs, "current_path": request.path}
