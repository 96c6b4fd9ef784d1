"""After enrolment: a confidential diagnosis and an individual support path."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from intranet.indicators.queries import Period, participants
from intranet.models import Diagnosis, SupportItem
from tests.factories.intranet import AdviserFactory, BookingFactory, EnrolmentFactory
from tests.factories.portal import LocationFactory, UserFactory
from tests.intranet.enrolment.test_enrolment_review import staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def participant():
    return EnrolmentFactory(accepted=True, first_name="Teresa", last_name="Ścieżkowa")


@pytest.fixture
def adviser(client):
    adviser = AdviserFactory(specialisations=["therapist"])
    client.force_login(adviser.user)
    return adviser


def url(enrolment):
    return reverse("support:path", args=(enrolment.pk,))


def test_a_therapist_diagnoses_and_plans_the_path(client, adviser, participant):
    client.post(
        url(participant),
        {
            "action": "diagnosis",
            "d-kind": "therapist",
            "d-made_on": timezone.localdate().isoformat(),
            "d-findings": "Niska samoocena, duża motywacja.",
            "d-strengths": "Doświadczenie w gastronomii.",
        },
    )
    diagnosis = Diagnosis.objects.get(enrolment=participant)
    assert diagnosis.author == adviser.user

    target = timezone.localdate() + datetime.timedelta(days=30)
    client.post(
        url(participant),
        {
            "action": "item",
            "i-kind": "training",
            "i-title": "Warsztat biznesplanu",
            "i-target_date": target.isoformat(),
        },
    )
    item = SupportItem.objects.get(enrolment=participant)
    assert (item.status, item.created_by) == ("planned", adviser.user)
    page = client.get(url(participant)).content.decode()
    assert "Niska samoocena" in page and "Warsztat biznesplanu" in page


def test_the_participant_sees_its_path_but_never_the_diagnosis(client, participant):
    Diagnosis.objects.create(
        enrolment=participant,
        kind="therapist",
        made_on=timezone.localdate(),
        findings="Poufne ustalenia terapeuty",
    )
    SupportItem.objects.create(
        enrolment=participant,
        kind="consultation",
        title="Konsultacja z doradcą biznesowym",
        target_date=timezone.localdate(),
    )
    client.force_login(participant.user)
    page = client.get(reverse("intranet:dashboard")).content.decode()
    assert "Moja ścieżka wsparcia" in page and "Konsultacja z doradcą biznesowym" in page
    assert "Poufne ustalenia terapeuty" not in page
    assert client.get(url(participant)).status_code == 403
    assert "Poufne" not in client.get(reverse("intranet:my_data")).content.decode()


def test_a_done_item_links_the_consultation_that_fulfilled_it_and_counts_as_support(
    client, adviser, participant
):
    item = SupportItem.objects.create(
        enrolment=participant,
        kind="consultation",
        title="Doradztwo",
        target_date=datetime.date(2026, 3, 1),
    )
    past = timezone.now() - datetime.timedelta(days=2)
    attended = BookingFactory(
        member=participant.user,
        start=past,
        end=past + datetime.timedelta(hours=1),
        status="attended",
    )
    foreign = BookingFactory(status="attended", start=past, end=past + datetime.timedelta(hours=1))
    data = {"action": "status", "item": item.pk, f"s{item.pk}-status": "done"}
    page = client.post(
        url(participant), data | {f"s{item.pk}-booking": foreign.pk}, follow=True
    ).content.decode()
    assert "Sprawdź status, datę i powiązania." in page  # not this participant's consultation
    item.refresh_from_db()
    assert item.status == "planned"

    client.post(url(participant), data | {f"s{item.pk}-booking": attended.pk})
    item.refresh_from_db()
    assert (item.status, item.booking, item.done_on) == ("done", attended, timezone.localdate())

    # Supported this year thanks to the done item, even with support started long ago.
    participant.support_start = datetime.date(2020, 1, 1)
    participant.save()
    year = timezone.localdate().year
    period = Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    assert participants(period)["people"] == 1


def test_done_cannot_be_dated_in_the_future(client, adviser, participant):
    item = SupportItem.objects.create(
        enrolment=participant, kind="training", title="Szkolenie", target_date=timezone.localdate()
    )
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    page = client.post(
        url(participant),
        {
            "action": "status",
            "item": item.pk,
            f"s{item.pk}-status": "done",
            f"s{item.pk}-done_on": tomorrow,
        },
        follow=True,
    ).content.decode()
    assert "Wsparcie nie może być zrealizowane w przyszłości." in page
    item.refresh_from_db()
    assert item.status == "planned"


def test_overdue_items_per_centre(client, adviser):
    here, there = LocationFactory(name="Świebodzin"), LocationFactory(name="Kożuchów")
    late = EnrolmentFactory(accepted=True, location=here, last_name="Spóźniona")
    other = EnrolmentFactory(accepted=True, location=there, last_name="Gdzieindziej")
    for enrolment in (late, other):
        SupportItem.objects.create(
            enrolment=enrolment,
            kind="internship",
            title="Staż",
            target_date=timezone.localdate() - datetime.timedelta(days=5),
        )
    SupportItem.objects.create(
        enrolment=late,
        kind="event",
        title="Seminarium",
        status="done",
        done_on=timezone.localdate(),
        target_date=timezone.localdate() - datetime.timedelta(days=9),
    )
    page = client.get(reverse("support:overdue"), {"osrodek": here.pk}).content.decode()
    assert "Spóźniona" in page and "Gdzieindziej" not in page and "Seminarium" not in page


def test_only_advisers_and_staff_diagnose_and_only_accepted_participants(client, participant):
    client.force_login(UserFactory())
    assert client.get(url(participant)).status_code == 403
    client.force_login(staff_user())
    assert client.get(url(participant)).status_code == 200
    assert client.get(url(EnrolmentFactory(submitted=True))).status_code == 404
