"""E-mail Kadra the job checks that are overdue. Safe to run twice: each check is reported
once (the date it was reported is stored)."""

from django.core.management.base import BaseCommand

from intranet.grants.monitoring import overdue_checks_notify


class Command(BaseCommand):
    help = "E-mail staff the overdue job-monitoring checks (each check once)."

    def handle(self, *args, **options):
        count = overdue_checks_notify()
        self.stdout.write(f"Zaległe kontrole zgłoszone kadrze: {count}")
