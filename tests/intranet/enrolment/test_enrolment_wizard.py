"""A member enrols: the steps, the drafts, the checks, sending the form."""

import datetime

import pytest
from django.urls import reverse

from intranet.enrolment import statements
from intranet.models import Enrolment, EnrolmentChange
from tests.factories.directory import EntityFactory
from tests.factories.intranet import EnrolmentFactory, make_pesel
from tests.factories.portal import LocationFactory, UserFactory
from tests.intranet.enrolment.test_enrolment_review import after_commit
from tests.mail import delivered

pytestmark = pytest.mark.django_db

PESEL = make_pesel(datetime.date(1990, 3, 15), "M", serial=456)

PERSONAL = {
    "first_name": "Marek",
    "last_name": "Zieliński",
    "pesel": PESEL,
    "education": "isced3",
}
SITUATION = {
    "labour_market_status": "long_term_unemployed",
    "eligibility": ["social_welfare", "social_integration"],
    "disability": "refused",
    "foreign_origin": "no",
    "homeless": "refused",
    "accessibility_needs": "Pętla indukcyjna",
}
STATEMENTS = {"clause_version": statements.VERSION, "declaration": "on"}


def address(location):
    return {
        "street": "ul. Sulechowska 1",
        "postcode": "66-200",
        "town": "Świebodzin",
        "county": "swiebodzinski",
        "commune": "Świebodzin",
        "area_type": "urban",
        "phone": "600 700 800",
        "email": "marek@example.org",
        "location": location.pk,
    }


def start(client, target_group="individual"):
    response = client.post(reverse("enrolment:start"), {"target_group": target_group})
    assert response.status_code == 302
    return Enrolment.objects.filter(target_group=target_group).latest("pk")


def step_url(enrolment, number):
    return reverse("enrolment:step", args=(enrolment.pk, number))


def test_an_individual_fills_every_step_and_sends_the_form(client, member):
    location = LocationFactory(name="LOEiIS Świebodzin")
    client.force_login(member)
    enrolment = start(client)

    response = client.post(step_url(enrolment, 1), PERSONAL)
    assert response.url == step_url(enrolment, 2)
    second_step = client.get(step_url(enrolment, 2)).content.decode()
    assert "Krok 2 z 4" in second_step

    # The birth date and sex read from PESEL are shown back.
    first_step = client.get(step_url(enrolment, 1)).content.decode()
    assert "data urodzenia 15 marca 1990" in first_step
    assert "płeć: mężczyzna" in first_step

    assert client.post(step_url(enrolment, 2), address(location)).url == step_url(enrolment, 3)
    assert client.post(step_url(enrolment, 3), SITUATION).url == step_url(enrolment, 4)
    clause_page = client.get(step_url(enrolment, 4)).content.decode()
    assert "art. 6 ust. 1 lit. c RODO" in clause_page
    response = client.post(step_url(enrolment, 4), STATEMENTS)
    assert response.url == reverse("enrolment:detail", args=(enrolment.pk,))

    summary = client.get(response.url).content.decode()
    assert "Wyślij formularz do ośrodka" in summary
    assert "Długotrwale bezrobotna" in summary or "długotrwale bezrobotna" in summary

    with after_commit():
        response = client.post(reverse("enrolment:submit", args=(enrolment.pk,)), follow=True)
    assert "Dziękujemy" in response.content.decode()

    enrolment.refresh_from_db()
    assert enrolment.status == "submitted"
    assert (enrolment.birth_date, enrolment.sex) == (datetime.date(1990, 3, 15), "M")
    assert enrolment.eligibility == ["social_welfare", "social_integration"]
    assert enrolment.information_clause_version == statements.VERSION
    assert enrolment.information_clause_shown_at and enrolment.declared_at
    assert enrolment.image_consent_at is None  # optional consents stay unasked-for
    assert [m.to for m in delivered()] == [[member.email]]
    assert "Otrzymaliśmy Twój formularz" in delivered()[0].subject

    dashboard = client.get(reverse("intranet:dashboard")).content.decode()
    assert "czeka na rozpatrzenie" in dashboard


