from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from intranet.models import AdviserProfile, Specialisation


class AdviserViewSet(SnippetViewSet):
    model = AdviserProfile
    icon = "user"
    menu_label = _("Advisers and their hours")
    list_display = ["__str__", "is_active"]
    list_filter = ["is_active", "specialisations"]


class SpecialisationViewSet(SnippetViewSet):
    model = Specialisation
    icon = "tag"
    menu_label = _("Kinds of advice")
    list_display = ["name", "meeting_minutes", "buffer_minutes"]


class ConsultationsGroup(SnippetViewSetGroup):
    items = (AdviserViewSet, SpecialisationViewSet)
    menu_icon = "date"
    menu_label = _("Consultations")
    menu_order = 240


register_snippet(ConsultationsGroup)
