"""E-mails about enrolments, queued in the outbox within the caller's transaction
(portal.mail)."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_noop

from directory.selectors import approved_representatives
from portal.mail import mail_queue


def _send(recipients: list[str], subject: str, template: str, context: dict, **options) -> bool:
    """Queue `intranet/email/<template>.txt`; `options` (subject_params, attachments) as
    portal.mail.mail_queue takes them."""
    template = f"intranet/email/{template}.txt"
    return mail_queue(to=recipients, subject=subject, template=template, context=context, **options)


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
    addresses = [representative.user.email for representative in approved_representatives(entity)]
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
        representative.user.email for representative in approved_representatives(application.entity)
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
