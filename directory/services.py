"""Rules of the directory: who represents an entity, and how their changes get published.

A representative's change never touches the public profile: it is saved as a Wagtail
revision and submitted to the "Moderacja katalogu" workflow, where staff (Kadra) approve
(publish) or reject it with a comment the representative sees.
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory import notifications
from directory.models import Entity, Invitation, Representative
from directory.selectors import entities_editable_by
from portal.text import unique_slug


class DirectoryError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def representation_request(*, user, entity: Entity, message: str = "") -> Representative:
    """Ask to represent an existing entity; staff decide."""
    if (
        Representative.objects.filter(user=user, entity=entity)
        .exclude(status=Representative.Status.REJECTED)
        .exists()
    ):
        raise DirectoryError(_("You have already asked to represent this entity."))
    try:
        with transaction.atomic():
            return Representative.objects.create(user=user, entity=entity, message=message)
    except IntegrityError as error:
        raise DirectoryError(_("You have already asked to represent this entity.")) from error


def representation_decide(
    *, representation: Representative, approve: bool, reason: str, staff_user
) -> Representative:
    if representation.status != Representative.Status.PENDING:
        raise DirectoryError(_("This request has already been decided."))
    if not approve and not reason.strip():
        raise DirectoryError(_("Give the reason for rejecting the request."))
    with transaction.atomic():
        representation.status = (
            Representative.Status.APPROVED if approve else Representative.Status.REJECTED
        )
        representation.reason = reason.strip()
        representation.decided_by = staff_user
        representation.decided_at = timezone.now()
        representation.save()
        notifications.representation_decided(representation)
    return representation


def _unique_slug(name: str) -> str:
    return unique_slug(
        name, taken=lambda slug: Entity.objects.filter(slug=slug).exists(), fallback="podmiot"
    )


@transaction.atomic
def entity_create_draft(*, name: str, owner=None, **fields) -> Entity:
    """A new, unpublished entity (e.g. from an enrolment form), its owner approved as its
    representative at once: staff publish the profile after checking it."""
    entity = Entity(name=name, slug=_unique_slug(name), live=False, **fields)
    entity.save()
    if owner is not None:
        Representative.objects.get_or_create(
            user=owner,
            entity=entity,
            defaults={"status": Representative.Status.APPROVED, "role": Representative.Role.OWNER},
        )
    return entity


def _apply(entity: Entity, data: dict) -> Entity:
    services = data.pop("services", None)
    for field, value in data.items():
        setattr(entity, field, value)
    if services is not None:
        entity.services.set(services)
    return entity


def entity_propose(*, user, data: dict) -> Entity:
    """A new entity proposed by a user: unpublished, in moderation, the user its owner."""
    with transaction.atomic():
        entity = _apply(Entity(live=False, slug=_unique_slug(data["name"])), dict(data))
        entity.full_clean()
        entity.save()
        entity.save_revision(user=user, log_action=True)
        Representative.objects.create(user=user, entity=entity, message=_("New entity proposed"))
        _submit(entity, user)
    return entity


def entity_change_submit(*, entity: Entity, data: dict, user) -> Entity:
    """Save a representative's edit as a pending revision and send it to moderation."""
    if not entities_editable_by(user).filter(pk=entity.pk).exists():
        raise PermissionDenied
    with transaction.atomic():
        draft = entity.get_latest_revision_as_object()
        draft = _apply(draft, dict(data))
        draft.full_clean()
        state = entity.current_workflow_state
        if state is not None:
            state.cancel(user=user)
        draft.save_revision(user=user, log_action=True)
        _submit(draft, user)
    return draft


def _submit(entity: Entity, user) -> None:
    workflow = entity.get_workflow()
    if workflow is not None:
        workflow.start(entity, user)


def pending_change(entity: Entity):
    """The revision waiting for approval and the staff comment of a rejected one."""
    state = entity.workflow_states.order_by("-created_at").first()
    if state is None:
        return None
    comment = ""
    task_state = state.task_states.order_by("-started_at").first()
    if task_state is not None:
        comment = task_state.comment
    return {"status": state.status, "comment": comment, "created_at": state.created_at}


def representative_invite(*, email: str, entity: Entity, role: str, staff_user) -> Invitation:
    with transaction.atomic():
        invitation = Invitation.objects.create(
            email=email.strip(),
            entity=entity,
            role=role,
            token=secrets.token_urlsafe(32),
            invited_by=staff_user,
        )
        notifications.invitation_sent(invitation)
    return invitation


def invitation_open(*, token: str) -> Invitation:
    """The unused, unexpired invitation with this token, or the reason there is none."""
    invitation = (
        Invitation.objects.select_related("entity")
        .filter(token=token, accepted_at__isnull=True)
        .first()
    )
    if invitation is None:
        raise DirectoryError(_("This invitation is not valid or has already been used."))
    valid_for = datetime.timedelta(days=settings.INVITATION_VALID_DAYS)
    if invitation.created_at < timezone.now() - valid_for:
        raise DirectoryError(_("This invitation has expired. Ask the centre to send a new one."))
    return invitation


def invitation_accept(*, token: str, user) -> Representative:
    with transaction.atomic():
        invitation = invitation_open(token=token)
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at is not None:
            raise DirectoryError(_("This invitation is not valid or has already been used."))
        if invitation.email.lower() != user.email.lower():
            raise DirectoryError(
                _("This invitation was sent to another e-mail address. Log in with that one.")
            )
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        representation, _created = Representative.objects.update_or_create(
            user=user,
            entity=invitation.entity,
            defaults={
                "role": invitation.role,
                "status": Representative.Status.APPROVED,
                "decided_by": invitation.invited_by,
                "decided_at": timezone.now(),
                "reason": "",
            },
        )
    return representation
