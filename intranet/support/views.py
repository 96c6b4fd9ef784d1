"""Advisers and Kadra: a participant's diagnosis and support path; overdue items per centre."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.models import Enrolment
from intranet.support import services
from intranet.support.forms import DiagnosisForm, ItemStatusForm, SupportItemForm
from portal.accounts import permission_required_or_403
from portal.models import Location
from portal.pagination import paginate
from portal.params import id_or_404, id_or_none

MANAGE = "intranet.manage_support_paths"


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
