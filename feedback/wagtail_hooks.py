from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from feedback.models import Survey
from feedback.views import VIEW_RESULTS


class SurveyViewSet(SnippetViewSet):
    model = Survey
    icon = "form"
    menu_label = _("Feedback surveys")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["title", "audience", "event_kind", "specialisation"]
    list_filter = ["audience"]


register_snippet(SurveyViewSet)


class _ResultsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_RESULTS)


@hooks.register("register_admin_menu_item")
def feedback_results_menu_item():
    return _ResultsMenuItem(
        _("Feedback results"), reverse("feedback:results"), icon_name="table", order=251
    )
