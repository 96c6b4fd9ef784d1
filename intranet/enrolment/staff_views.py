"""Staff screens of enrolment: the review queue, one enrolment, the declaration, exports."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intranet.enrolment import cst2021, personal_data, selectors, services
from intranet.enrolment.forms import DecisionForm, ErasureForm, QueueFilterForm, SupportEndForm
from intranet.models import Enrolment, PersonalDataAccess
from portal.accounts import permission_required_or_403
from portal.exports import spreadsheet_response
from portal.pagination import paginate
from portal.pdf import pdf_response

REVIEW = selectors.REVIEW_PERMISSION
SPECIAL = selectors.SPECIAL_DATA_PERMISSION


# The queue's filters live in the session, posted by the filter form: a PESEL typed into
# the search never travels in a URL (browser history, proxy and server logs, Referer).
QUEUE_FILTERS = "enrolment_queue_filters"


@permission_required_or_403(REVIEW)
def queue(request):
    if request.method == "POST":
        form = QueueFilterForm(request.POST)
        if "clear" in request.POST:
            request.session.pop(QUEUE_FILTERS, None)
            return redirect("enrolment_staff:queue")
        if form.is_valid():
            request.session[QUEUE_FILTERS] = {
                name: request.POST.get(name, "") for name in form.fields
            }
            return redirect("enrolment_staff:queue")
    else:
        form = QueueFilterForm(request.session.get(QUEUE_FILTERS) or None)
    filters = form.cleaned_data if form.is_valid() else {}
    enrolments = selectors.review_queue(
        **filters, search_pesel=selectors.can_see_special_data(request.user)
    )
    return TemplateResponse(
        request,
        "intranet/enrolment/staff/queue.html",
        {
            "form": form,
            "page_obj": paginate(request, enrolments, 25),
            "can_export": request.user.has_perm(SPECIAL),
        },
    )


def _enrolment_context(request, enrolment, kind):
    can_see = selectors.can_see_special_data(request.user)
    if can_see:
        personal_data.personal_data_access_log(
            staff_user=request.user, enrolments=[enrolment], kind=kind
        )
    return {"enrolment": enrolment, "can_see_special": can_see, "masked": not can_see}


@permission_required_or_403(REVIEW)
def detail(request, enrolment_id):
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("location", "delegating_entity", "user", "entity"),
        pk=enrolment_id,
    )
    decision_form = DecisionForm(request.POST or None)
    if request.method == "POST" and decision_form.is_valid():
        try:
            services.enrolment_decide(
                enrolment=enrolment,
                staff_user=request.user,
                decision=decision_form.cleaned_data["decision"],
                comment=decision_form.cleaned_data["comment"],
            )
        except services.EnrolmentError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("Decision saved; the member is informed by e-mail."))
        return redirect("enrolment_staff:detail", enrolment_id=enrolment.pk)
    context = _enrolment_context(request, enrolment, PersonalDataAccess.Kind.VIEW)
    context |= {
        "decision_form": decision_form,
        "support_end_form": SupportEndForm(),
        "erasure_form": ErasureForm(),
        "changes": enrolment.changes.select_related("actor"),
    }
    return TemplateResponse(request, "intranet/enrolment/staff/enrolment.html", context)


@permission_required_or_403(REVIEW)
@require_POST
def support_end(request, enrolment_id):
    enrolment = get_object_or_404(Enrolment, pk=enrolment_id)
    form = SupportEndForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date support ended."))
    else:
        try:
            services.support_end_record(
                enrolment=enrolment, staff_user=request.user, end=form.cleaned_data["support_end"]
            )
        except services.EnrolmentError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("End of support saved."))
    return redirect("enrolment_staff:detail", enrolment_id=enrolment.pk)


@permission_required_or_403(REVIEW)
def declaration(request, enrolment_id):
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("location", "delegating_entity"),
        pk=enrolment_id,
        status=Enrolment.Status.ACCEPTED,
    )
    context = _enrolment_context(request, enrolment, PersonalDataAccess.Kind.DECLARATION)
    return TemplateResponse(request, "intranet/enrolment/staff/declaration.html", context)


@permission_required_or_403(REVIEW)
def declaration_pdf(request, enrolment_id):
    """The printed declaration as a PDF file (the same template; the access is logged)."""
    response = declaration(request, enrolment_id)
    return pdf_response(
        request,
        response.template_name,
        response.context_data,
        filename=f"deklaracja-uczestnictwa-{enrolment_id}",
    )


@permission_required_or_403(SPECIAL)
@require_POST
def erase(request, enrolment_id):
    enrolment = get_object_or_404(Enrolment, pk=enrolment_id, anonymised_at__isnull=True)
    if not request.user.has_perm(REVIEW):
        return HttpResponse(status=403)
    form = ErasureForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tick the confirmation to erase the person's data."))
        return redirect("enrolment_staff:detail", enrolment_id=enrolment.pk)
    personal_data.person_erase(enrolment=enrolment, staff_user=request.user)
    messages.success(
        request, _("The person's data has been erased; anonymous counts remain for the indicators.")
    )
    return redirect("enrolment_staff:queue")


@permission_required_or_403(SPECIAL)
def export(request, target_group):
    """Accepted participants as CSV in the CST2021 participant layout."""
    if not request.user.has_perm(REVIEW):
        return HttpResponse(status=403)
    enrolments = list(selectors.participants_for_export(target_group))
    personal_data.personal_data_access_log(
        staff_user=request.user, enrolments=enrolments, kind=PersonalDataAccess.Kind.EXPORT
    )
    header, rows = cst2021.table(target_group, enrolments)
    name = "podmioty" if target_group == "entity" else "osoby"
    return spreadsheet_response(
        header,
        rows,
        file_format="csv",
        filename=f"cst2021-{name}-{timezone.localdate().isoformat()}",
    )


@permission_required_or_403("intranet.view_personaldataaccess")
def access_log(request):
    return TemplateResponse(
        request,
        "intranet/enrolment/staff/access_log.html",
        {"page_obj": paginate(request, selectors.access_log(), 50)},
    )
