"""The one mail module: every message of the project is rendered here and queued in the
outbox (django-post-office, `settings.EMAIL_BACKEND`) inside the caller's transaction — a
rolled-back registration sends nothing, a committed one cannot lose its message — and the
mail worker (`manage.py deliver_mail`) delivers it with retries. No request talks to SMTP.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

logger = logging.getLogger(__name__)


def absolute_url(path: str) -> str:
    """A link for an e-mail: the address the site is served at (SITE_URL) plus `path`."""
    return f"{settings.SITE_URL}{path}"


def mail_queue(
    *,
    to: list[str],
    subject: str,
    template: str,
    context: dict,
    subject_params: dict | None = None,
    attachments: tuple = (),
) -> bool:
    """Render `template` (a text template path) in Polish and queue it for `to`.

    `subject` is a gettext_noop'd msgid, formatted with `subject_params`; `attachments` are
    (file name, content, MIME type) triples. Returns whether a message was queued. A
    failure to render or queue is logged and never undoes the caller's record (it runs in
    a savepoint of the caller's transaction)."""
    to = [address for address in to if address]
    if not to:
        return False
    try:
        with translation.override(settings.LANGUAGE_CODE):
            body = render_to_string(template, context)
            subject = gettext(subject) % (subject_params or {})
        message = EmailMultiAlternatives(
            subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", body=body, to=to
        )
        for attachment in attachments:
            message.attach(*attachment)
        with transaction.atomic():
            message.send()
    except Exception:  # noqa: BLE001 - the record is saved; the failure is logged
        logger.exception("Could not queue the %s e-mail", template)
        return False
    return True


def mail_erase(*, address: str) -> int:
    """Erase what the outbox keeps of the messages to `address` (subject, bodies, headers,
    attachments) — a person's erasure; the rows stay as anonymous counts."""
    from post_office.models import Email

    messages = Email.objects.filter(to__icontains=address)
    for message in messages.prefetch_related("attachments"):
        for attachment in message.attachments.all():
            attachment.file.delete(save=False)
            attachment.delete()
    return messages.update(
        to="", subject="", message="", html_message="", headers=None, context=None
    )
