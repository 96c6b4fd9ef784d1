"""E-mails of the directory, sent after commit; failures are logged, never raised."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

logger = logging.getLogger(__name__)


def _send(to: str, subject: str, template: str, context: dict) -> bool:
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(f"directory/email/{template}.txt", context)
        subject = gettext(subject)
    try:
        send_mail(f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", body, None, [to])
    except Exception:  # noqa: BLE001 - the decision is saved; a lost e-mail is logged
        logger.exception("Could not send the %s e-mail", template)
        return False
    return True


def representation_decided(representation) -> bool:
    return _send(
        representation.user.email,
        "Your request to represent an entity",
        "representation_decided",
        {
            "representation": representation,
            "dashboard_url": settings.SITE_URL + reverse("intranet:dashboard"),
        },
    )


def invitation_sent(invitation) -> bool:
    return _send(
        invitation.email,
        "Invitation to the directory of social-economy entities",
        "invitation",
        {
            "invitation": invitation,
            "accept_url": settings.SITE_URL
            + reverse("directory_intranet:accept_invitation", args=(invitation.token,)),
        },
    )
