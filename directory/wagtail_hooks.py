from django.utils.translation import gettext_lazy as _
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


register_snippet(EntityViewSet)