def test_optional_consents_are_stored_with_their_version_and_time(client):
    enrolment = EnrolmentFactory(steps_done=3, declared_at=None)
    client.force_login(enrolment.user)
    client.post(step_url(enrolment, 4), STATEMENTS | {"image_consent": "on"})
    enrolment.refresh_from_db()
    assert enrolment.image_consent_version == statements.VERSION
    assert enrolment.image_consent_at is not None
    assert enrolment.newsletter_consent_at is None


def test_the_declaration_is_required_and_its_absence_explained(client):
    enrolment = EnrolmentFactory(steps_done=3, declared_at=None)
    client.force_login(enrolment.user)
    response = client.post(step_url(enrolment, 4), {"clause_version": statements.VERSION})
    assert "Potwierdź, że podane informacje są prawdziwe." in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.declared_at is None and enrolment.steps_done == 3


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("pesel", "90031512345", "błędna cyfra kontrolna"),
        ("pesel", "9003151234", "11 cyfr"),
        ("first_name", "x" * 10_000, "co najwyżej 100 znaków"),
    ],
    ids=["pesel-checksum", "pesel-length", "10k-characters"],
)
def test_bad_personal_data_is_refused_in_polish_and_the_input_kept(
    client, member, field, value, message
):
    client.force_login(member)
    enrolment = start(client)
    response = client.post(step_url(enrolment, 1), PERSONAL | {field: value})
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'value="Zieliński"' in page  # what the member typed is still in the form
    enrolment.refresh_from_db()
    assert enrolment.steps_done == 0 and enrolment.last_name == ""


def test_without_pesel_the_birth_date_may_not_be_in_the_future(client, member):
    client.force_login(member)
    enrolment = start(client)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    data = PERSONAL | {"pesel": "", "has_no_pesel": "on", "birth_date": tomorrow, "sex": "F"}
    response = client.post(step_url(enrolment, 1), data)
    assert "Data urodzenia nie może być w przyszłości." in response.content.decode()


def test_a_commune_outside_the_county_is_refused(client, member):
    client.force_login(member)
    enrolment = EnrolmentFactory(user=member, steps_done=1)
    data = address(LocationFactory()) | {"commune": "Kożuchów"}
    response = client.post(step_url(enrolment, 2), data)
    assert "Ta gmina nie leży w wybranym powiecie." in response.content.decode()


def test_save_and_finish_later_keeps_the_valid_fields_and_resumes_where_it_stopped(client, member):
    client.force_login(member)
    enrolment = start(client)
    client.post(step_url(enrolment, 1), PERSONAL)
    response = client.post(
        step_url(enrolment, 2),
        address(LocationFactory()) | {"postcode": "66200", "save_draft": "1"},
    )
    assert response.url == reverse("intranet:dashboard")
    enrolment.refresh_from_db()
    assert enrolment.town == "Świebodzin" and enrolment.postcode == ""
    assert enrolment.steps_done == 1

    # Later (a new session): starting again resumes the same draft at step 2.
    client.logout()
    client.force_login(member)
    response = client.post(reverse("enrolment:start"), {"target_group": "individual"})
    assert response.url == step_url(enrolment, 2)
    assert Enrolment.objects.filter(user=member).count() == 1
    assert 'value="Świebodzin"' in client.get(response.url).content.decode()


def test_a_step_cannot_be_skipped(client, member):
    client.force_login(member)
    enrolment = start(client)
    response = client.get(step_url(enrolment, 4))
    assert response.url == step_url(enrolment, 1)
    assert client.get(step_url(enrolment, 9)).status_code == 404


def test_an_incomplete_form_cannot_be_sent(client, member):
    enrolment = EnrolmentFactory(user=member, steps_done=2)
    client.force_login(member)
    response = client.post(reverse("enrolment:submit", args=(enrolment.pk,)), follow=True)
    assert "Uzupełnij wszystkie kroki formularza" in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.status == "draft"


