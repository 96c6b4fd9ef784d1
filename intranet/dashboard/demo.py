"""Demo enrolments for `manage.py seed_demo`: a queue staff can work through.

The people have no accounts (as if staff typed in paper forms); the demo member account
(uczestnik@…) is left without a form so that anyone can walk through the wizard.
"""

import datetime
import random

from django.utils import timezone

from intranet.enrolment import statements
from intranet.enrolment.services import age_on
from intranet.models import Enrolment, TargetGroup
from portal.models import Location
from portal.validators import pesel_for

PEOPLE = [
    ("Anna", "Kowalczyk", datetime.date(1985, 4, 12), "F"),
    ("Piotr", "Nowicki", datetime.date(1979, 11, 15), "M"),
    ("Katarzyna", "Wróbel", datetime.date(1992, 2, 28), "F"),
    ("Marek", "Zając", datetime.date(1968, 7, 9), "M"),
    ("Ewa", "Mazur", datetime.date(2001, 6, 15), "F"),
    ("Tomasz", "Krawczyk", datetime.date(1988, 12, 30), "M"),
    ("Agnieszka", "Pawlak", datetime.date(1975, 5, 5), "F"),
    ("Jan", "Dudek", datetime.date(1995, 9, 30), "M"),
]
ENTITIES = [
    ("Spółdzielnia Socjalna Lubuski Smak", "social_cooperative", "1234563218"),
    ("Fundacja Otwarte Drzwi", "foundation", "5272525995"),
]
Status = Enrolment.Status
STATUSES = [
    Status.SUBMITTED,
    Status.SUBMITTED,
    Status.ACCEPTED,
    Status.NEEDS_CORRECTIONS,
    Status.ACCEPTED,
    Status.REJECTED,
]


def seed_enrolments() -> int:
    if Enrolment.objects.exists():
        return 0
    rng = random.Random(2026)
    locations = list(Location.objects.all()) or [None]
    now = timezone.now()
    common = {
        "information_clause_version": statements.VERSION,
        "information_clause_shown_at": now,
        "declaration_version": statements.VERSION,
        "declared_at": now,
        "submitted_at": now,
        "county": "swiebodzinski",
        "commune": "Świebodzin",
        "town": "Świebodzin",
        "postcode": "66-200",
        "phone": "600 000 000",
    }
    created = []
    for number, (first, last, birth_date, sex) in enumerate(PEOPLE):
        pesel = pesel_for(birth_date, sex, serial=number)
        status = STATUSES[number % len(STATUSES)]
        enrolment = Enrolment(
            target_group=TargetGroup.INDIVIDUAL,
            status=status,
            location=rng.choice(locations),
            first_name=first,
            last_name=last,
            pesel=pesel,
            birth_date=birth_date,
            sex=sex,
            education=rng.choice(["isced2", "isced3", "isced4", "isced6"]),
            labour_market_status=rng.choice(["registered_unemployed", "inactive", "employed"]),
            eligibility=["social_welfare"],
            disability=rng.choice(["no", "no", "yes", "refused"]),
            foreign_origin="no",
            homeless="no",
            area_type=rng.choice(["urban", "rural"]),
            email=f"{first.lower()}.demo@example.org",
            steps_done=4,
            **common,
        )
        if enrolment.disability == "yes":
            enrolment.disability_degree = "moderate"
        if status in (Status.ACCEPTED, Status.REJECTED, Status.NEEDS_CORRECTIONS):
            enrolment.decided_at = now
            enrolment.staff_comment = {
                Status.REJECTED: "Miejsce zamieszkania poza województwem lubuskim.",
                Status.NEEDS_CORRECTIONS: "Prosimy uzupełnić numer telefonu.",
            }.get(status, "")
        if status == Status.ACCEPTED:
            enrolment.support_start = timezone.localdate() - datetime.timedelta(days=30)
            enrolment.age_at_start = age_on(enrolment.birth_date, enrolment.support_start)
        created.append(enrolment)
    for name, legal_form, nip in ENTITIES:
        created.append(
            Enrolment(
                target_group=TargetGroup.ENTITY,
                status=Status.SUBMITTED,
                location=rng.choice(locations),
                entity_name=name,
                legal_form=legal_form,
                nip=nip,
                representative_name="Jadwiga Demo",
                employees=rng.randint(3, 12),
                members=rng.randint(5, 15),
                support_areas=["business", "marketing"],
                needs="Biznesplan, strona internetowa i doradztwo księgowe.",
                street="ul. Kościuszki 10",
                email="biuro.demo@example.org",
                steps_done=4,
                **common,
            )
        )
    Enrolment.objects.bulk_create(created)
    return len(created)


