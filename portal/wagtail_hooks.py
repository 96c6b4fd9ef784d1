from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.models import Location


class LocationViewSet(SnippetViewSet):
    model = Location
    icon = "site"
    menu_label = _("Locations")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "town", "phone", "email"]
    search_fields = ["name", "town"]


register_snippet(LocationViewSet)


@hooks.register("register_admin_viewset")
def register_outbox():
    from portal.outbox import OutboxViewSet

    return OutboxViewSet("email")
