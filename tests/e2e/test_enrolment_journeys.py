"""Enrolment in Chromium: an individual's whole form with a pause, staff's rejection, a
delegation confirmed by the entity — and axe-core on every step, empty and with errors."""

import datetime

import pytest

from directory.models import Representative
from intranet.enrolment.forms import STEPS
from intranet.models import Enrolment
from portal import accounts
from tests.factories.directory import EntityFactory
from tests.factories.intranet import EnrolmentFactory, make_pesel
from tests.factories.portal import LocationFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def staff_member(*roles):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    user = UserFactory(roles=[accounts.ROLE_STAFF, *roles])
    TOTP.activate(user, generate_totp_secret())
    return user


def next_step(page):
    page.click("button[name=next]")
    page.wait_for_load_state()


def test_an_individual_enrols_pauses_resumes_and_sends(page, log_in, assert_accessible, home_page):
    LocationFactory(name="LOEiIS Świebodzin")
    member = UserFactory()
    log_in(page, member)
    page.goto("/intranet/")
    assert_accessible(page)
    page.click("text=Zgłoś się do projektu")
    assert_accessible(page)
    page.check("#group-individual")
    page.click("text=Rozpocznij wypełnianie")

    # Step 1, first with a wrong PESEL: the error is announced and the name stays typed.
    page.fill("#id_first_name", "Marta")
    page.fill("#id_last_name", "Wójcik")
    page.fill("#id_pesel", "85041212345")
    page.select_option("#id_education", "isced6")
    next_step(page)
    assert "błędna cyfra kontrolna" in page.inner_text(".errorlist")
    assert page.input_value("#id_last_name") == "Wójcik"
    page.fill("#id_pesel", make_pesel(datetime.date(1985, 4, 12), "F"))
    next_step(page)

    # Step 2, half done: she saves and leaves.
    assert "Krok 2 z 4" in page.inner_text("h2")
    page.fill("#id_town", "Świebodzin")
    page.click("button[name=save_draft]")
    page.wait_for_url("**/intranet/")
    assert "wersja robocza" in page.inner_text("#enrolments-heading + ul")

    # Later she comes back through the dashboard and continues where she stopped.
    page.click("#enrolments-heading + ul a")
    page.click("text=Kontynuuj od miejsca, w którym skończono")
    assert page.input_value("#id_town") == "Świebodzin"
    page.fill("#id_postcode", "66-200")
    page.select_option("#id_county", "swiebodzinski")
    page.select_option("#id_commune", "Świebodzin")
    page.check("#id_area_type_0")
    page.fill("#id_email", member.email)
    page.select_option("#id_location", label="LOEiIS Świebodzin")
    next_step(page)

    page.check("#id_labour_market_status_0")
    page.check("#id_disability_2")  # "I refuse to give this information"
    page.check("#id_foreign_origin_1")
    page.check("#id_homeless_1")
    next_step(page)

    assert "art. 13" in page.inner_text(".clause") or "RODO" in page.inner_text(".clause")
    page.check("#id_declaration")
    next_step(page)
    assert "kobieta" in page.inner_text(".summary")
    assert_accessible(page)
    page.click("text=Wyślij formularz do ośrodka")
    assert "Dziękujemy" in page.inner_text(".messages")
    assert Enrolment.objects.get(user=member).status == "submitted"


def test_staff_reject_with_a_reason_the_member_then_reads(
    page, log_in, assert_accessible, home_page
):
    enrolment = EnrolmentFactory(submitted=True, first_name="Tomasz", last_name="Lis")
    log_in(page, staff_member())
    page.goto("/intranet/kadra/rekrutacja/")
    assert_accessible(page)
    page.click("text=Tomasz Lis")
    assert_accessible(page)
    assert "ukryte" in page.inner_text(".summary")  # no special-data permission
    page.check("#id_decision_2")  # reject
    page.click("text=Zapisz decyzję")
    page.wait_for_selector(".errorlist")
    assert_accessible(page)  # the decision form with its error
    page.check("#id_decision_2")
    page.fill("#id_comment", "Adres zamieszkania poza województwem.")
    page.click("text=Zapisz decyzję")
    assert "Decyzja zapisana" in page.inner_text(".messages")

    page.context.clear_cookies()
    log_in(page, enrolment.user)
    page.goto("/intranet/")
    assert "Adres zamieszkania poza województwem." in page.inner_text("#enrolments-heading + ul")


def test_an_entity_delegates_a_person_and_confirms(page, log_in, home_page):
    entity = EntityFactory(name="Fundacja Dobry Start", nip="5272525995")
    representative = UserFactory()
    Representative.objects.create(user=representative, entity=entity, status="approved")
    person = UserFactory()

    log_in(page, person)
    page.goto("/intranet/rekrutacja/")
    page.check("#group-delegated_person")
    page.click("text=Rozpocznij wypełnianie")
    page.fill("#id_entity_number", "527-252-59-95")
    next_step(page)
    assert "Krok 2 z 5" in page.inner_text("h2")
    # The personal steps are the individual's (tested above); fill them in directly.
    enrolment = Enrolment.objects.get(user=person)
    complete = EnrolmentFactory.build(user=person)
    for field in (
        "first_name",
        "last_name",
        "pesel",
        "birth_date",
        "sex",
        "education",
        "labour_market_status",
        "disability",
        "disability_degree",
        "foreign_origin",
        "homeless",
        "county",
        "commune",
        "town",
        "postcode",
        "area_type",
        "email",
        "declared_at",
        "information_clause_shown_at",
        "information_clause_version",
        "declaration_version",
    ):
        setattr(enrolment, field, getattr(complete, field))
    enrolment.location = LocationFactory()
    enrolment.steps_done = 5
    enrolment.save()
    page.goto(f"/intranet/rekrutacja/{enrolment.pk}/")
    page.click("text=Wyślij formularz do ośrodka")
    assert "Fundacja Dobry Start" in page.inner_text("main")

    page.context.clear_cookies()
    log_in(page, representative)
    page.goto("/intranet/")
    assert enrolment.display_name in page.inner_text("#delegations-heading + ul")
    page.click("#delegations-heading + ul button")
    assert "Potwierdzono" in page.inner_text(".messages")
    enrolment.refresh_from_db()
    assert enrolment.delegation_confirmed_by == representative


@pytest.mark.parametrize(
    ("target_group", "step"),
    [(group, number) for group, steps in STEPS.items() for number in range(1, len(steps) + 1)],
    ids=lambda value: str(value),
)
def test_every_step_empty_and_with_errors_meets_wcag_21_aa(
    page, log_in, assert_accessible, home_page, target_group, step
):
    member = UserFactory()
    enrolment = Enrolment.objects.create(
        user=member, target_group=target_group, steps_done=step - 1
    )
    log_in(page, member)
    page.goto(f"/intranet/rekrutacja/{enrolment.pk}/krok/{step}/")
    assert_accessible(page)
    page.evaluate(
        "document.querySelectorAll('input[type=text], input[type=email]')"
        ".forEach(input => input.value = '')"
    )
    next_step(page)
    page.wait_for_selector(".errorlist")
    assert_accessible(page)


def test_the_declaration_meets_wcag_21_aa(page, log_in, assert_accessible, home_page):
    enrolment = EnrolmentFactory(accepted=True)
    log_in(page, staff_member(accounts.ROLE_SPECIAL_DATA))
    page.goto(f"/intranet/kadra/rekrutacja/{enrolment.pk}/deklaracja/")
    assert enrolment.pesel in page.inner_text("main")
    assert_accessible(page)
