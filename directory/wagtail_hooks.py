from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from directory.models import Entity


class EntityViewSet(SnippetViewSet):
    model = Entity
    icon = "group"
    menu_label = _("Directory")
    menu_order = 230
    add_to_admin_menu = True
    list_display = ["name", "legal_form", "town", "live", "updated_at"]
    list_filter = ["legal_form", "county", "is_social_enterprise", "live"]
    search_fields = ["name", "town", "nip", "krs"]
    # Filtered in the database (`icontains`): NIP and KRS are not in the search index.
    search_backend_name = None


register_snippet(EntityViewSet)


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("directory.change_entity")


@hooks.register("register_admin_menu_item")
def representation_requests_menu_item():
    return StaffMenuItem(
        _("Requests to represent entities"),
        reverse("directory_staff:requests"),
        icon_name="user",
        order=231,
    )
