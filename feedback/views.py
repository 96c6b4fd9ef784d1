"""The survey behind a single-use link, and Kadra's results (aggregates, free text, files)."""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from feedback import exports, selectors, services
from feedback.forms import SurveyForm
from portal.accounts import permission_required_or_403
from portal.exports import spreadsheet_response
from portal.pagination import paginate
from portal.params import id_or_none

VIEW_RESULTS = "feedback.view_response"
FIRST_YEAR, LAST_YEAR = 2000, 2100


@never_cache
def survey(request, token):
    invitation = selectors.invitation_by_token(token)
    if invitation is None:
        raise Http404("No such survey link")
    if invitation.used:
        return TemplateResponse(request, "feedback/already_answered.html", {})
    questions = selectors.questions_of(invitation.survey)
    data = request.POST if request.method == "POST" else None
    form = SurveyForm(data, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_submit(token=token, answers=form.answers())
        except services.SurveyAlreadyAnswered:
            return TemplateResponse(request, "feedback/already_answered.html", {})
        except services.InvitationUnknown as error:
            raise Http404("No such survey link") from error
        return redirect("feedback:thanks")
    context = {
        "invitation": invitation,
        "survey": invitation.survey,
        "form": form,
        "about": invitation.event.title if invitation.event_id else invitation.specialisation,
    }
    return TemplateResponse(request, "feedback/survey.html", context)


@never_cache
def thanks(request):
    return TemplateResponse(request, "feedback/thanks.html", {})


def _year(request) -> int:
    year = id_or_none(request.GET.get("rok"))
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
        return timezone.localdate().year
    return year


@permission_required_or_403(VIEW_RESULTS)
def results(request):
    year = _year(request)
    data = selectors.results_for_year(year)
    sections = [(key, exports.TABLE_TITLES[key], data[key]) for key in selectors.DIMENSIONS]
    context = {"year": year, "totals": data["totals"], "sections": sections}
    return TemplateResponse(request, "feedback/staff/results.html", context)


@permission_required_or_403(VIEW_RESULTS)
def text_answers(request):
    year = _year(request)
    page_obj = paginate(request, selectors.text_answers(year=year), 50)
    return TemplateResponse(
        request, "feedback/staff/text_answers.html", {"year": year, "page_obj": page_obj}
    )


@permission_required_or_403(VIEW_RESULTS)
def export(request, table, file_format):
    if table not in exports.TABLE_TITLES or file_format not in ("csv", "xlsx"):
        raise Http404("No such table")
    year = _year(request)
    header, rows = exports.table(table, year=year)
    title = str(exports.TABLE_TITLES[table])
    return spreadsheet_response(
        header,
        rows,
        file_format=file_format,
        filename=f"ankiety-{table}-{year}",
        sheet_title=title,
        heading=_("Feedback surveys %(year)s: %(title)s") % {"year": year, "title": title},
    )
