"""Indicators for Kadra: the dashboard, the records behind a figure, exports, the annual
report (printable and as DOCX) and job monitoring."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from intranet.grants import monitoring as grant_services
from intranet.indicators import annual_report
from intranet.indicators import queries as indicators
from intranet.indicators.forms import CommentaryForm, JobCheckForm, PeriodForm
from intranet.indicators.tables import (
    FEEDBACK_TABLES,
    RECORDS,
    record_rows,
    summary_rows,
    tables,
)
from intranet.models import AnnualReport, JobCheck
from portal.accounts import permission_required_or_403
from portal.exports import spreadsheet_response
from portal.pagination import paginate
from portal.pdf import pdf_response

VIEW = "intranet.view_indicators"


def _period(request):
    """(form, period): the period of the query string, or the current year if it is invalid."""
    form = PeriodForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["period"]
    year = timezone.localdate().year
    return form, indicators.Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


CHART_HEIGHT = 100  # SVG units of the tallest bar
MONTH_WIDTH = 40


def _chart(rows):
    """Geometry of the month-by-sex bar chart (SVG attributes; no inline styles under CSP)."""
    tallest = max([max(row["women"], row["men"]) for row in rows] + [1])
    bars = []
    for number, row in enumerate(rows):
        left = number * MONTH_WIDTH
        women = round(CHART_HEIGHT * row["women"] / tallest)
        men = round(CHART_HEIGHT * row["men"] / tallest)
        bars.append(
            row
            | {
                "label_x": left + MONTH_WIDTH // 2,
                "women_x": left + 5,
                "men_x": left + 21,
                "women_h": women,
                "men_h": men,
                "women_y": CHART_HEIGHT - women,
                "men_y": CHART_HEIGHT - men,
            }
        )
    return {"bars": bars, "width": max(len(rows), 1) * MONTH_WIDTH, "height": CHART_HEIGHT}


@permission_required_or_403(VIEW)
def dashboard(request):
    form, period = _period(request)
    figures = indicators.summary(period)
    all_tables = tables(figures)
    return TemplateResponse(
        request,
        "intranet/indicators/dashboard.html",
        {
            "form": form,
            "period": period,
            "figures": figures,
            "summary": summary_rows(figures),
            "tables": {k: v for k, v in all_tables.items() if k not in FEEDBACK_TABLES},
            "feedback_tables": {k: all_tables[k] for k in FEEDBACK_TABLES},
            "feedback_totals": figures["feedback"]["totals"],
            "can_read_answers": request.user.has_perm("feedback.view_response"),
            "chart": _chart(figures["people_by_month"]),
            "query": request.GET.urlencode(),
        },
    )


@permission_required_or_403(VIEW)
def records(request, key):
    if key not in RECORDS:
        raise Http404
    form, period = _period(request)
    title, queryset, columns = RECORDS[key]
    page_obj = paginate(request, queryset(period).order_by("pk"), 50)
    return TemplateResponse(
        request,
        "intranet/indicators/records.html",
        {
            "title": title,
            "period": period,
            "header": [label for label, _accessor in columns],
            "rows": record_rows(key, period, page_obj.object_list),
            "page_obj": page_obj,
            "query": request.GET.urlencode(),
        },
    )


@permission_required_or_403(VIEW)
def export(request, table, file_format):
    if file_format not in ("csv", "xlsx"):
        raise Http404
    _form, period = _period(request)
    all_tables = tables(indicators.summary(period))
    if table not in all_tables:
        raise Http404
    title, header, rows = all_tables[table]
    return spreadsheet_response(
        header,
        rows,
        file_format=file_format,
        filename=f"wskazniki-{table}-{period.start:%Y%m%d}-{period.end:%Y%m%d}",
        sheet_title=title,
    )


def _report_year(year):
    if not 2000 <= year <= 2100:
        raise Http404
    return indicators.Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


@permission_required_or_403(VIEW)
def report(request, year):
    period = _report_year(year)
    saved = AnnualReport.objects.filter(year=year).first()
    commentary = saved.commentary if saved else {}
    sections = annual_report.sections(indicators.summary(period))
    form = CommentaryForm(
        request.POST or None,
        sections=[(s.key, s.title) for s in sections],
        initial=commentary,
    )
    if request.method == "POST" and form.is_valid():
        annual_report.commentary_save(year=year, commentary=form.cleaned_data, user=request.user)
        messages.success(request, _("Commentary saved."))
        return redirect("indicators:report", year=year)
    return TemplateResponse(
        request,
        "intranet/indicators/report.html",
        {
            "year": year,
            "sections": [(s, form[s.key], commentary.get(s.key, "")) for s in sections],
            "form": form,
            "saved": saved,
            "can_read_answers": request.user.has_perm("feedback.view_response"),
        },
    )


@permission_required_or_403(VIEW)
@require_GET
def report_pdf(request, year):
    """The printed annual report as a PDF file (the same template, in its print styles)."""
    response = report(request, year)
    return pdf_response(
        request, response.template_name, response.context_data, filename=f"sprawozdanie-{year}"
    )


@permission_required_or_403(VIEW)
def report_docx(request, year):
    period = _report_year(year)
    saved = AnnualReport.objects.filter(year=year).first()
    body = annual_report.docx(
        year=year,
        sections=annual_report.sections(indicators.summary(period)),
        commentary=saved.commentary if saved else {},
    )
    response = HttpResponse(
        body,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="sprawozdanie-{year}.docx"'
    return response


@permission_required_or_403(VIEW)
def job_monitoring(request):
    if request.method == "POST":
        if not request.user.has_perm("intranet.change_jobcheck"):
            raise PermissionDenied
        form = JobCheckForm(request.POST)
        if form.is_valid():
            check = get_object_or_404(JobCheck, pk=form.cleaned_data["check"])
            try:
                grant_services.job_check_record(
                    check=check,
                    result=form.cleaned_data["result"],
                    note=form.cleaned_data["note"],
                    user=request.user,
                )
            except grant_services.GrantError as error:
                messages.error(request, str(error.message))
            else:
                messages.success(request, _("Check recorded."))
        else:
            messages.error(request, _("Choose whether the job is maintained."))
        return redirect("indicators:jobs")
    today = timezone.localdate()
    return TemplateResponse(
        request,
        "intranet/indicators/jobs.html",
        {
            "overdue": grant_services.checks_overdue(today),
            "upcoming": grant_services.checks_upcoming(today)[:50],
            "today": today,
        },
    )
