"""Staff screens for events: attendee lists, exports, door check-in, printouts."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from events import exports, selectors, services
from events.models import EventPage, Registration
from events.staff_forms import StaffRegistrationForm
from portal.pagination import paginate

STAFF_PERMISSION = "events.change_registration"


class StaffMixin(LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = STAFF_PERMISSION  # anonymous: to the login; others: 403

    def get_event(self):
        return get_object_or_404(
            EventPage.objects.select_related("location"), pk=self.kwargs["event_id"]
        )


class EventListView(StaffMixin, TemplateView):
    template_name = "events/staff/event_list.html"

    def get_context_data(self, **kwargs):
        events = selectors.with_place_counts(
            EventPage.objects.select_related("location").order_by("-start")
        )
        return {"page_obj": paginate(self.request, events, 25)}


class AttendeesView(StaffMixin, TemplateView):
    template_name = "events/staff/attendees.html"

    def get_context_data(self, form=None, **kwargs):
        event = self.get_event()
        status = self.request.GET.get("status", "")
        query = self.request.GET.get("q", "").strip()[:100]
        registrations = Registration.objects.filter(event=event)
        if status in Registration.Status.values:
            registrations = registrations.filter(status=status)
        if query:
            registrations = registrations.filter(
                Q(last_name__icontains=query)
                | Q(first_name__icontains=query)
                | Q(email__icontains=query)
                | Q(organisation__icontains=query)
            )
        return {
            "event": event,
            "counts": selectors.attendance_counts(event),
            "status": status,
            "query": query,
            "statuses": Registration.Status.choices,
            "page_obj": paginate(self.request, registrations.order_by("status", "pk"), 50),
            "form": form or StaffRegistrationForm(),
        }

    def post(self, request, *args, **kwargs):
        event = self.get_event()
        form = StaffRegistrationForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=200)
        data = form.cleaned_data
        try:
            registration = services.registration_create(
                event=event,
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                phone=data["phone"],
                organisation=data["organisation"],
                participant_type=data["participant_type"],
                added_by=request.user,
            )
        except services.RegistrationRefused as refusal:
            messages.error(request, str(refusal.message))
        else:
            messages.success(
                request,
                _("%(name)s added: %(status)s.")
                % {"name": registration.full_name, "status": registration.get_status_display()},
            )
        return redirect("events_staff:attendees", event_id=event.pk)


class ExportView(StaffMixin, View):
    def get(self, request, event_id, file_format):
        if file_format not in ("csv", "xlsx"):
            raise Http404("Unknown export format")
        event = self.get_event()
        registrations = Registration.objects.filter(event=event).order_by("last_name", "pk")
        if file_format == "xlsx":
            body = exports.attendees_xlsx(registrations, event.title)
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        else:
            body = exports.attendees_csv(registrations)
            content_type = "text/csv; charset=utf-8"
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = (
            f'attachment; filename="uczestnicy-{event.pk}.{file_format}"'
        )
        response["Cache-Control"] = "no-store"
        return response


class CheckInView(StaffMixin, TemplateView):
    template_name = "events/staff/check_in.html"

    def get_context_data(self, **kwargs):
        event = self.get_event()
        query = self.request.GET.get("q", "").strip()[:100]
        confirmed = Registration.objects.filter(
            event=event, status=Registration.Status.CONFIRMED
        ).order_by("last_name", "first_name", "pk")
        if query:
            confirmed = confirmed.filter(
                Q(last_name__icontains=query) | Q(first_name__icontains=query)
            )
        return {
            "event": event,
            "query": query,
            "registrations": confirmed,
            "counts": selectors.attendance_counts(event),
        }

    def post(self, request, *args, **kwargs):
        event = self.get_event()
        registration = get_object_or_404(
            Registration, pk=request.POST.get("registration"), event=event
        )
        try:
            services.attendance_set(
                registration=registration, attended=request.POST.get("attended") == "1"
            )
        except services.RegistrationRefused as refusal:
            messages.error(request, str(refusal.message))
        query = request.POST.get("q", "")
        url = request.path + (f"?q={query}" if query else "")
        return redirect(f"{url}#osoba-{registration.pk}")


class AttendanceSheetView(StaffMixin, TemplateView):
    template_name = "events/staff/attendance_sheet.html"

    def get_context_data(self, **kwargs):
        event = self.get_event()
        return {
            "event": event,
            "registrations": Registration.objects.filter(
                event=event, status=Registration.Status.CONFIRMED
            ).order_by("last_name", "first_name", "pk"),
        }


class CertificateView(StaffMixin, TemplateView):
    template_name = "events/staff/certificate.html"

    def get_context_data(self, **kwargs):
        event = self.get_event()
        registration = get_object_or_404(
            Registration,
            pk=self.kwargs["registration_id"],
            event=event,
            status=Registration.Status.CONFIRMED,
            attended=True,
        )
        return {"event": event, "registration": registration}


class CancelEventView(StaffMixin, View):
    def post(self, request, event_id):
        event = self.get_event()
        notified = services.event_cancel(event=event, user=request.user)
        messages.success(
            request,
            _("The event is cancelled; %(count)s people are being notified by e-mail.")
            % {"count": notified},
        )
        return redirect("events_staff:attendees", event_id=event.pk)
