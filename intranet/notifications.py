"""E-mails about enrolments, sent after commit; failures are logged, never raised."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

logger = logging.getLogger(__name__)


def _send(
    recipients: list[str],
    subject: str,
    template: str,
    context: dict,
    *,
    subject_params: dict | None = None,
    attachments: tuple = (),
) -> bool:
    """Render `intranet/email/<template>.txt` in Polish and send it; log, never raise.

    `subject` is a gettext_noop'd msgid (formatted with `subject_params`); `attachments`
    are (file name, content, MIME type) triples."""
    recipients = [address for address in recipients if address]
    if not recipients:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(f"intranet/email/{template}.txt", context)
        subject = gettext(subject) % (subject_params or {})
    message = EmailMultiAlternatives(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", body=body, to=recipients
    )
    for attachment in attachments:
        message.attach(*attachment)
    try:
        message.send()
    except Exception:  # noqa: BLE001 - the record is saved; a lost e-mail is logged
        logger.exception("Could not send the %s e-mail", template)
        return False
    return True


def _member_address(enrolment) -> list[str]:
    return [enrolment.user.email] if enrolment.user_id else []


def _enrolment_url(enrolment) -> str:
    return settings.SITE_URL + reverse("enrolment:detail", args=(enrolment.pk,))


def enrolment_submitted(enrolment) -> bool:
    return _send(
        _member_address(enrolment),
        gettext_noop("We have received your enrolment form"),
        "enrolment_submitted",
        {"enrolment": enrolment, "url": _enrolment_url(enrolment)},
    )


def enrolment_decided(enrolment) -> bool:
    return _send(
        _member_address(enrolment),
        gettext_noop("Decision on your enrolment form"),
        "enrolment_decided",
        {"enrolment": enrolment, "url": _enrolment_url(enrolment)},
    )


def delegation_requested(enrolment) -> bool:
    entity = enrolment.delegating_entity
    addresses = [
        representative.user.email
        for representative in entity.representatives.filter(status="approved").select_related(
            "user"
        )
    ]
    return _send(
        addresses,
        gettext_noop("Please confirm a delegation to the support centre"),
        "delegation_requested",
        {
            "enrolment": enrolment,
            "entity": entity,
            "url": settings.SITE_URL + reverse("intranet:dashboard"),
        },
    )


def application_decided(application) -> bool:
    """The applicant entity's representatives learn the decision on a grant application."""
    addresses = [
        representative.user.email
        for representative in application.entity.representatives.filter(
            status="approved"
        ).select_related("user")
    ]
    return _send(
        addresses,
        gettext_noop("Decision on your grant application"),
        "application_decided",
        {
            "application": application,
            "url": settings.SITE_URL + reverse("calls:application", args=(application.pk,)),
        },
    )


def job_checks_overdue(checks, recipients) -> bool:
    return _send(
        recipients,
        gettext_noop("Job checks overdue: %(count)s"),
        "job_checks_overdue",
        {"checks": checks},
        subject_params={"count": len(checks)},
    )
