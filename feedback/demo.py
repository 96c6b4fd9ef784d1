"""Demo surveys and answers for `manage.py seed_demo`: `seed_feedback()` after the events
and advisers are seeded. Idempotent: a second run adds nothing."""

import random

from django.db import transaction
from django.utils import timezone

from events.models import EventKind, Registration
from feedback import selectors, services
from feedback.models import Audience, Invitation, QuestionKind, Survey
from intranet.models import Booking

RECOMMEND = "Czy poleciłbyś to wydarzenie innym?"
EVENT_QUESTIONS = [
    ("Jak oceniasz wydarzenie jako całość?", QuestionKind.RATING, True),
    ("Na ile przydatne były dla Ciebie przekazane informacje?", QuestionKind.RATING, True),
    ("Jak oceniasz organizację (miejsce, czas, materiały)?", QuestionKind.RATING, True),
    (RECOMMEND, QuestionKind.YES_NO, True),
    ("Co możemy zrobić lepiej następnym razem?", QuestionKind.TEXT, False),
]
CONSULTATION_QUESTIONS = [
    ("Jak oceniasz konsultację jako całość?", QuestionKind.RATING, True),
    ("Czy doradca odpowiedział na Twoje pytania?", QuestionKind.YES_NO, True),
    ("Czy poleciłbyś tę konsultację innym?", QuestionKind.YES_NO, True),
    ("Co jeszcze chcesz nam przekazać?", QuestionKind.TEXT, False),
]
COMMENTS = [
    "Więcej przykładów z naszego powiatu.",
    "Za krótka przerwa kawowa.",
    "Bardzo dobry prowadzący, chętnie przyjdę znowu.",
    "Prosimy o materiały w wersji elektronicznej.",
    "",
]
RESPONSE_SHARE = 0.6  # about this share of the people invited answer in the demo


def _survey(title: str, questions, **keys) -> Survey:
    survey = Survey.objects.filter(**keys).first()
    if survey is None:
        survey = Survey(title=title, **keys)
        for text, kind, required in questions:
            survey.questions.add(survey.questions.model(text=text, kind=kind, required=required))
        survey.save()
    return survey


def seed_surveys() -> int:
    before = Survey.objects.count()
    for kind in EventKind:
        _survey(
            f"Ankieta po wydarzeniu: {kind.label}",
            EVENT_QUESTIONS,
            audience=Audience.EVENT,
            event_kind=kind.value,
        )
    _survey(
        "Ankieta po konsultacji",
        CONSULTATION_QUESTIONS,
        audience=Audience.CONSULTATION,
        specialisation=None,
    )
    return Survey.objects.count() - before


def _value(kind: str, generator: random.Random):
    if kind == QuestionKind.RATING:
        return generator.choices([2, 3, 4, 5], weights=[1, 3, 6, 5])[0]
    if kind == QuestionKind.YES_NO:
        return generator.random() < 0.85
    return generator.choice(COMMENTS)


@transaction.atomic
def seed_feedback() -> int:
    """Surveys for every kind of event and for consultations; invitations for everyone
    marked present at a past demo event (or after an attended consultation) and answers
    from about 60 % of them. No e-mail is queued. Returns the number of answers added."""
    seed_surveys()
    if Invitation.objects.exists():
        return 0
    generator = random.Random(21)
    now = timezone.now()
    invitations = []
    registrations = Registration.objects.filter(
        status=Registration.Status.CONFIRMED, attended=True, occurrence_date__lt=now.date()
    ).select_related("event")
    for registration in registrations.order_by("pk"):
        survey = selectors.survey_for_event_kind(registration.event.kind)
        invitations.append(
            services._invitation_get_or_create(
                survey=survey,
                email=registration.email,
                registration=registration,
                **services._registration_facts(registration),
            )
        )
    for booking in Booking.objects.filter(status=Booking.Status.ATTENDED, end__lt=now):
        survey = selectors.survey_for_specialisation(booking.specialisation_id)
        invitations.append(
            services._invitation_get_or_create(
                survey=survey,
                email=booking.visitor_email,
                booking=booking,
                **services._booking_facts(booking),
            )
        )
    Invitation.objects.filter(pk__in=[i.pk for i in invitations]).update(sent_at=now, email="")
    answered = 0
    for invitation in invitations:
        if generator.random() >= RESPONSE_SHARE:
            continue
        questions = selectors.questions_of(invitation.survey)
        answers = {question: _value(question.kind, generator) for question in questions}
        services.response_submit(token=invitation.token, answers=answers)
        answered += 1
    return answered
