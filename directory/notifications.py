"""E-mails of the directory, queued in the outbox within the caller's transaction
(portal.mail)."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_noop

from portal.mail import mail_queue


def _send(to: str, subject: str, template: str, context: dict) -> bool:
    return mail_queue(
        to=[to], subject=subject, template=f"directory/email/{template}.txt", context=context
    )


def representation_decided(representation) -> bool:
    return _send(
        representation.user.email,
        gettext_noop("Your request to represent an entity"),
        "representation_decided",
        {
            "representation": representation,
            "dashboard_url": settings.SITE_URL + reverse("intranet:dashboard"),
        },
    )


def invitation_sent(invitation) -> bool:
    return _send(
        invitation.email,
        gettext_noop("Invitation to the directory of social-economy entities"),
        "invitation",
        {
            "invitation": invitation,
            "accept_url": settings.SITE_URL
            + reverse("directory_intranet:accept_invitation", args=(invitation.token,)),
        },
    )
