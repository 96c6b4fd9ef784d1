import datetime

import factory
from django.utils import timezone

from intranet.enrolment import statements
from intranet.models import (
    AdviserProfile,
    Availability,
    Booking,
    Enrolment,
    Specialisation,
    TargetGroup,
)
from portal.accounts import ROLE_ADVISERS
from portal.validators import pesel_for
from tests.factories.portal import LocationFactory, UserFactory


def make_pesel(birth_date: datetime.date, sex: str = "F", serial: int = 123) -> str:
    """A valid PESEL for a birth date and sex ("F"/"M"); `serial` tells people apart."""
    return pesel_for(birth_date, sex, serial)


class EnrolmentFactory(factory.django.DjangoModelFactory):
    """A complete individual's form, not yet sent (every step done)."""

    class Meta:
        model = Enrolment

    user = factory.SubFactory(UserFactory)
    target_group = TargetGroup.INDIVIDUAL
    status = Enrolment.Status.DRAFT
    location = factory.SubFactory(LocationFactory)
    first_name = "Joanna"
    last_name = factory.Sequence(lambda n: f"Kowalska{n}")
    pesel = factory.Sequence(lambda n: make_pesel(datetime.date(1985, 4, 12), "F", serial=n))
    birth_date = datetime.date(1985, 4, 12)
    sex = "F"
    education = "isced3"
    labour_market_status = "registered_unemployed"
    eligibility = ["social_welfare"]
    disability = "yes"
    disability_degree = "moderate"
    foreign_origin = "no"
    homeless = "no"
    street = "ul. Lipowa 3"
    county = "swiebodzinski"
    commune = "Świebodzin"
    town = "Świebodzin"
    postcode = "66-200"
    area_type = "urban"
    phone = "600 100 200"
    email = factory.LazyAttribute(lambda o: o.user.email if o.user else "osoba@example.org")
    information_clause_version = statements.VERSION
    information_clause_shown_at = factory.LazyFunction(timezone.now)
    declaration_version = statements.VERSION
    declared_at = factory.LazyFunction(timezone.now)
    steps_done = 4

    class Params:
        submitted = factory.Trait(
            status=Enrolment.Status.SUBMITTED, submitted_at=factory.LazyFunction(timezone.now)
        )
        accepted = factory.Trait(
            status=Enrolment.Status.ACCEPTED,
            submitted_at=factory.LazyFunction(timezone.now),
            decided_at=factory.LazyFunction(timezone.now),
            support_start=factory.LazyFunction(timezone.localdate),
            age_at_start=41,
        )


class EntityEnrolmentFactory(EnrolmentFactory):
    target_group = TargetGroup.ENTITY
    first_name = last_name = pesel = sex = education = labour_market_status = ""
    birth_date = None
    eligibility = factory.LazyFunction(list)
    disability = disability_degree = foreign_origin = homeless = area_type = ""
    entity_name = factory.Sequence(lambda n: f"Spółdzielnia Socjalna Nowa Droga {n}")
    legal_form = "social_cooperative"
    nip = "5272525995"
    representative_name = "Jan Prezes"
    employees = 6
    members = 5
    support_areas = factory.LazyFunction(lambda: ["business", "marketing"])
    needs = "Biznesplan i strona internetowa."


class AdviserFactory(factory.django.DjangoModelFactory):
    """An adviser (in Doradcy); `hours=[(weekday, "09:00", "15:00", location), …]`."""

    class Meta:
        model = AdviserProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, roles=[ROLE_ADVISERS], first_name="Doradca")

    @factory.post_generation
    def specialisations(obj, create, extracted, **kwargs):
        if create:
            codes = extracted or ["business"]
            obj.specialisations.set(Specialisation.objects.filter(code__in=codes))
            obj.save()  # a ParentalManyToManyField is written on save

    @factory.post_generation
    def two_factor(obj, create, extracted, **kwargs):
        """Advisers reach staff screens, which ask for TOTP: set it up unless told not to."""
        if create and extracted is not False:
            from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

            TOTP.activate(obj.user, generate_totp_secret())

    @factory.post_generation
    def hours(obj, create, extracted, **kwargs):
        for weekday, start, end, location in extracted or []:
            Availability.objects.create(
                adviser=obj,
                weekday=weekday,
                start_time=datetime.time.fromisoformat(start),
                end_time=datetime.time.fromisoformat(end),
                location=location,
            )


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    adviser = factory.SubFactory(AdviserFactory)
    specialisation = factory.LazyFunction(lambda: Specialisation.objects.get(code="business"))
    location = factory.SubFactory(LocationFactory)
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=3))
    end = factory.LazyAttribute(lambda b: b.start + datetime.timedelta(minutes=60))
    member = factory.SubFactory(UserFactory)
