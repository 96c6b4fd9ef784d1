"""Grant calls in the intranet: entities apply; the committee scores; Kadra decide."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.selectors import entities_editable_by
from intranet.grants import services
from intranet.grants.forms import (
    AppealForm,
    ApplicationForm,
    AttachmentForm,
    ConflictForm,
    DecisionForm,
    ScoreForm,
)
from intranet.models import Application, ApplicationAttachment, GrantCall
from portal.params import id_or_404, id_or_none

DECIDE = "intranet.change_grant"  # Kadra


@login_required
def calls(request):
    if request.method == "POST":
        call = get_object_or_404(services.open_calls(), pk=id_or_404(request.POST.get("call")))
        entity = (
            entities_editable_by(request.user)
            .filter(pk=id_or_none(request.POST.get("entity")) or 0)
            .first()
        )
        if entity is None:
            messages.error(request, _("Choose an entity you represent."))
            return redirect("calls:list")
        try:
            application = services.application_start(call=call, entity=entity, user=request.user)
        except services.CallError as error:
            messages.error(request, str(error.message))
            return redirect("calls:list")
        return redirect("calls:application", application_id=application.pk)
    return TemplateResponse(
        request,
        "intranet/grants/list.html",
        {
            "calls": services.open_calls().prefetch_related("criteria"),
            "entities": entities_editable_by(request.user),
            "applications": services.applications_of(request.user),
        },
    )


@login_required
def application(request, application_id):
    application = get_object_or_404(services.applications_of(request.user), pk=application_id)
    editable = application.status == Application.Status.DRAFT
    action = request.POST.get("action") if request.method == "POST" else None
    form = ApplicationForm(request.POST if action == "save" else None, instance=application)
    attachment_form = AttachmentForm(
        request.POST if action == "attach" else None, request.FILES or None
    )
    appeal_form = AppealForm(request.POST if action == "appeal" else None)
    try:
        if action == "save" and editable and form.is_valid():
            services.application_update(
                application=application,
                fields={name: form.cleaned_data[name] for name in ApplicationForm.Meta.fields},
            )
            messages.success(request, _("Application saved."))
            return redirect("calls:application", application_id=application.pk)
        if action == "attach" and attachment_form.is_valid():
            services.attachment_add(
                application=application, upload=attachment_form.cleaned_data["file"]
            )
            messages.success(request, _("Attachment added."))
            return redirect("calls:application", application_id=application.pk)
        if action == "submit":
            services.application_submit(application=application, user=request.user)
            messages.success(
                request,
                _("Application submitted. The committee will evaluate it after the call closes."),
            )
            return redirect("calls:application", application_id=application.pk)
        if action == "appeal" and appeal_form.is_valid():
            services.appeal_lodge(
                application=application, user=request.user, text=appeal_form.cleaned_data["text"]
            )
            messages.success(request, _("Appeal lodged."))
            return redirect("calls:application", application_id=application.pk)
    except services.CallError as error:
        messages.error(request, str(error.message))
        return redirect("calls:application", application_id=application.pk)
    deadline = services.appeal_deadline(application)
    return TemplateResponse(
        request,
        "intranet/grants/application.html",
        {
            "application": application,
            "editable": editable,
            "form": form,
            "attachment_form": attachment_form,
            "appeal_form": appeal_form,
            "appeal_deadline": deadline,
            "place": services.place_of(application),
            "may_appeal": application.status
            in (Application.Status.REJECTED, Application.Status.RESERVE)
            and not application.appealed_at
            and deadline is not None
            and timezone.now() <= deadline,
        },
    )


def _may_evaluate(user, call) -> bool:
    return user.is_authenticated and (
        user.has_perm(DECIDE) or services.is_committee_member(call, user)
    )


@login_required
def attachment(request, attachment_id):
    attachment = get_object_or_404(
        ApplicationAttachment.objects.select_related("application__call"), pk=attachment_id
    )
    own = services.applications_of(request.user).filter(pk=attachment.application_id).exists()
    if not own and not _may_evaluate(request.user, attachment.application.call):
        raise Http404
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


@login_required
def call_ranking(request, call_id):
    call = get_object_or_404(GrantCall.objects.prefetch_related("criteria"), pk=call_id)
    if not _may_evaluate(request.user, call):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "intranet/grants/ranking.html",
        {"call": call, "rows": services.ranking(call), "may_decide": request.user.has_perm(DECIDE)},
    )


@login_required
def publish(request, call_id):
    call = get_object_or_404(GrantCall, pk=call_id)
    if not request.user.has_perm(DECIDE):
        raise PermissionDenied
    if request.method != "POST":
        return redirect("calls:ranking", call_id=call.pk)
    try:
        services.ranking_publish(call=call, staff_user=request.user)
    except services.CallError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Ranking published: applicants see their place and score."))
    return redirect("calls:ranking", call_id=call.pk)


@login_required
def evaluate(request, application_id):
    application = get_object_or_404(
        Application.objects.select_related("call", "entity").exclude(
            status=Application.Status.DRAFT
        ),
        pk=application_id,
    )
    call = application.call
    if not _may_evaluate(request.user, call):
        raise PermissionDenied
    criteria = list(call.criteria.all())
    action = request.POST.get("action") if request.method == "POST" else None
    conflict_form = ConflictForm(request.POST if action == "declare" else None)
    score_form = ScoreForm(request.POST if action == "score" else None, criteria=criteria)
    decision_form = DecisionForm(request.POST if action == "decide" else None)
    try:
        if action == "declare" and conflict_form.is_valid():
            services.conflict_declare(
                application=application,
                member=request.user,
                has_conflict=conflict_form.cleaned_data["has_conflict"],
            )
            messages.success(request, _("Declaration recorded."))
            return redirect("calls:evaluate", application_id=application.pk)
        if action == "score" and score_form.is_valid():
            services.scores_save(
                application=application, member=request.user, points=score_form.points()
            )
            messages.success(request, _("Scores saved."))
            return redirect("calls:evaluate", application_id=application.pk)
        if action == "decide" and decision_form.is_valid():
            if not request.user.has_perm(DECIDE):
                raise PermissionDenied
            services.application_decide(
                application=application,
                staff_user=request.user,
                decision=decision_form.cleaned_data["decision"],
                justification=decision_form.cleaned_data["justification"],
            )
            messages.success(request, _("Decision saved."))
            return redirect("calls:evaluate", application_id=application.pk)
    except services.CallError as error:
        messages.error(request, str(error.message))
        return redirect("calls:evaluate", application_id=application.pk)
    declaration = application.declarations.filter(member=request.user).first()
    return TemplateResponse(
        request,
        "intranet/grants/evaluate.html",
        {
            "application": application,
            "is_member": services.is_committee_member(call, request.user),
            "declaration": declaration,
            "conflict_form": conflict_form,
            "score_form": score_form,
            "decision_form": decision_form,
            "may_decide": request.user.has_perm(DECIDE),
            "my_scores": {
                s.criterion_id: s.points for s in application.scores.filter(member=request.user)
            },
        },
    )