DEMO_ADVISERS = [
    # email, first name, last name, specialisations, weekdays
    (
        "doradca@owes.example.org",
        "Doradca",
        "Demo",
        ["key_adviser", "business", "marketing"],
        [0, 1, 2, 3, 4],
    ),
    ("prawnik.demo@owes.example.org", "Renata", "Prawna", ["legal", "finance"], [1, 3]),
    (
        "terapeuta.demo@owes.example.org",
        "Paweł",
        "Terapeuta",
        ["therapist", "educational_broker"],
        [0, 2, 4],
    ),
]


def seed_advisers() -> int:
    """Advisers with weekly hours at the local centres (and online on Wednesdays)."""
    from django.contrib.auth.models import Group

    from intranet.models import AdviserProfile, Availability, Specialisation
    from portal.accounts import ROLE_ADVISERS
    from portal.models import User

    if AdviserProfile.objects.exists():
        return 0
    locations = list(Location.objects.order_by("sort_order", "name"))
    if not locations:
        return 0
    group = Group.objects.get(name=ROLE_ADVISERS)
    for number, (email, first, last, codes, weekdays) in enumerate(DEMO_ADVISERS):
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, first_name=first, last_name=last)
            user.set_unusable_password()
            user.save()
        user.groups.add(group)
        profile = AdviserProfile.objects.create(user=user, bio=f"{first} {last}: doradztwo.")
        profile.specialisations.set(Specialisation.objects.filter(code__in=codes))
        profile.save()
        for weekday in weekdays:
            location = locations[(weekday + number) % len(locations)]
            Availability.objects.create(
                adviser=profile,
                weekday=weekday,
                start_time=datetime.time(9),
                end_time=datetime.time(15),
                location=location,
            )
        Availability.objects.create(
            adviser=profile,
            weekday=2,
            start_time=datetime.time(16),
            end_time=datetime.time(18),
            location=None,
        )
    return len(DEMO_ADVISERS)


def seed_grant_call() -> int:
    """An open call for grant applications with three criteria and the demo adviser and
    Kadra account on its committee."""
    from intranet.models import CommitteeMember, Criterion, GrantCall
    from portal.models import User

    if GrantCall.objects.exists():
        return 0
    today = timezone.localdate()
    call = GrantCall.objects.create(
        title="Dotacje na utworzenie miejsc pracy w przedsiębiorstwach społecznych",
        number=f"1/{today.year}",
        description="Do 23 000 zł na jedno miejsce pracy oraz wsparcie pomostowe do 12 miesięcy.",
        opens_on=today - datetime.timedelta(days=7),
        closes_on=today + datetime.timedelta(days=21),
        budget=460000,
        appeal_days=7,
    )
    for name, points in (("Pomysł i rynek", 30), ("Finanse i trwałość", 30), ("Miejsca pracy", 20)):
        Criterion.objects.create(call=call, name=name, max_points=points)
    for email in ("doradca@owes.example.org", "kadra@owes.example.org"):
        user = User.objects.filter(email=email).first()
        if user:
            CommitteeMember.objects.create(call=call, user=user)
    return 1
