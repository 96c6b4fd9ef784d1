from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from events.models import EventPage
from events.staff_views import STAFF_PERMISSION


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(STAFF_PERMISSION)


@hooks.register("register_admin_menu_item")
def event_registrations_menu_item():
    return StaffMenuItem(
        _("Event registrations"),
        reverse("events_staff:events"),
        icon_name="group",
        order=220,
    )


@hooks.register("register_page_listing_more_buttons")
def event_attendees_button(page, user, next_url=None):
    if issubclass(page.specific_class or object, EventPage) and user.has_perm(STAFF_PERMISSION):
        yield Button(
            _("Attendees"),
            reverse("events_staff:attendees", args=(page.pk,)),
            icon_name="group",
            priority=5,
        )
