"""Anonymise enrolments once the archiving period after the project's end has passed.

Safe to run twice (and daily from the jobs timer): anonymised records are skipped.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from intranet.enrolment import personal_data


class Command(BaseCommand):
    help = "Anonymise enrolments past the retention period (PROJECT_END_DATE + years)."

    def handle(self, *args, **options):
        if settings.PROJECT_END_DATE is None:
            self.stdout.write("PROJECT_END_DATE nie jest ustawiona: nic nie anonimizuję.")
            return
        count = personal_data.enrolments_anonymise_expired(
            today=timezone.localdate(),
            project_end=settings.PROJECT_END_DATE,
            retention_years=settings.ENROLMENT_RETENTION_YEARS,
        )
        self.stdout.write(f"Zanonimizowano zgłoszenia: {count}")
