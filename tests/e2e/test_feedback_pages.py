"""The survey (empty, with its error summary, answered), the "already filled in" page and
Kadra's results pass axe-core at desktop width and on a 360 px phone."""

import pytest
from django.urls import reverse

from feedback import services
from feedback.models import Invitation
from tests.feedback.conftest import QUESTIONS, make_survey

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VIEWPORTS = pytest.mark.parametrize(
    "viewport",
    [{"width": 1280, "height": 800}, {"width": 360, "height": 740}],
    ids=["desktop", "360px"],
)


@pytest.fixture
def survey_path(home_page):
    import datetime

    from django.utils import timezone

    from tests.factories.events import (
        EventIndexPageFactory,
        EventPageFactory,
        RegistrationFactory,
    )

    make_survey(questions=QUESTIONS)
    start = timezone.now() - datetime.timedelta(days=2)
    event = EventPageFactory(
        parent=EventIndexPageFactory(parent=home_page),
        start=start,
        end=start + datetime.timedelta(hours=2),
    )
    registration = RegistrationFactory(event=event, attended=True)
    services.survey_url_for_registration(registration)
    token = Invitation.objects.get(registration=registration).token
    return reverse("feedback:survey", kwargs={"token": token})


@VIEWPORTS
def test_the_survey_and_its_error_state_meet_wcag_21_aa(page, assert_accessible, survey_path):
    assert page.goto(survey_path).status == 200
    assert_accessible(page)

    page.get_by_role("button", name="Wyślij odpowiedzi").click()
    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert "Wybierz ocenę od 1 do 5." in summary.inner_text()
    assert_accessible(page)

    page.get_by_role("group", name="Jak oceniasz wydarzenie?").get_by_label("4").check()
    page.get_by_role("group", name="Czy poleciłbyś to wydarzenie innym?").get_by_label(
        "Tak"
    ).check()
    page.get_by_label("Co poprawić?").fill("Więcej przerw")
    page.get_by_role("button", name="Wyślij odpowiedzi").click()
    page.get_by_role("heading", name="Dziękujemy za odpowiedzi").wait_for()
    assert_accessible(page)

    page.goto(survey_path)
    page.get_by_role("heading", name="Ta ankieta została już wypełniona").wait_for()
    assert_accessible(page)


@VIEWPORTS
def test_the_results_pages_meet_wcag_21_aa(page, log_in, assert_accessible, survey_path):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.test import Client

    from feedback.models import Survey
    from portal import accounts
    from tests.factories.portal import UserFactory
    from tests.feedback.conftest import answer_data

    Client().post(survey_path, answer_data(Survey.objects.get(), rating=3, text="Za krótko"))
    kadra = UserFactory(roles=[accounts.ROLE_STAFF])
    TOTP.activate(kadra, generate_totp_secret())
    log_in(page, kadra)
    for path in (reverse("feedback:results"), reverse("feedback:text_answers")):
        assert page.goto(path).status == 200
        assert_accessible(page)
    assert "Za krótko" in page.content()
