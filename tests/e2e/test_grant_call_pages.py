"""The grant call pages pass axe-core: the list, an application, the ranking, evaluation."""

import datetime

import pytest
from django.utils import timezone

from directory.models import Representative
from intranet.models import Application, CommitteeMember, Criterion, GrantCall
from tests.factories.directory import EntityFactory
from tests.factories.intranet import AdviserFactory
from tests.factories.portal import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def call(home_page):
    today = timezone.localdate()
    call = GrantCall.objects.create(
        title="Dotacje 2026",
        number="1/2026",
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=9),
        budget=100000,
    )
    Criterion.objects.create(call=call, name="Pomysł", max_points=30)
    return call


def test_the_applicant_pages_meet_wcag_21_aa(page, log_in, assert_accessible, call):
    user = UserFactory()
    Representative.objects.create(user=user, entity=EntityFactory(), status="approved")
    log_in(page, user)
    page.goto("/intranet/dotacje/")
    assert_accessible(page)
    page.click("text=Rozpocznij lub kontynuuj wniosek")
    assert_accessible(page)
    page.fill("#id_jobs_planned", "-3")
    page.click("text=Zapisz wniosek")
    page.wait_for_selector(".errorlist")
    assert_accessible(page)


def test_the_committee_pages_meet_wcag_21_aa(page, log_in, assert_accessible, call):
    application = Application.objects.create(
        call=call, entity=EntityFactory(), status="submitted", summary="Kawiarnia"
    )
    member = AdviserFactory().user
    CommitteeMember.objects.create(call=call, user=member)
    log_in(page, member)
    page.goto(f"/intranet/kadra/dotacje/{call.pk}/")
    assert_accessible(page)
    page.goto(f"/intranet/kadra/dotacje/wniosek/{application.pk}/")
    assert_accessible(page)
    page.check("text=Oświadczam, że nie mam konfliktu interesów z tym wnioskodawcą")
    page.click("text=Złóż deklarację")
    assert_accessible(page)  # now the score form


def test_from_diagnosis_to_a_published_ranking(page, log_in, assert_accessible, call):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from portal import accounts
    from tests.factories.intranet import EnrolmentFactory

    # A broker records a diagnosis and a path; the participant sees the path only.
    participant = EnrolmentFactory(accepted=True)
    broker = AdviserFactory(specialisations=["educational_broker"]).user
    log_in(page, broker)
    page.goto(f"/intranet/kadra/sciezki/{participant.pk}/")
    page.click("text=Dodaj diagnozę")
    page.select_option("#id_d-kind", "broker")
    page.fill("#id_d-made_on", timezone.localdate().isoformat())
    page.fill("#id_d-findings", "Potrzebuje kursu księgowości.")
    page.click("text=Zapisz diagnozę")
    page.select_option("#id_i-kind", "training")
    page.fill("#id_i-title", "Kurs księgowości")
    page.fill("#id_i-target_date", (timezone.localdate() + datetime.timedelta(days=20)).isoformat())
    page.click("text=Dodaj do ścieżki")
    assert "Kurs księgowości" in page.inner_text("main")
    page.context.clear_cookies()
    log_in(page, participant.user)
    page.goto("/intranet/")
    assert "Kurs księgowości" in page.inner_text("#path-heading + ul")
    assert "Potrzebuje kursu" not in page.inner_text("main")

    # An entity applies.
    representative = UserFactory()
    entity = EntityFactory(name="Spółdzielnia Socjalna Ścieżka")
    Representative.objects.create(user=representative, entity=entity, status="approved")
    page.context.clear_cookies()
    log_in(page, representative)
    page.goto("/intranet/dotacje/")
    page.click("text=Rozpocznij lub kontynuuj wniosek")
    for field, text in (
        ("summary", "Pralnia"),
        ("market", "Hotele"),
        ("marketing", "Ulotki"),
        ("finances", "Kredyt i dotacja"),
    ):
        page.fill(f"#id_{field}", text)
    page.fill("#id_amount_requested", "46000")
    page.click("text=Zapisz wniosek")
    page.click("text=Złóż wniosek")
    assert "Wniosek złożony" in page.inner_text(".messages")
    application = Application.objects.get(entity=entity)

    # Two committee members declare and score.
    for points in (24, 18):
        member = AdviserFactory().user
        CommitteeMember.objects.create(call=call, user=member)
        page.context.clear_cookies()
        log_in(page, member)
        page.goto(f"/intranet/kadra/dotacje/wniosek/{application.pk}/")
        page.check("text=Oświadczam, że nie mam konfliktu interesów z tym wnioskodawcą")
        page.click("text=Złóż deklarację")
        page.fill(f"#id_c{call.criteria.get().pk}", str(points))
        page.click("text=Zapisz oceny")
        assert "Zapisano oceny" in page.inner_text(".messages")

    # The call closes; Kadra decide and publish the ranking; the applicant sees its place.
    GrantCall.objects.filter(pk=call.pk).update(
        closes_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    kadra = UserFactory(roles=[accounts.ROLE_STAFF])
    TOTP.activate(kadra, generate_totp_secret())
    page.context.clear_cookies()
    log_in(page, kadra)
    page.goto(f"/intranet/kadra/dotacje/wniosek/{application.pk}/")
    page.check("text=przyznaj")
    page.fill("#id_justification", "Dobry biznesplan.")
    page.click("text=Zapisz decyzję")
    page.goto(f"/intranet/kadra/dotacje/{call.pk}/")
    page.click("text=Opublikuj ranking")
    assert "Ranking opublikowany" in page.inner_text(".messages")
    assert_accessible(page)
    page.context.clear_cookies()
    log_in(page, representative)
    page.goto(f"/intranet/dotacje/wniosek/{application.pk}/")
    text = page.inner_text("main")
    assert "Dobry biznesplan." in text and "Miejsce w rankingu: 1, średnia ocena: 21" in text
    assert_accessible(page)
