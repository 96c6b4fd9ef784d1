"""Staff screens for events: attendee lists, exports, door check-in, printouts."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from events import attendance, exports, selectors, services
from events.models import EventPage, Registration
from events.notifications import certificate_url
from events.recurrence import next_occurrence, occurrence_on, occurrences
from events.staff_forms import StaffRegistrationForm
from portal.exports import spreadsheet_response
from portal.pagination import paginate
from portal.params import date_or_404, id_or_404, text
from portal.pdf import pdf_response

STAFF_PERMISSION = "events.change_registration"


class StaffMixin(LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = STAFF_PERMISSION  # anonymous: to the login; others: 403

    def get_event(self):
        return get_object_or_404(
            EventPage.objects.select_related("location"), pk=self.kwargs["event_id"]
        )

    def get_occurrence(self, event, *, default_next: bool):
        """The date chosen with ?termin= (a series); by default the next one, or all dates."""
        raw = self.request.GET.get("termin") or self.request.POST.get("termin") or ""
        if not event.repeats:
            return occurrences(event)[0]
        if raw:
            found = occurrence_on(event, date_or_404(raw))
            if found is None:
                raise Http404("The event does not take place on that date")
            return found
        if default_next:
            today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
            return next_occurrence(event, now=today) or occurrences(event)[-1]
        return None

    def registrations_for(self, event, occurrence):
        if occurrence is None:
            return Registration.objects.filter(event=event)
        return services.registrations_of(occurrence)


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
        occurrence = self.get_occurrence(event, default_next=False)
        status = self.request.GET.get("status", "")
        query = text(self.request.GET.get("q"), 100)
        all_registrations = self.registrations_for(event, occurrence)
        registrations = all_registrations
        if status in Registration.Status.values:
            registrations = registrations.filter(status=status)
        if query:
            registrations = registrations.filter(
                Q(last_name__icontains=query)
                | Q(first_name__icontains=query)
                | Q(email__icontains=query)
                | Q(organisation__icontains=query)
            )
        page_obj = paginate(self.request, registrations.order_by("status", "pk"), 50)
        positions = selectors.waiting_positions(all_registrations)
        for registration in page_obj:  # evaluates the page once; the template reuses it
            registration.position = positions.get(registration.pk)
        return {
            "event": event,
            "occurrence": occurrence,
            "dates": occurrences(event) if event.repeats else [],
            "counts": selectors.attendance_counts(all_registrations),
            "status": status,
            "query": query,
            "statuses": Registration.Status.choices,
            "page_obj": page_obj,
            "form": form or StaffRegistrationForm(),
        }

    def post(self, request, *args, **kwargs):
        event = self.get_event()
        occurrence = self.get_occurrence(event, default_next=True)
        form = StaffRegistrationForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=200)
        try:
            registration = services.registration_create(
                event=event,
                occurrence_date=occurrence.date,
                added_by=request.user,
                **form.person_data(),
            )
        except services.RegistrationRefused as refusal:
            messages.error(request, str(refusal.message))
        else:
            messages.success(
                request,
                _("%(name)s added: %(status)s.")
                % {"name": registration.full_name, "status": registration.get_status_display()},
            )
        return redirect(request.get_full_path())


class ExportView(StaffMixin, View):
    def get(self, request, event_id, file_format):
        if file_format not in ("csv", "xlsx"):
            raise Http404("Unknown export format")
        event = self.get_event()
        occurrence = self.get_occurrence(event, default_next=False)
        registrations = self.registrations_for(event, occurrence).order_by("last_name", "pk")
        return spreadsheet_response(
            exports.HEADERS,
            exports.attendee_rows(registrations),
            file_format=file_format,
            filename=f"uczestnicy-{event.pk}",
            sheet_title=_("Attendees"),
            heading=event.title,
        )


class CheckInView(StaffMixin, TemplateView):
    template_name = "events/staff/check_in.html"

    def get_context_data(self, **kwargs):
        event = self.get_event()
        occurrence = self.get_occurrence(event, default_next=True)
        query = text(self.request.GET.get("q"), 100)
        registrations = services.registrations_of(occurrence)
        confirmed = registrations.filter(status=Registration.Status.CONFIRMED).order_by(
            "last_name", "first_name", "pk"
        )
        if query:
            confirmed = confirmed.filter(
                Q(last_name__icontains=query) | Q(first_name__icontains=query)
            )
        return {
            "event": event,
            "occurrence": occurrence,
            "query": query,
            "registrations": confirmed,
            "counts": selectors.attendance_counts(registrations),
            "attendance_open": attendance.attendance_open(occurrence),
        }

    def post(self, request, *args, **kwargs):
        event = self.get_event()
        registration = get_object_or_404(
            Registration, pk=id_or_404(request.POST.get("registration")), event=event
        )
        try:
            attendance.attendance_set(
                registration=registration, attended=request.POST.get("attended") == "1"
            )
        except services.RegistrationRefused as refusal:
            messages.error(request, str(refusal.message))
        params = {key: request.POST[key] for key in ("q", "termin") if request.POST.get(key)}
        url = request.path + (f"?{urlencode(params)}" if params else "")
        return redirect(f"{url}#osoba-{registration.pk}")


class AttendanceSheetView(StaffMixin, TemplateView):
    template_name = "events/staff/attendance_sheet.html"

    def get_context_data(self, **kwargs):
        event = self.get_event()
        occurrence = self.get_occurrence(event, default_next=True)
        return {
            "event": event,
            "occurrence": occurrence,
            "registrations": services.registrations_of(occurrence)
            .filter(status=Registration.Status.CONFIRMED)
            .order_by("last_name", "first_name", "pk"),
        }


class AttendanceSheetPdfView(AttendanceSheetView):
    """The same list as a PDF file (A4, tagged), for the project's paperwork."""

    def render_to_response(self, context, **response_kwargs):
        return pdf_response(
            self.request,
            self.template_name,
            context,
            filename=f"lista-obecnosci-{context['event'].pk}-{context['occurrence'].date}",
        )


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
        # Present before certificates existed (or marked on paper): issued on first print.
        certificate = attendance.certificate_issue(registration=registration)
        return {
            "event": event,
            "registration": registration,
            "occurrence": services.occurrence_of(registration),
            "certificate": certificate,
            "verification_url": certificate_url(certificate),
        }


class CertificatePdfView(CertificateView):
    def render_to_response(self, context, **response_kwargs):
        return pdf_response(
            self.request,
            self.template_name,
            context,
            filename=f"zaswiadczenie-{context['certificate'].code}",
        )


class CancelEventView(StaffMixin, View):
    """Cancelling an event e-mails everyone: it is asked for on a page of its own first."""

    def get(self, request, event_id):
        event = self.get_event()
        if event.is_cancelled:
            return redirect("events_staff:attendees", event_id=event.pk)
        return TemplateResponse(
            request,
            "events/staff/cancel_confirm.html",
            {"event": event, "to_notify": selectors.people_to_notify_of_cancellation(event)},
        )

    def post(self, request, event_id):
        event = self.get_event()
        if request.POST.get("confirm") != "yes":
            return self.get(request, event_id)
        notified = services.event_cancel(event=event, user=request.user)
        messages.success(
            request,
            _("The event is cancelled; %(count)s people are being notified by e-mail.")
            % {"count": notified},
        )
        return redirect("events_staff:attendees", event_id=event.pk)
