"""What the mail worker delivered: tests read `delivered()` where they read `mail.outbox`.

Every message is queued in the outbox (django-post-office) by the request; `delivered()`
runs the real worker code once (`manage.py deliver_mail --once`) through the test mail
backend, then returns Django's `mail.outbox` — so "the message is in the outbox" keeps
meaning "it was queued and delivered".
"""

from django.core import mail
from django.core.management import call_command


def delivered() -> list:
    call_command("deliver_mail", once=True)
    return mail.outbox
