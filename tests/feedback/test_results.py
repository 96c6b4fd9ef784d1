"""Kadra's results: averages, answers, response rate, per event, kind, specialisation and
centre; free text readable; CSV/XLSX; never who answered."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from feedback import selectors, services
from feedback.models import Invitation
from tests.feedback.conftest import answer_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(client, survey, present):
    """Four people invited, three answered (ratings 5, 4, 2; yes, yes, no)."""
    services.invitations_send()
    answers = [
        (5, True, '=HYPERLINK("http://zlo.example")'),
        (4, True, "Więcej przerw"),
        (2, False, ""),
    ]
    for registration, (rating, yes, text) in zip(present, answers, strict=False):
        token = Invitation.objects.get(registration=registration).token
        client.post(
            reverse("feedback:survey", kwargs={"token": token}),
            answer_data(survey, rating=rating, yes=yes, text=text),
        )
    return present


def test_response_rate_and_averages_per_group(answered, past_event, centre):
    year = timezone.localdate().year

    data = selectors.results_for_year(year)

    assert (data["totals"].invitations, data["totals"].responses) == (4, 3)
    assert str(data["totals"].response_rate) == "75.0"
    for dimension, label in (
        ("events", "Spotkanie animacyjne w Kożuchowie"),
        ("kinds", "spotkanie animacyjne"),
        ("centres", "Ośrodek w Kożuchowie"),
    ):
        (group,) = data[dimension]
        assert group.label == label
        assert (group.invitations, group.responses, str(group.response_rate)) == (4, 3, "75.0")
        by_text = {q.text: q for q in group.questions}
        assert str(by_text["Jak oceniasz wydarzenie?"].average) == "3.67"
        assert by_text["Jak oceniasz wydarzenie?"].answers == 3
        assert str(by_text["Czy poleciłbyś to wydarzenie innym?"].yes_percent) == "66.7"
    assert data["specialisations"][0].label == "wydarzenia"  # events have no specialisation
    assert selectors.results_for_year(year - 1)["totals"].responses == 0


def test_the_results_page_shows_figures_and_free_text_but_never_who(client, kadra, answered):
    client.force_login(kadra)

    results = client.get(reverse("feedback:results")).content.decode()
    texts = client.get(reverse("feedback:text_answers")).content.decode()

    assert "75,0" in results and "3,67" in results  # Polish decimal commas
    assert "Więcej przerw" in texts
    for person in answered:
        for page in (results, texts):
            assert person.last_name not in page
            assert person.email not in page
    assert "Łucja" not in results + texts


def test_csv_and_xlsx_downloads_are_formula_safe(client, kadra, answered):
    client.force_login(kadra)

    kinds = client.get(reverse("feedback:export", args=["kinds", "csv"]))
    texts_csv = client.get(reverse("feedback:export", args=["texts", "csv"]))
    texts_xlsx = client.get(reverse("feedback:export", args=["texts", "xlsx"]))

    assert kinds["Content-Type"].startswith("text/csv")
    lines = kinds.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Grupa;Wysłane zaproszenia;Odpowiedzi;Odsetek odpowiedzi (%)")
    assert "spotkanie animacyjne;4;3;75.0;Jak oceniasz wydarzenie?;3;3.67;" in lines
    assert "'=HYPERLINK" in texts_csv.content.decode("utf-8-sig")
    sheet = load_workbook(io.BytesIO(texts_xlsx.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value]
    formula = next(cell for cell in cells if str(cell.value).startswith("=HYPERLINK"))
    assert formula.data_type == "s"
    assert "Więcej przerw" in [cell.value for cell in cells]
    for person in answered:
        assert person.last_name not in texts_csv.content.decode("utf-8-sig")


def test_an_unknown_table_or_format_is_not_found(client, kadra):
    client.force_login(kadra)

    assert client.get(reverse("feedback:export", args=["people", "csv"])).status_code == 404
    assert client.get(reverse("feedback:export", args=["kinds", "pdf"])).status_code == 404


@pytest.mark.parametrize("year", ["1999", "abc", "²", "99999999999999999999999"], ids=str)
def test_a_strange_year_shows_the_current_one(client, kadra, year):
    client.force_login(kadra)

    response = client.get(reverse("feedback:results"), {"rok": year})

    assert response.status_code == 200
    assert f"Ankiety {timezone.localdate().year}" in response.content.decode()


def test_the_results_take_a_fixed_number_of_queries(
    client, kadra, answered, django_assert_max_num_queries
):
    client.force_login(kadra)
    with django_assert_max_num_queries(30):
        client.get(reverse("feedback:results"))
