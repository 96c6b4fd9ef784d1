"""Thank the people marked present at events that have ended, with their certificate of
attendance. Safe to run twice: each certificate is marked as thanked in the transaction
that queues its e-mail."""

from django.core.management.base import BaseCommand

from events.attendance import thank_you_send


class Command(BaseCommand):
    help = "E-mail a thank-you with the certificate to people present at past events (once)."

    def handle(self, *args, **options):
        sent = thank_you_send()
        self.stdout.write(f"Wysłano podziękowania: {sent}")
