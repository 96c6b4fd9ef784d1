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
