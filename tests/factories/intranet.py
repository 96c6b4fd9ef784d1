import datetime

import factory
from django.utils import timezone

from intranet import statements
from intranet.models import Enrolment, TargetGroup
from tests.factories.portal import LocationFactory, UserFactory


def make_pesel(birth_date: datetime.date, sex: str = "F", serial: int = 123) -> str:
    """A valid PESEL for a birth date and sex ("F"/"M"); `serial` tells people apart."""
    month = birth_date.month + {18: 80, 19: 0, 20: 20, 21: 40, 22: 60}[birth_date.year // 100]
    sex_digit = (serial % 5) * 2 + (1 if sex == "M" else 0)
    body = (
        f"{birth_date.year % 100:02d}{month:02d}{birth_date.day:02d}{serial % 1000:03d}{sex_digit}"
    )
    weights = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
    check = (10 - sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 10) % 10
    return body + str(check)


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
