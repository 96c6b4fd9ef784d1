"""The member's dashboard: everything the intranet holds for the logged-in person."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils import timezone
from django.views.generic import TemplateView

from directory.selectors import representations_of
from events.models import Registration
from intranet.consultations import selectors as booking_selectors
from intranet.enrolment import selectors
from intranet.support import services as support_services
from portal.accounts import user_is_staff_member


class DashboardView(LoginRequiredMixin, TemplateView):
    template_name = "intranet/dashboard/dashboard.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        now = timezone.now()
        return {
            "upcoming_bookings": booking_selectors.upcoming_bookings_of(user, now),
            "past_bookings_count": booking_selectors.past_bookings_of(user, now).count(),
            "can_run_desk": user.has_perm(booking_selectors.DESK_PERMISSION),
            "can_see_indicators": user.has_perm("intranet.view_indicators"),
            "can_manage_paths": user.has_perm("intranet.manage_support_paths"),
            "support_path": support_services.path_of(user),
            "enrolments": selectors.enrolments_of(user),
            "delegations": selectors.delegations_awaiting(user),
            "representations": representations_of(user),
            "registrations": Registration.objects.filter(user=user)
            .select_related("event")
            .order_by("-occurrence_date")[:20],
            "is_staff_member": user_is_staff_member(user),
            "can_review": user.has_perm(selectors.REVIEW_PERMISSION),
            "can_read_access_log": user.has_perm("intranet.view_personaldataaccess"),
        }
