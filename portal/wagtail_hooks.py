from django.templatetags.static import static
from django.utils.html import format_html
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


@hooks.register("insert_global_admin_css")
def admin_accessibility_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


@hooks.register("insert_global_admin_js")
def admin_accessibility_js():
    """Names for Wagtail's unnamed date-picker buttons and tag input (static/js/admin.js)."""
    return format_html(
        '<script src="{}" data-previous="{}" data-next="{}" data-today="{}" data-tags="{}">'
        "</script>",
        static("js/admin.js"),
        _("Previous"),
        _("Next"),
        _("Today"),
        _("Tags"),
    )
