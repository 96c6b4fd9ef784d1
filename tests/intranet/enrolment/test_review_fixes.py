"""Holes a review of this session's code found, each closed and kept closed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from directory.models import Representative
from intranet.grants.monitoring import GrantError, job_check_record
from intranet.models import Grant, Job
from tests.factories.directory import EntityFactory
from tests.factories.intranet import AdviserFactory, BookingFactory, EnrolmentFactory
from tests.factories.portal import UserFactory
from tests.intranet.enrolment.test_enrolment_review import staff_user

pytestmark = pytest.mark.django_db


def test_changing_the_delegating_entity_needs_a_new_confirmation(client):
    first, second = EntityFactory(nip="5272525995"), EntityFactory(nip="1234563218")
    for entity in (first, second):
        Representative.objects.create(user=UserFactory(), entity=entity, status="approved")
    enrolment = EnrolmentFactory(
        target_group="delegated_person",
        delegating_entity=first,
        delegation_confirmed_at=timezone.now(),
        status="needs_corrections",
        steps_done=5,
    )
    client.force_login(enrolment.user)
    client.post(reverse("enrolment:step", args=(enrolment.pk, 1)), {"entity_number": "1234563218"})
    enrolment.refresh_from_db()
    assert enrolment.delegating_entity == second
    assert enrolment.delegation_pending


def test_without_the_permission_pesel_cannot_be_guessed_through_the_search(client):
    enrolment = EnrolmentFactory(submitted=True, last_name="Ukryta")
    client.force_login(staff_user())
    page = client.post(
        reverse("enrolment_staff:queue"), {"q": enrolment.pesel[:6]}, follow=True
    ).content.decode()
    assert "Ukryta" not in page


def test_an_outcome_cannot_revive_a_cancelled_consultation(client):
    adviser = AdviserFactory()
    past = timezone.now() - datetime.timedelta(hours=3)
    booking = BookingFactory(
        adviser=adviser, start=past, end=past + datetime.timedelta(hours=1), status="cancelled"
    )
    client.force_login(adviser.user)
    page = client.post(
        reverse("bookings_staff:outcome", args=(booking.pk,)),
        {"status": "attended", "actual_minutes": 60},
        follow=True,
    ).content.decode()
    assert "Ta konsultacja została odwołana." in page
    booking.refresh_from_db()
    assert booking.status == "cancelled"


def test_a_recorded_job_check_is_not_overwritten():
    grant = Grant.objects.create(
        entity=EntityFactory(), kind="grant", amount=1, signed_on=datetime.date(2025, 1, 1)
    )
    job = Job.objects.create(grant=grant, start_date=datetime.date(2025, 1, 1))
    check = job.checks.create(due_on=datetime.date(2025, 4, 1), result="lost")
    with pytest.raises(GrantError):
        job_check_record(check=check, result="maintained", note="", user=None)
    check.refresh_from_db()
    assert check.result == "lost"


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("bookings_staff:calendar", {"dzien": "9999-12-31"}),
        ("indicators:dashboard", {"od": "9999-12-01", "do": "9999-12-31"}),
        ("bookings_staff:desk", {"osrodek": "²"}),
        ("support:overdue", {"osrodek": "²"}),
    ],
    ids=["calendar-year-9999", "indicators-year-9999", "desk-superscript", "paths-superscript"],
)
def test_out_of_range_dates_and_odd_digits_never_give_a_500(client, url, params):
    client.force_login(staff_user())
    assert client.get(reverse(url), params).status_code in (200, 404)
