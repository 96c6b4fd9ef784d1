"""The member's enrolment screens: choose a target group, fill the steps, review, send."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from intranet.enrolment import personal_data, selectors, services, statements
from intranet.enrolment.forms import StatementsForm, steps_of
from intranet.models import Enrolment, TargetGroup

TARGET_GROUP_HELP = {
    TargetGroup.INDIVIDUAL: gettext_lazy(
        "You want to start a social cooperative or join a social-economy entity, or you look "
        "for support for yourself."
    ),
    TargetGroup.DELEGATED_PERSON: gettext_lazy(
        "You work for, or are a member of, an entity that sends you for training or advice. "
        "The entity confirms the delegation in the portal."
    ),
    TargetGroup.ENTITY: gettext_lazy(
        "You represent a cooperative, foundation, association or another organisation that "
        "wants advice, training or a grant."
    ),
}


@login_required
def start(request):
    if request.method == "POST":
        target_group = request.POST.get("target_group")
        if target_group not in TargetGroup.values:
            messages.error(request, _("Choose who is enrolling."))
            return redirect("enrolment:start")
        enrolment = services.enrolment_start(user=request.user, target_group=target_group)
        step = services.first_unfinished_step(enrolment) or 1
        return redirect("enrolment:step", enrolment_id=enrolment.pk, step=step)
    return TemplateResponse(
        request,
        "intranet/enrolment/start.html",
        {
            "choices": [
                (value, label, TARGET_GROUP_HELP[value]) for value, label in TargetGroup.choices
            ],
            "enrolments": selectors.enrolments_of(request.user),
        },
    )


def _own_enrolment(request, enrolment_id) -> Enrolment:
    # Someone else's id is a 404: the member's own set is the only one searched.
    return get_object_or_404(selectors.enrolments_of(request.user), pk=enrolment_id)


@login_required
def step(request, enrolment_id, step):
    enrolment = _own_enrolment(request, enrolment_id)
    if not enrolment.is_editable:
        messages.info(request, _("This form has been sent and cannot be changed now."))
        return redirect("enrolment:detail", enrolment_id=enrolment.pk)
    steps = steps_of(enrolment)
    if not 1 <= step <= len(steps):
        raise Http404
    reachable = services.first_unfinished_step(enrolment) or len(steps)
    if step > reachable:
        return redirect("enrolment:step", enrolment_id=enrolment.pk, step=reachable)
    current = steps[step - 1]
    form = current.form_class(request.POST or None, instance=enrolment)
    if request.method == "POST":
        try:
            return _save_step(request, enrolment, form, step, steps) or _render_step(
                request, enrolment, form, steps, step, current
            )
        except services.EnrolmentError as error:  # sent meanwhile, from another tab
            messages.error(request, str(error.message))
            return redirect("enrolment:detail", enrolment_id=enrolment.pk)
    return _render_step(request, enrolment, form, steps, step, current)


def _save_step(request, enrolment, form, step, steps):
    save_for_later = "save_draft" in request.POST
    if form.is_valid():
        services.enrolment_save_step(enrolment=enrolment, form=form, step_number=step)
        if save_for_later:
            messages.success(request, _("Draft saved. You can come back to it at any time."))
            return redirect("intranet:dashboard")
        if step < len(steps):
            return redirect("enrolment:step", enrolment_id=enrolment.pk, step=step + 1)
        messages.success(request, _("All steps are done. Check your data and send the form."))
        return redirect("enrolment:detail", enrolment_id=enrolment.pk)
    if save_for_later:
        services.enrolment_save_partial(enrolment=enrolment, form=form, step_number=step)
        messages.warning(
            request,
            _(
                "Draft saved without the fields marked with errors. "
                "Correct them when you come back."
            ),
        )
        return redirect("intranet:dashboard")
    return None


def _render_step(request, enrolment, form, steps, step, current):
    return TemplateResponse(
        request,
        "intranet/enrolment/step.html",
        {
            "enrolment": enrolment,
            "form": form,
            "steps": steps,
            "step_number": step,
            "current": current,
            "is_last": step == len(steps),
            "clause": statements.INFORMATION_CLAUSE if isinstance(form, StatementsForm) else None,
        },
    )


@login_required
def detail(request, enrolment_id):
    enrolment = _own_enrolment(request, enrolment_id)
    return TemplateResponse(
        request,
        "intranet/enrolment/detail.html",
        {
            "enrolment": enrolment,
            "steps": steps_of(enrolment),
            "next_step": services.first_unfinished_step(enrolment),
            "changes": enrolment.changes.all(),
        },
    )


@login_required
@require_POST
def submit(request, enrolment_id):
    enrolment = _own_enrolment(request, enrolment_id)
    try:
        services.enrolment_submit(enrolment=enrolment, user=request.user)
    except services.EnrolmentError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("Thank you. Your form has been sent; we have e-mailed you a confirmation."),
        )
    return redirect("enrolment:detail", enrolment_id=enrolment.pk)


@login_required
@require_POST
def confirm_delegation(request, enrolment_id):
    enrolment = get_object_or_404(selectors.delegations_awaiting(request.user), pk=enrolment_id)
    try:
        services.delegation_confirm(enrolment=enrolment, user=request.user)
    except services.EnrolmentError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("You have confirmed that %(entity)s delegates %(person)s.")
            % {"entity": enrolment.delegating_entity.name, "person": enrolment.display_name},
        )
    return redirect("intranet:dashboard")


@login_required
def my_data(request):
    return TemplateResponse(
        request,
        "intranet/enrolment/my_data.html",
        {
            "data": personal_data.personal_data_of(request.user),
            # The forms as people read them (the JSON download keeps the machine keys).
            "enrolments": selectors.enrolments_of(request.user).prefetch_related("changes"),
        },
    )


@login_required
def my_data_json(request):
    body = json.dumps(
        personal_data.personal_data_of(request.user),
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
        indent=2,
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="moje-dane.json"'
    return response
