from django.core.management.base import BaseCommand

from feedback.services import invitations_send


class Command(BaseCommand):
    help = (
        "E-mail a single-use survey link to people marked present at an event or whose "
        "consultation took place (each person once, however often this runs)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="How many days back.")

    def handle(self, *args, days, **options):
        sent = invitations_send(days_back=days)
        self.stdout.write(f"Queued {sent} feedback invitation(s).")
