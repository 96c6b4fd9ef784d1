"""Staff review enrolments: the queue, decisions, delegations, the declaration."""

import datetime

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from directory.models import Entity, Representative
from intranet.models import Enrolment, EnrolmentChange
from portal import accounts
from tests.factories.directory import EntityFactory
from tests.factories.intranet import EnrolmentFactory, EntityEnrolmentFactory
from tests.factories.portal import LocationFactory, UserFactory
from tests.mail import delivered

pytestmark = pytest.mark.django_db


def after_commit():
    """Run a block as if its transaction committed: e-mails go out after the commit."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def staff_user(*extra_roles):
    user = UserFactory(roles=[accounts.ROLE_STAFF, *extra_roles])
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def staff(client):
    user = staff_user()
    client.force_login(user)
    return user


def decide(client, enrolment, decision, comment=""):
    with after_commit():
        return client.post(
            reverse("enrolment_staff:detail", args=(enrolment.pk,)),
            {"decision": decision, "comment": comment},
            follow=True,
        )


def test_the_queue_filters_and_searches(client, staff):
    swiebodzin, kozuchow = LocationFactory(name="Świebodzin"), LocationFactory(name="Kożuchów")
    person = EnrolmentFactory(submitted=True, last_name="Wiśniewska", location=swiebodzin)
    entity = EntityEnrolmentFactory(submitted=True, location=kozuchow, nip="5272525995")
    EnrolmentFactory(last_name="Szkicowa")  # a draft is not in the queue

    def names(**params):
        page = client.post(reverse("enrolment_staff:queue"), params, follow=True).content.decode()
        return {e.display_name for e in (person, entity) if e.display_name in page} | (
            {"draft"} if "Szkicowa" in page else set()
        )

    assert names() == {person.display_name, entity.display_name}
    assert names(target_group="entity") == {entity.display_name}
    assert names(location=swiebodzin.pk) == {person.display_name}
    assert names(q="wiśniew") == {person.display_name}
    assert names(q=person.pesel) == set()  # PESEL search needs the special-data permission
    assert names(q="527-252") == {entity.display_name}
    assert names(status="draft") == {"draft"}
    page = client.post(
        reverse("enrolment_staff:queue"), {"q": "nikt"}, follow=True
    ).content.decode()
    assert "Żadne zgłoszenie nie pasuje do tych filtrów." in page
    client.force_login(staff_user(accounts.ROLE_SPECIAL_DATA))
    assert names(q=person.pesel) == {person.display_name}


def test_a_pesel_searched_for_stays_out_of_urls(client):
    person = EnrolmentFactory(submitted=True, last_name="Wiśniewska")
    EnrolmentFactory.create_batch(25, submitted=True, last_name="Inna")
    client.force_login(staff_user(accounts.ROLE_SPECIAL_DATA))
    queue = reverse("enrolment_staff:queue")

    response = client.post(queue, {"q": person.pesel}, follow=True)

    assert [url for url, _status in response.redirect_chain] == [queue]
    assert person.pesel not in response.request["QUERY_STRING"]
    page = response.content.decode()
    assert "Wiśniewska" in page and "Inna" not in page
    assert 'method="post"' in page
    # The search holds while paging and until cleared; a PESEL in a URL is not read.
    assert "Wiśniewska" in client.get(queue, {"page": 1}).content.decode()
    client.post(queue, {"clear": "1"})
    assert "Inna" in client.get(queue).content.decode()
    assert "Inna" in client.get(queue, {"q": person.pesel}).content.decode()


def test_the_queue_uses_the_same_queries_for_5_or_50_enrolments(
    client, staff, django_assert_max_num_queries
):
    EnrolmentFactory.create_batch(5, submitted=True)
    with django_assert_max_num_queries(16) as small:
        client.get(reverse("enrolment_staff:queue"))
    EnrolmentFactory.create_batch(45, submitted=True)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("enrolment_staff:queue"))


def test_rejecting_needs_a_reason_the_member_then_sees(client, staff):
    enrolment = EnrolmentFactory(submitted=True)
    page = decide(client, enrolment, "reject").content.decode()
    assert "Podaj uzasadnienie; uczestnik je zobaczy." in page
    enrolment.refresh_from_db()
    assert enrolment.status == "submitted"

    decide(client, enrolment, "reject", "Miejsce zamieszkania poza województwem lubuskim.")
    enrolment.refresh_from_db()
    assert enrolment.status == "rejected" and enrolment.decided_by == staff
    change = enrolment.changes.get(action="rejected")
    assert change.actor == staff and "poza województwem" in change.comment
    assert delivered()[-1].to == [enrolment.user.email]
    assert "poza województwem lubuskim" in delivered()[-1].body

    client.force_login(enrolment.user)
    dashboard = client.get(reverse("intranet:dashboard")).content.decode()
    assert "odrzucone" in dashboard
    assert "Miejsce zamieszkania poza województwem lubuskim." in dashboard


def test_sending_back_lets_the_member_correct_and_send_again(client, staff):
    enrolment = EnrolmentFactory(submitted=True)
    decide(client, enrolment, "send_back", "Brak numeru telefonu.")
    enrolment.refresh_from_db()
    assert enrolment.status == "needs_corrections"

    client.force_login(enrolment.user)
    step = client.get(reverse("enrolment:step", args=(enrolment.pk, 2))).content.decode()
    assert "Brak numeru telefonu." in step
    client.post(reverse("enrolment:submit", args=(enrolment.pk,)))
    enrolment.refresh_from_db()
    assert enrolment.status == "submitted"


def test_accepting_starts_support_and_derives_the_age(client, staff):
    enrolment = EnrolmentFactory(submitted=True, birth_date=datetime.date(1985, 4, 12))
    decide(client, enrolment, "accept")
    enrolment.refresh_from_db()
    today = datetime.date.today()
    assert enrolment.status == "accepted" and enrolment.support_start == today
    expected_age = today.year - 1985 - ((today.month, today.day) < (4, 12))
    assert enrolment.age_at_start == expected_age
    assert "zostało przyjęte" in delivered()[-1].body


def test_a_decision_cannot_be_taken_twice(client, staff):
    enrolment = EnrolmentFactory(submitted=True)
    decide(client, enrolment, "accept")
    page = decide(client, enrolment, "reject", "Za późno").content.decode()
    assert "To zgłoszenie nie czeka już na decyzję." in page
    enrolment.refresh_from_db()
    assert enrolment.status == "accepted"
    assert enrolment.changes.filter(action__in=["accepted", "rejected"]).count() == 1


def test_an_accepted_entity_is_matched_in_the_directory_by_nip(client, staff):
    listed = EntityFactory(nip="5272525995")
    enrolment = EntityEnrolmentFactory(submitted=True, nip="5272525995")
    decide(client, enrolment, "accept")
    enrolment.refresh_from_db()
    assert enrolment.entity == listed
    assert Entity.objects.count() == 1


def test_an_accepted_new_entity_gets_an_unpublished_profile_its_member_represents(client, staff):
    EntityFactory(name="Łąka Spółdzielnia", slug="laka-spoldzielnia")
    enrolment = EntityEnrolmentFactory(
        submitted=True, nip="1234563218", entity_name="Łąka Spółdzielnia"
    )
    decide(client, enrolment, "accept")
    enrolment.refresh_from_db()
    entity = enrolment.entity
    assert entity.nip == "1234563218" and entity.live is False
    # The directory's one slug rule: Polish letters kept readable, a taken slug numbered.
    assert entity.slug == "laka-spoldzielnia-2"
    assert Representative.objects.get(entity=entity).user == enrolment.user


def test_a_delegation_is_confirmed_by_the_entity_before_acceptance(client, staff):
    entity = EntityFactory()
    representative = UserFactory()
    Representative.objects.create(user=representative, entity=entity, status="approved")
    stranger = UserFactory()
    Representative.objects.create(user=stranger, entity=EntityFactory(), status="approved")
    enrolment = EnrolmentFactory(
        target_group="delegated_person", delegating_entity=entity, steps_done=5
    )

    client.force_login(enrolment.user)
    with after_commit():
        client.post(reverse("enrolment:submit", args=(enrolment.pk,)))
    assert any(representative.email in m.to for m in delivered())

    client.force_login(staff)
    page = decide(client, enrolment, "accept").content.decode()
    assert "Podmiot delegujący nie potwierdził jeszcze delegowania." in page

    confirm_url = reverse("enrolment:confirm_delegation", args=(enrolment.pk,))
    client.force_login(stranger)
    assert client.post(confirm_url).status_code == 404
    client.force_login(representative)
    assert enrolment.display_name in client.get(reverse("intranet:dashboard")).content.decode()
    client.post(confirm_url)
    enrolment.refresh_from_db()
    assert enrolment.delegation_confirmed_by == representative

    client.force_login(staff)
    decide(client, enrolment, "accept")
    enrolment.refresh_from_db()
    assert enrolment.status == "accepted"
    assert list(enrolment.changes.values_list("action", flat=True)) == [
        "submitted",
        "delegation_confirmed",
        "accepted",
    ]


def test_the_end_of_support_is_recorded_and_not_before_the_start(client, staff):
    enrolment = EnrolmentFactory(accepted=True)
    url = reverse("enrolment_staff:support_end", args=(enrolment.pk,))
    page = client.post(url, {"support_end": "2000-01-01"}, follow=True).content.decode()
    assert "Wsparcie nie może się skończyć, zanim się zaczęło." in page
    client.post(url, {"support_end": datetime.date.today().isoformat()})
    enrolment.refresh_from_db()
    assert enrolment.support_end == datetime.date.today()


@pytest.mark.parametrize("far", ["9999-12-31", "2100-01-01", "in-a-year-and-a-day"], ids=str)
def test_an_end_of_support_beyond_a_year_ahead_is_refused(client, staff, far):
    enrolment = EnrolmentFactory(accepted=True)
    url = reverse("enrolment_staff:support_end", args=(enrolment.pk,))
    in_a_year = timezone.localdate() + datetime.timedelta(days=365)
    if far == "in-a-year-and-a-day":
        far = (in_a_year + datetime.timedelta(days=1)).isoformat()

    page = client.post(url, {"support_end": far}, follow=True).content.decode()

    assert "Wsparcie może się skończyć najpóźniej za rok" in page
    enrolment.refresh_from_db()
    assert enrolment.support_end is None
    client.post(url, {"support_end": in_a_year.isoformat()})
    enrolment.refresh_from_db()
    assert enrolment.support_end == in_a_year


def test_the_declaration_prints_the_participant_on_one_page(client):
    enrolment = EnrolmentFactory(accepted=True, first_name="Halina")
    client.force_login(staff_user(accounts.ROLE_SPECIAL_DATA))
    page = client.get(reverse("enrolment_staff:declaration", args=(enrolment.pk,)))
    html = page.content.decode()
    assert "Deklaracja uczestnictwa w projekcie" in html
    assert "Halina" in html and enrolment.pesel in html
    assert "podpis uczestnika" in html
    assert (
        client.get(
            reverse("enrolment_staff:declaration", args=(EnrolmentFactory(submitted=True).pk,))
        ).status_code
        == 404
    )


def test_a_forged_decision_on_a_draft_changes_nothing(client, staff):
    draft = EnrolmentFactory()
    decide(client, draft, "accept")
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert not EnrolmentChange.objects.filter(enrolment=draft).exists()
    assert client.get(reverse("enrolment_staff:detail", args=(999999,))).status_code == 404


def test_every_status_change_is_in_the_history_with_who_and_when(client, staff):
    enrolment = EnrolmentFactory(submitted=True)
    decide(client, enrolment, "send_back", "Popraw adres.")
    page = client.get(reverse("enrolment_staff:detail", args=(enrolment.pk,))).content.decode()
    assert "odesłane do poprawy" in page and "Popraw adres." in page
    assert staff.email in page or staff.get_full_name() in page
    assert Enrolment.objects.get(pk=enrolment.pk).decided_at is not None
