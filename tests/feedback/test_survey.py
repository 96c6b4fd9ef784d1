"""The survey behind a single-use link: it works once, stores no person, shows errors."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from feedback import services
from feedback.models import Answer, Audience, Invitation, QuestionKind, Response
from tests.factories.intranet import BookingFactory
from tests.feedback.conftest import answer_data, make_survey

pytestmark = pytest.mark.django_db


def test_a_survey_link_works_once(client, survey, present):
    url = services.survey_url_for_registration(present[0])
    path = url.removeprefix("http://testserver").split("testserver")[-1]
    path = path[path.index("/ankieta/") :]

    form = client.get(path)
    sent = client.post(path, answer_data(survey, rating=4, text="Więcej przerw"))
    again = client.get(path)
    twice = client.post(path, answer_data(survey, rating=1))

    page = form.content.decode()
    assert "<legend>Jak oceniasz wydarzenie?" in page
    assert "<legend>Czy poleciłbyś to wydarzenie innym?" in page
    assert "Spotkanie animacyjne w Kożuchowie" in page
    assert sent.status_code == 302 and sent.url == reverse("feedback:thanks")
    assert "Dziękujemy za odpowiedzi" in client.get(sent.url).content.decode()
    assert "Ta ankieta została już wypełniona" in again.content.decode()
    assert "Ta ankieta została już wypełniona" in twice.content.decode()
    assert Response.objects.count() == 1
    assert sorted(Answer.objects.values_list("rating", flat=True), key=str) == [4, None, None]
    assert Answer.objects.get(kind=QuestionKind.TEXT).text == "Więcej przerw"
    assert Answer.objects.get(kind=QuestionKind.YES_NO).yes is True
    assert "no-store" in form["Cache-Control"]


def test_a_missing_answer_shows_the_error_summary_and_keeps_the_link_unused(
    client, survey, present
):
    invitation = _invitation(present[0])
    path = reverse("feedback:survey", kwargs={"token": invitation.token})
    rating = survey.questions.get(kind=QuestionKind.RATING)

    response = client.post(path, {})

    page = response.content.decode()
    assert response.status_code == 200
    assert "data-error-summary" in page
    assert f'href="#id_q{rating.pk}_0"' in page
    assert "Wybierz ocenę od 1 do 5." in page
    assert "Wybierz „tak” albo „nie”." in page
    assert "<title>Błąd:" in page
    assert Response.objects.count() == 0
    invitation.refresh_from_db()
    assert not invitation.used


@pytest.mark.parametrize("token", ["nie-ma-takiego", "x" * 43, "a\x00b"], ids=str)
def test_a_made_up_link_is_not_found(client, survey, token):
    assert client.get(f"/ankieta/{token}/").status_code == 404


def _invitation(registration):
    services.survey_url_for_registration(registration)
    return Invitation.objects.get(registration=registration)


def test_the_response_tables_hold_nothing_that_leads_to_a_person():
    """No column of a response or an answer points at an invitation, a registration, a
    booking or an account, or holds a time precise enough to match one."""
    person_tables = {
        "feedback_invitation",
        "events_registration",
        "intranet_booking",
        "portal_user",
        "intranet_enrolment",
    }
    for model in (Response, Answer):
        for field in model._meta.concrete_fields:
            target = field.related_model._meta.db_table if field.related_model else None
            assert target not in person_tables, (model.__name__, field.name)
            assert field.get_internal_type() != "DateTimeField", (model.__name__, field.name)
        with connection.cursor() as cursor:
            columns = [
                column.name
                for column in connection.introspection.get_table_description(
                    cursor, model._meta.db_table
                )
            ]
        for column in columns:
            assert not any(
                word in column
                for word in ("invitation", "registration", "booking", "user", "email", "token")
            ), column
            assert not column.endswith("_at"), column


def test_a_consultation_answer_keeps_only_the_month(client, centre):
    from intranet.models import Specialisation

    legal = Specialisation.objects.get(code="legal")
    survey = make_survey(
        "Po konsultacji", audience=Audience.CONSULTATION, event_kind="", specialisation=legal
    )
    start = timezone.now() - datetime.timedelta(days=2)
    booking = BookingFactory(
        specialisation=legal,
        location=centre,
        start=start,
        end=start + datetime.timedelta(hours=1),
        status="attended",
    )
    services.invitations_send()
    invitation = Invitation.objects.get(booking=booking)

    client.post(reverse("feedback:survey", kwargs={"token": invitation.token}), answer_data(survey))

    response = Response.objects.get()
    assert response.held_on == timezone.localtime(start).date().replace(day=1)
    assert response.specialisation == legal and response.location == centre
    assert response.event_id is None


def test_kadra_edit_a_survey_with_its_questions_in_the_admin(client, kadra):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    from feedback.models import Survey

    client.force_login(kadra)
    questions = [
        {"text": "Ocena ogólna", "kind": "rating", "required": "on"},
        {"text": "Czy poleciłbyś to wydarzenie innym?", "kind": "yes_no", "required": "on"},
        {"text": "Uwagi", "kind": "text"},
    ]
    data = nested_form_data(
        {
            "title": "Po seminarium",
            "audience": "event",
            "event_kind": "networking_seminar",
            "specialisation": "",
            "intro": "",
            "questions": inline_formset(questions),
        }
    )

    response = client.post(reverse("wagtailsnippets_feedback_survey:add"), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    survey = Survey.objects.get(title="Po seminarium")
    assert [q.text for q in survey.questions.all()] == [q["text"] for q in questions]
    too_few = nested_form_data(
        {
            **{k: v for k, v in data.items() if not k.startswith("questions")},
            "title": "Za mało",
            "event_kind": "workshop",
            "questions": inline_formset(questions[:2]),
        }
    )
    refused = client.post(reverse("wagtailsnippets_feedback_survey:add"), too_few)
    assert refused.status_code == 200  # the form again: at least three questions
    assert not Survey.objects.filter(title="Za mało").exists()
