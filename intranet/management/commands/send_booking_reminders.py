"""E-mail a reminder of tomorrow's consultations. Safe to run twice: each booking is
marked as reminded in the same transaction that queues its e-mail."""

from django.core.management.base import BaseCommand

from intranet.consultations.services import reminders_send


class Command(BaseCommand):
    help = "Send reminders of tomorrow's consultations (once per booking)."

    def handle(self, *args, **options):
        sent = reminders_send()
        self.stdout.write(f"Wysłano przypomnienia: {sent}")
