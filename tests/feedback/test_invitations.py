"""Invitations: e-mailed once to the people who came (events and consultations)."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from feedback import services
from feedback.models import Audience, Invitation
from intranet.models import Specialisation
from tests.factories.intranet import BookingFactory
from tests.feedback.conftest import make_survey
from tests.mail import delivered

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultations(centre):
    make_survey("Po konsultacji", audience=Audience.CONSULTATION, event_kind="")
    start = timezone.now() - datetime.timedelta(days=1, hours=2)
    took_place = BookingFactory(
        start=start, end=start + datetime.timedelta(hours=1), status="attended", location=centre
    )
    BookingFactory(start=start, end=start + datetime.timedelta(hours=1), status="no_show")
    upcoming = timezone.now() + datetime.timedelta(days=1)
    BookingFactory(start=upcoming, end=upcoming + datetime.timedelta(hours=1), status="booked")
    return took_place


def test_the_people_who_came_get_one_link_however_often_the_job_runs(
    survey, present, consultations
):
    call_command("send_feedback_invitations")
    call_command("send_feedback_invitations")
    services.invitations_send()

    messages = delivered()
    recipients = sorted(address for message in messages for address in message.to)
    expected = sorted([r.email for r in present] + [consultations.member.email])
    assert recipients == expected
    tokens = set(Invitation.objects.values_list("token", flat=True))
    assert len(tokens) == 5
    for message in messages:
        assert any(f"/ankieta/{token}/" in message.body for token in tokens)
        assert "Link działa jeden raz." in message.body
    # Once sent, the invitation keeps no address.
    assert set(Invitation.objects.values_list("email", flat=True)) == {""}
    event_mail = next(m for m in messages if m.to == [present[0].email])
    assert "Spotkanie animacyjne w Kożuchowie" in event_mail.subject


def test_the_link_for_the_thank_you_mail_is_made_once_and_not_mailed_again(survey, present):
    first = services.survey_url_for_registration(present[0])
    second = services.survey_url_for_registration(present[0])

    sent = services.invitations_send()

    assert first == second and "/ankieta/" in first
    assert Invitation.objects.filter(registration=present[0]).count() == 1
    assert sent == 3  # the three others; the first person's link went with the thank-you
    assert present[0].email not in [a for m in delivered() for a in m.to]


def test_no_link_for_someone_who_did_not_come(survey, past_event, present):
    from events.models import Registration

    absent = Registration.objects.get(last_name="Nieobecny")

    assert services.survey_url_for_registration(absent) is None


def test_a_kind_of_event_without_a_survey_gets_no_invitation(present):
    assert services.invitations_send() == 0
    assert services.survey_url_for_registration(present[0]) is None


def test_the_survey_of_the_specialisation_wins_over_the_general_one(centre):
    general = make_survey("Ogólna", audience=Audience.CONSULTATION, event_kind="")
    legal = Specialisation.objects.get(code="legal")
    own = make_survey("Prawna", audience=Audience.CONSULTATION, event_kind="", specialisation=legal)
    start = timezone.now() - datetime.timedelta(days=2)
    for code in ("legal", "business"):
        BookingFactory(
            specialisation=Specialisation.objects.get(code=code),
            start=start,
            end=start + datetime.timedelta(hours=1),
            status="attended",
        )
        start += datetime.timedelta(hours=2)

    services.invitations_send()

    by_code = {i.specialisation.code: i.survey for i in Invitation.objects.all()}
    assert by_code == {"legal": own, "business": general}


def test_the_survey_of_the_kind_of_event_wins_over_the_general_one(present):
    general = make_survey("Ogólna", event_kind="")
    own = make_survey("Animacja", event_kind="animation")

    services.invitations_send()

    assert set(Invitation.objects.values_list("survey", flat=True)) == {own.pk}
    assert general.invitations.count() == 0


def test_the_thank_you_after_the_event_carries_the_survey_link_and_no_second_mail_follows(
    survey, present
):
    call_command("send_thank_yous")
    call_command("send_feedback_invitations")

    messages = delivered()
    to_first = [m for m in messages if m.to == [present[0].email]]
    assert len(to_first) == 1  # the thank-you only: the survey came with it
    token = Invitation.objects.get(registration=present[0]).token
    assert f"/ankieta/{token}/" in to_first[0].body
    assert "/zaswiadczenia/" in to_first[0].body
