"""The outbox in the Wagtail admin: every message the portal queued, with its status and
delivery errors, searchable by recipient, and "send again" — so staff can answer "I never
got my link" in a minute. Bodies are not shown: they hold secret links (sign-up
management, password resets) that only their recipient may use."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from post_office.models import STATUS, Email
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy


class OutboxPermissionPolicy(ModelPermissionPolicy):
    """Messages are looked at and sent again, never written by hand."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Email, OutboxPermissionPolicy(Email))


def message_requeue(*, message: Email) -> Email:
    """Deliver a message again (a failed one, or a sent one that never reached its reader)."""
    message.status = STATUS.queued
    message.scheduled_time = None
    message.number_of_retries = 0
    message.save(update_fields=["status", "scheduled_time", "number_of_retries", "last_updated"])
    return message


class OutboxInspectView(InspectView):
    template_name = "portal/outbox/inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["logs"] = self.object.logs.order_by("-date")
        context["may_resend"] = self.object.status != STATUS.queued
        return context


class OutboxViewSet(ModelViewSet):
    model = Email
    icon = "mail"
    menu_label = gettext_lazy("Outbox")
    menu_order = 900
    add_to_admin_menu = True
    url_prefix = "poczta"
    copy_view_enabled = False
    form_fields = ["subject"]  # required by ModelViewSet; editing is never permitted
    # A message is not content that others link to: without this, Wagtail would look up
    # every queued e-mail's references (4 queries in the transaction of each sign-up).
    add_to_reference_index = False
    inspect_view_enabled = True
    inspect_view_class = OutboxInspectView
    inspect_view_fields = [
        "to",
        "subject",
        "status",
        "created",
        "last_updated",
        "scheduled_time",
        "number_of_retries",
    ]
    list_display = ["to", "subject", "status", "number_of_retries", "last_updated"]
    list_filter = ["status"]
    search_fields = ["to", "subject"]
    ordering = ["-created"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("resend/<int:pk>/", self.resend_view, name="resend"),
        ]

    @property
    def resend_view(self):
        @require_POST
        def resend(request, pk):
            if not self.permission_policy.user_has_permission(request.user, "view"):
                raise PermissionDenied
            message = message_requeue(message=get_object_or_404(Email, pk=pk))
            messages.success(request, _("The message will be sent again in a moment."))
            return redirect(self.get_url_name("inspect"), message.pk)

        return resend
