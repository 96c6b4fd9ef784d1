"""The indicator dashboard (with its chart), a list of records, job monitoring and the annual
report pass axe-core."""

import datetime

import pytest

from intranet.grants.monitoring import job_checks_schedule
from intranet.models import Enrolment, Grant, Job
from portal import accounts
from tests.factories.directory import EntityFactory
from tests.factories.portal import LocationFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def data(home_page):
    centre = LocationFactory()
    Enrolment.objects.bulk_create(
        Enrolment(
            target_group="individual",
            status="accepted",
            first_name="Osoba",
            last_name=str(n),
            sex="F" if n % 3 else "M",
            location=centre,
            support_start=datetime.date(2016, 1 + n % 12, 10),
        )
        for n in range(40)
    )
    grant = Grant.objects.create(
        entity=EntityFactory(), kind="grant", amount=46000, signed_on=datetime.date(2016, 11, 1)
    )
    job_checks_schedule(job=Job.objects.create(grant=grant, start_date=datetime.date(2016, 12, 1)))


def kadra():
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    user = UserFactory(roles=[accounts.ROLE_STAFF])
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("/intranet/kadra/wskazniki/?rok=2016", id="dashboard"),
        pytest.param("/intranet/kadra/wskazniki/?od=2016-12-31&do=2016-01-01", id="bad-period"),
        pytest.param("/intranet/kadra/wskazniki/lista/people/?rok=2016", id="records"),
        pytest.param("/intranet/kadra/wskazniki/monitoring-miejsc-pracy/", id="job-monitoring"),
        pytest.param("/intranet/raporty/roczny/2016/", id="annual-report"),
    ],
)
def test_indicator_pages_meet_wcag_21_aa(page, log_in, assert_accessible, data, path):
    log_in(page, kadra())
    assert page.goto(path).status == 200
    assert_accessible(page)


def test_the_support_path_page_meets_wcag_21_aa(page, log_in, assert_accessible, data):
    from intranet.models import Diagnosis, SupportItem
    from tests.factories.intranet import EnrolmentFactory

    enrolment = EnrolmentFactory(accepted=True)
    Diagnosis.objects.create(
        enrolment=enrolment, kind="broker", made_on=datetime.date(2026, 1, 5), findings="Ustalenia"
    )
    SupportItem.objects.create(
        enrolment=enrolment,
        kind="training",
        title="Warsztat",
        target_date=datetime.date(2026, 2, 1),
    )
    log_in(page, kadra())
    page.goto(f"/intranet/kadra/sciezki/{enrolment.pk}/")
    assert_accessible(page)
    page.click("text=Dodaj do ścieżki")  # the plan form, empty: errors
    page.wait_for_selector(".errorlist")
    assert_accessible(page)
    page.goto("/intranet/kadra/sciezki/")
    assert "Warsztat" in page.inner_text("main")
    assert_accessible(page)


def test_my_data_and_the_booking_pages_of_a_member_meet_wcag_21_aa(
    page, log_in, assert_accessible, data
):
    from tests.factories.intranet import BookingFactory, EnrolmentFactory

    enrolment = EnrolmentFactory(accepted=True)
    BookingFactory(member=enrolment.user, topic="Biznesplan")
    log_in(page, enrolment.user)
    page.goto("/intranet/moje-dane/")
    assert_accessible(page)
    page.goto("/intranet/konsultacje/")
    assert_accessible(page)
