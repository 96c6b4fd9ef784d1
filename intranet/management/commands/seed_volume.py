"""Bulk demo data for measuring the indicators at scale (`make bench` runs it):
accepted people and entities, and consultations held by extra advisers this year.

Refuses to run with DEBUG off unless --force, like seed_demo. Running it twice adds nothing.
"""

import datetime
import random

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from intranet.models import AdviserProfile, Booking, Enrolment, Specialisation
from portal.accounts import ROLE_ADVISERS
from portal.models import Location, User

MARKER = "Wolumen"  # last name of the volume people, so a second run can tell


class Command(BaseCommand):
    help = "Add N accepted people, M entities and K consultations this year (demo, bench)."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=10_000)
        parser.add_argument("--entities", type=int, default=2_000)
        parser.add_argument("--consultations", type=int, default=50_000)
        parser.add_argument("--force", action="store_true")

    def handle(self, *args, people, entities, consultations, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError("seed_volume is for demo and benchmark databases: use --force.")
        if Enrolment.objects.filter(last_name=MARKER).exists():
            self.stdout.write("Volume data already present; nothing added.")
            return
        rng = random.Random(8)
        locations = list(Location.objects.all()) or [None]
        year = timezone.localdate().year
        days = [
            datetime.date(year, 1, 1) + datetime.timedelta(days=n)
            for n in range(365)
            if (datetime.date(year, 1, 1) + datetime.timedelta(days=n)).weekday() < 5
        ]
        with transaction.atomic():
            Enrolment.objects.bulk_create(
                (
                    Enrolment(
                        target_group="individual" if n % 3 else "delegated_person",
                        status=Enrolment.Status.ACCEPTED,
                        first_name=f"Osoba{n}",
                        last_name=MARKER,
                        sex="F" if n % 2 else "M",
                        location=rng.choice(locations),
                        support_start=rng.choice(days),
                    )
                    for n in range(people)
                ),
                batch_size=2000,
            )
            Enrolment.objects.bulk_create(
                (
                    Enrolment(
                        target_group="entity",
                        status=Enrolment.Status.ACCEPTED,
                        entity_name=f"Podmiot {n}",
                        last_name=MARKER,
                        location=rng.choice(locations),
                        support_start=rng.choice(days),
                    )
                    for n in range(entities)
                ),
                batch_size=2000,
            )
            advisers = self._advisers(max(1, consultations // (len(days) * 8) + 1))
            specialisations = list(Specialisation.objects.all())
            bookings = []
            for n in range(consultations):
                adviser = advisers[n % len(advisers)]
                slot = n // len(advisers)  # each adviser: 8 meetings a working day
                day, hour = days[(slot // 8) % len(days)], 8 + slot % 8
                start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
                bookings.append(
                    Booking(
                        adviser=adviser,
                        specialisation=specialisations[n % len(specialisations)],
                        location=rng.choice(locations),
                        start=start,
                        end=start + datetime.timedelta(minutes=50),
                        status=Booking.Status.ATTENDED if n % 10 else Booking.Status.NO_SHOW,
                        actual_minutes=50 if n % 10 else None,
                        is_walk_in=n % 7 == 0,
                        visitor_name=f"Gość {n}",
                    )
                )
            Booking.objects.bulk_create(bookings, batch_size=5000)
        self.stdout.write(
            f"Added {people} people, {entities} entities, {consultations} consultations "
            f"({len(advisers)} extra advisers)."
        )

    def _advisers(self, count):
        group = Group.objects.get(name=ROLE_ADVISERS)
        advisers = []
        for n in range(count):
            user = User.objects.create_user(
                email=f"doradca-wolumen-{n}@owes.example.org",
                first_name="Doradca",
                last_name=f"{MARKER} {n}",
            )
            user.groups.add(group)
            advisers.append(AdviserProfile.objects.create(user=user))
        return advisers
