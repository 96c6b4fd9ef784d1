from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from intranet.grants.monitoring import job_checks_schedule
from intranet.models import (
    AdviserProfile,
    Grant,
    GrantCall,
    Job,
    Partnership,
    Specialisation,
)


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


class GrantViewSet(SnippetViewSet):
    model = Grant
    icon = "doc-full"
    menu_label = _("Grant agreements")
    list_display = ["entity", "kind", "amount", "signed_on"]
    list_filter = ["kind"]


class JobViewSet(SnippetViewSet):
    model = Job
    icon = "user"
    menu_label = _("Jobs created")
    list_display = ["grant", "participant", "start_date", "working_time"]


class PartnershipViewSet(SnippetViewSet):
    model = Partnership
    icon = "group"
    menu_label = _("Partnerships")
    list_display = ["name", "call", "created_on", "outcome"]
    list_filter = ["outcome"]


class GrantCallViewSet(SnippetViewSet):
    model = GrantCall
    icon = "form"
    menu_label = _("Calls for grant applications")
    list_display = ["__str__", "opens_on", "closes_on", "budget"]


class GrantsGroup(SnippetViewSetGroup):
    items = (GrantCallViewSet, GrantViewSet, JobViewSet, PartnershipViewSet)
    menu_icon = "doc-full"
    menu_label = _("Grants and partnerships")
    menu_order = 250


register_snippet(GrantsGroup)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def schedule_job_checks(request, instance):
    """A job saved in the admin gets its monitoring checks (see grant_services)."""
    if isinstance(instance, Job):
        job_checks_schedule(job=instance)
