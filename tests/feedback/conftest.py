import datetime

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from feedback.models import Audience, Question, QuestionKind, Survey
from portal import accounts
from tests.factories.events import EventIndexPageFactory, EventPageFactory, RegistrationFactory
from tests.factories.portal import LocationFactory, UserFactory

QUESTIONS = [
    ("Jak oceniasz wydarzenie?", QuestionKind.RATING, True),
    ("Czy poleciłbyś to wydarzenie innym?", QuestionKind.YES_NO, True),
    ("Co poprawić?", QuestionKind.TEXT, False),
]


def make_survey(title="Ankieta po spotkaniu", questions=QUESTIONS, **keys) -> Survey:
    keys = {"audience": Audience.EVENT, "event_kind": "animation"} | keys
    survey = Survey.objects.create(title=title, **keys)
    for order, (text, kind, required) in enumerate(questions):
        Question.objects.create(
            survey=survey, text=text, kind=kind, required=required, sort_order=order
        )
    return survey


def answer_data(survey, rating=5, yes=True, text=""):
    data = {}
    for question in survey.questions.all():
        if question.kind == QuestionKind.RATING:
            data[f"q{question.pk}"] = str(rating)
        elif question.kind == QuestionKind.YES_NO:
            data[f"q{question.pk}"] = "yes" if yes else "no"
        else:
            data[f"q{question.pk}"] = text
    return data


@pytest.fixture
def survey(db):
    return make_survey()


@pytest.fixture
def centre(db):
    return LocationFactory(name="Ośrodek w Kożuchowie")


@pytest.fixture
def past_event(home_page, centre):
    events = EventIndexPageFactory(parent=home_page)
    start = timezone.now() - datetime.timedelta(days=3)
    return EventPageFactory(
        parent=events,
        title="Spotkanie animacyjne w Kożuchowie",
        kind="animation",
        start=start,
        end=start + datetime.timedelta(hours=2),
        location=centre,
    )


@pytest.fixture
def present(past_event):
    """Four people marked present, one who did not come, one who cancelled."""
    people = [
        RegistrationFactory(event=past_event, attended=True, first_name="Łucja", last_name=name)
        for name in ("Żółkiewska", "Nowak", "Wiśniewska", "Zając")
    ]
    RegistrationFactory(event=past_event, attended=False, last_name="Nieobecny")
    RegistrationFactory(event=past_event, attended=True, status="cancelled", last_name="Wypisany")
    return people


@pytest.fixture
def kadra(db):
    user = UserFactory(roles=[accounts.ROLE_STAFF])
    TOTP.activate(user, generate_totp_secret())
    return user
