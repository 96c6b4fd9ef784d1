"""Directory screens of the intranet: representatives and staff."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from directory import krs as krs_api
from directory import selectors, services
from directory.forms import (
    DecisionForm,
    EntityProfileForm,
    InvitationForm,
    RepresentationRequestForm,
)
from directory.models import Entity, Representative
from portal.accounts import permission_required_or_403
from portal.pagination import paginate
from portal.params import id_or_404, text

STAFF_PERMISSION = "directory.change_entity"


@login_required
@require_POST
def request_representation(request, slug):
    entity = get_object_or_404(Entity, slug=slug, live=True)
    form = RepresentationRequestForm(request.POST)
    if form.is_valid():
        try:
            services.representation_request(
                user=request.user, entity=entity, message=form.cleaned_data["message"]
            )
        except services.DirectoryError as error:
            messages.info(request, str(error.message))
        else:
            messages.success(
                request, _("Your request has been sent. Staff will let you know by e-mail.")
            )
    return redirect("intranet:dashboard")


def _add_model_errors(form, error: ValidationError):
    for field, field_errors in error.message_dict.items():
        target = field if field in form.fields else None
        for message in field_errors:
            form.add_error(target, message)


def _krs_prefill(request):
    """The "fill in from KRS" button: a bound form with the register's data merged in."""
    data = request.POST.copy()
    krs = "".join(ch for ch in data.get("krs", "") if ch in "0123456789")  # not "²"
    found = krs_api.lookup(krs) if len(krs) == 10 else None
    if found:
        for field, value in found.items():
            if value and not data.get(field):
                data[field] = value
        messages.info(
            request, _("Filled in from the KRS register. Check the data and complete it.")
        )
    else:
        messages.warning(
            request, _("The KRS register could not be asked right now; please fill in the form.")
        )
    return EntityProfileForm(initial=data.dict())


@login_required
def propose(request):
    if request.method == "POST" and "krs_lookup" in request.POST:
        form = _krs_prefill(request)
        return TemplateResponse(
            request, "directory/intranet/entity_form.html", {"form": form, "entity": None}
        )
    form = EntityProfileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.entity_propose(user=request.user, data=form.entity_data())
        except ValidationError as error:
            _add_model_errors(form, error)
        else:
            messages.success(
                request,
                _("Thank you. The entity will appear in the directory once staff approve it."),
            )
            return redirect("intranet:dashboard")
    return TemplateResponse(
        request, "directory/intranet/entity_form.html", {"form": form, "entity": None}
    )


@login_required
def edit(request, entity_id):
    # A foreign or unknown id is a 404: the editable set is the one rule of who may edit.
    entity = get_object_or_404(selectors.entities_editable_by(request.user), pk=entity_id)
    draft = entity.get_latest_revision_as_object()
    form = EntityProfileForm(request.POST or None, instance=draft)
    if request.method == "POST" and form.is_valid():
        try:
            services.entity_change_submit(entity=entity, data=form.entity_data(), user=request.user)
        except ValidationError as error:
            _add_model_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your changes have been sent for approval. The public profile stays as it "
                    "was until staff approve them."
                ),
            )
            return redirect("directory_intranet:edit", entity_id=entity.pk)
    return TemplateResponse(
        request,
        "directory/intranet/entity_form.html",
        {"form": form, "entity": entity, "pending": services.pending_change(entity)},
    )


@login_required
def accept_invitation(request, token):
    """The e-mailed link opens a page that says what accepting means; only its POST
    accepts (a link opened by a mail scanner accepts nothing)."""
    token = text(token, 100)
    try:
        if request.method != "POST":
            invitation = services.invitation_open(token=token)
            return TemplateResponse(
                request, "directory/intranet/accept_invitation.html", {"invitation": invitation}
            )
        representation = services.invitation_accept(token=token, user=request.user)
    except services.DirectoryError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("You now represent %(entity)s.") % {"entity": representation.entity.name},
        )
    return redirect("intranet:dashboard")


@permission_required_or_403(STAFF_PERMISSION)
def staff_requests(request):
    if request.method == "POST":
        representation = get_object_or_404(
            Representative, pk=id_or_404(request.POST.get("representation"))
        )
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                services.representation_decide(
                    representation=representation,
                    approve=form.cleaned_data["decision"] == "approve",
                    reason=form.cleaned_data["reason"],
                    staff_user=request.user,
                )
            except services.DirectoryError as error:
                messages.error(request, str(error.message))
            else:
                messages.success(request, _("Decision saved; the person is informed by e-mail."))
        else:
            messages.error(request, _("Give the reason for rejecting the request."))
        return redirect("directory_staff:requests")
    return TemplateResponse(
        request,
        "directory/intranet/staff_requests.html",
        {
            "page_obj": paginate(request, selectors.pending_representation_requests(), 25),
            "invitation_form": InvitationForm(),
        },
    )


@permission_required_or_403(STAFF_PERMISSION)
@require_POST
def staff_invite(request):
    form = InvitationForm(request.POST)
    if form.is_valid():
        services.representative_invite(staff_user=request.user, **form.cleaned_data)
        messages.success(request, _("The invitation has been sent."))
    else:
        messages.error(request, _("Check the e-mail address and the entity."))
    return redirect("directory_staff:requests")