def test_sending_twice_sends_once(client, member):
    enrolment = EnrolmentFactory(user=member)
    client.force_login(member)
    url = reverse("enrolment:submit", args=(enrolment.pk,))
    with after_commit():
        client.post(url)
        response = client.post(url, follow=True)
    assert "Ten formularz został już wysłany." in response.content.decode()
    assert EnrolmentChange.objects.filter(enrolment=enrolment, action="submitted").count() == 1
    assert len(delivered()) == 1


def test_a_sent_form_cannot_be_edited(client):
    enrolment = EnrolmentFactory(submitted=True)
    client.force_login(enrolment.user)
    response = client.post(step_url(enrolment, 1), PERSONAL)
    assert response.url == reverse("enrolment:detail", args=(enrolment.pk,))
    enrolment.refresh_from_db()
    assert enrolment.first_name == "Joanna"


@pytest.mark.parametrize(
    "url_name",
    ["enrolment:detail", "enrolment:submit", "enrolment:step"],
    ids=["detail", "submit", "step"],
)
def test_another_members_form_is_not_found(client, url_name):
    foreign = EnrolmentFactory()
    client.force_login(UserFactory())
    args = (foreign.pk, 1) if url_name == "enrolment:step" else (foreign.pk,)
    method = client.post if url_name == "enrolment:submit" else client.get
    assert method(reverse(url_name, args=args), PERSONAL).status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == "draft" and foreign.first_name == "Joanna"


def test_an_entity_enrols_with_checked_numbers(client, member):
    client.force_login(member)
    enrolment = start(client, "entity")
    data = {
        "entity_name": "Spółdzielnia Socjalna Smaki Lubuskie",
        "legal_form": "social_cooperative",
        "krs": "0000123456",
        "nip": "527-252-59-96",
        "regon": "123456789",
        "representative_name": "Ewa Prezes",
    }
    page = client.post(step_url(enrolment, 1), data).content.decode()
    assert "Ten numer NIP jest nieprawidłowy (błędna cyfra kontrolna)." in page
    assert "Ten numer REGON jest nieprawidłowy (błędna cyfra kontrolna)." in page
    enrolment.refresh_from_db()
    assert enrolment.steps_done == 0

    data |= {"nip": "527-252-59-95", "regon": "123456785"}
    assert client.post(step_url(enrolment, 1), data).url == step_url(enrolment, 2)
    enrolment.refresh_from_db()
    assert enrolment.nip == "5272525995"


def test_a_delegated_person_names_an_entity_that_has_a_representative(client, member):
    entity = EntityFactory(nip="5272525995")
    client.force_login(member)
    enrolment = start(client, "delegated_person")
    response = client.post(step_url(enrolment, 1), {"entity_number": "5272525995"})
    assert "nie ma jeszcze w portalu osoby" in response.content.decode()

    entity.representatives.create(user=UserFactory(), status="approved")
    response = client.post(step_url(enrolment, 1), {"entity_number": "527 252 59 95"})
    assert response.url == step_url(enrolment, 2)
    enrolment.refresh_from_db()
    assert enrolment.delegating_entity == entity

    unknown = client.post(step_url(enrolment, 1), {"entity_number": "1234563218"})
    assert "Nie mamy w katalogu podmiotu o tym numerze" in unknown.content.decode()


@pytest.mark.parametrize(
    "spoil, message",
    [
        ({}, None),
        ({"last_name": ""}, "Uzupełnij wszystkie kroki formularza, zanim go wyślesz."),
        ({"information_clause_version": "2019-01"}, "Klauzula informacyjna się zmieniła"),
    ],
    ids=["complete", "blank-required-field", "old-clause-version"],
)
def test_only_a_complete_enrolment_with_the_current_clause_is_sent(client, spoil, message):
    enrolment = EnrolmentFactory(**spoil)
    client.force_login(enrolment.user)
    page = client.post(reverse("enrolment:submit", args=(enrolment.pk,)), follow=True)
    enrolment.refresh_from_db()
    if message is None:
        assert enrolment.status == "submitted"
    else:
        assert message in page.content.decode()
        assert enrolment.status == "draft"
