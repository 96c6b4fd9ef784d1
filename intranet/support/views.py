"""Advisers and Kadra: a participant's diagnosis and support path; overdue items per centre."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.models import Registration
from intranet.models import Booking, Diagnosis, Enrolment, SupportItem
from intranet.support import services
from portal.accounts import permission_required_or_403
from portal.models import Location
from portal.pagination import paginate
from portal.params import id_or_404, id_or_none

MANAGE = "intranet.manage_support_paths"


class DiagnosisForm(forms.ModelForm):
    class Meta:
        model = Diagnosis
        fields = ["kind", "made_on", "findings", "strengths", "barriers"]
        widgets = {
            "made_on": forms.DateInput(attrs={"type": "date"}),
            "findings": forms.Textarea(attrs={"rows": 4}),
            "strengths": forms.Textarea(attrs={"rows": 3}),
            "barriers": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_made_on(self):
        made_on = self.cleaned_data["made_on"]
        if made_on > timezone.localdate():
            raise forms.ValidationError(_("A diagnosis cannot be dated in the future."))
        return made_on


class SupportItemForm(forms.ModelForm):
    class Meta:
        model = SupportItem
        fields = ["kind", "title", "specialisation", "target_date"]
        widgets = {"target_date": forms.DateInput(attrs={"type": "date"})}


class ItemStatusForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=SupportItem.Status.choices)
    done_on = forms.DateField(
        label=gettext_lazy("Done on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    booking = forms.ModelChoiceField(
        label=gettext_lazy("Consultation attended"), queryset=Booking.objects.none(), required=False
    )
    registration = forms.ModelChoiceField(
        label=gettext_lazy("Event attended"), queryset=Registration.objects.none(), required=False
    )

    def __init__(self, *args, enrolment, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        user_id = enrolment.user_id or 0
        self.fields["booking"].queryset = Booking.objects.filter(
            member_id=user_id, status=Booking.Status.ATTENDED
        ).select_related("specialisation")
        self.fields["registration"].queryset = Registration.objects.filter(
            user_id=user_id, attended=True
        ).select_related("event")
        if choices is not None:  # one query for every item's form on the page
            self.fields["booking"].choices = choices["booking"]
            self.fields["registration"].choices = choices["registration"]

    @classmethod
    def choices_for(cls, enrolment) -> dict:
        form = cls(enrolment=enrolment)
        return {name: list(form.fields[name].choices) for name in ("booking", "registration")}


def _enrolment(enrolment_id):
    return get_object_or_404(
        Enrolment.objects.select_related("location", "user"),
        pk=enrolment_id,
        status=Enrolment.Status.ACCEPTED,
    )


@permission_required_or_403(MANAGE)
def path(request, enrolment_id):
    enrolment = _enrolment(enrolment_id)
    action = request.POST.get("action") if request.method == "POST" else None
    diagnosis_form = DiagnosisForm(request.POST if action == "diagnosis" else None, prefix="d")
    item_form = SupportItemForm(request.POST if action == "item" else None, prefix="i")
    try:
        if action == "diagnosis" and diagnosis_form.is_valid():
            services.diagnosis_add(
                enrolment=enrolment, author=request.user, data=diagnosis_form.cleaned_data
            )
            messages.success(request, _("Diagnosis saved."))
            return redirect("support:path", enrolment_id=enrolment.pk)
        if action == "item" and item_form.is_valid():
            services.support_item_add(
                enrolment=enrolment, user=request.user, data=item_form.cleaned_data
            )
            messages.success(request, _("Added to the support path."))
            return redirect("support:path", enrolment_id=enrolment.pk)
        if action == "status":
            item = get_object_or_404(
                enrolment.support_items, pk=id_or_404(request.POST.get("item"))
            )
            form = ItemStatusForm(request.POST, enrolment=enrolment, prefix=f"s{item.pk}")
            if form.is_valid():
                services.support_item_update(
                    item=item,
                    status=form.cleaned_data["status"],
                    done_on=form.cleaned_data["done_on"],
                    booking=form.cleaned_data["booking"],
                    registration=form.cleaned_data["registration"],
                )
                messages.success(request, _("Support path updated."))
            else:
                messages.error(request, _("Check the status, the date and the links."))
            return redirect("support:path", enrolment_id=enrolment.pk)
    except services.SupportError as error:
        messages.error(request, str(error.message))
        return redirect("support:path", enrolment_id=enrolment.pk)
    items = list(
        enrolment.support_items.select_related("specialisation", "booking", "registration__event")
    )
    choices = ItemStatusForm.choices_for(enrolment)
    status_forms = [
        (
            item,
            ItemStatusForm(
                enrolment=enrolment,
                choices=choices,
                prefix=f"s{item.pk}",
                initial={
                    "status": item.status,
                    "done_on": item.done_on,
                    "booking": item.booking_id,
                    "registration": item.registration_id,
                },
            ),
        )
        for item in items
    ]
    return TemplateResponse(
        request,
        "intranet/support/path.html",
        {
            "enrolment": enrolment,
            "diagnoses": enrolment.diagnoses.select_related("author"),
            "items": status_forms,
            "diagnosis_form": diagnosis_form,
            "item_form": item_form,
            "today": timezone.localdate(),
        },
    )


@permission_required_or_403(MANAGE)
def overdue(request):
    locations = Location.objects.order_by("sort_order", "name")
    chosen = id_or_none(request.GET.get("osrodek"))
    location = locations.filter(pk=chosen).first() if chosen else None
    today = timezone.localdate()
    return TemplateResponse(
        request,
        "intranet/support/overdue.html",
        {
            "locations": locations,
            "location": location,
            "page_obj": paginate(
                request, services.items_overdue(today=today, location=location), 50
            ),
            "today": today,
        },
    )
