"""E-mails about enrolments, sent after commit; failures are logged, never raised."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

logger = logging.getLogger(__name__)


def _send(recipients: list[str], subject: str, template: str, context: dict) -> bool:
    recipients = [address for address in recipients if address]
    if not recipients:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(f"intranet/email/{template}.txt", context)
        subject = gettext(subject)
    try:
        send_mail(f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", body, None, recipients)
    except Exception:  # noqa: BLE001 - the enrolment is saved; a lost e-mail is logged
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
