"""One answer per link under concurrent submissions (PostgreSQL).

The first test shows the race is real: with the guard (a conditional UPDATE of the
invitation in the transaction that stores the answers) switched off, two submissions of
one link both get in. The second shows that with it, exactly one does and the other sees
the polite "already filled in" page.
"""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from feedback import services
from feedback.models import Invitation, Response
from tests.feedback.conftest import answer_data, make_survey

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks are a PostgreSQL guarantee; CI runs this with DATABASE_URL set",
    ),
]


@pytest.fixture(autouse=True)
def slow_database(monkeypatch):
    """Widen the race window the way a loaded server would: reading the invitation takes
    200 ms longer, with and without the guard."""
    read = services._invitation_for

    def slow_read(token):
        invitation = read(token)
        time.sleep(0.2)
        return invitation

    monkeypatch.setattr(services, "_invitation_for", slow_read)


def submit_twice(present):
    survey = make_survey()
    services.survey_url_for_registration(present[0])
    token = Invitation.objects.get(registration=present[0]).token
    url = reverse("feedback:survey", kwargs={"token": token})
    data = answer_data(survey)
    barrier = threading.Barrier(2)

    def submit(_number):
        barrier.wait()
        try:
            response = Client().post(url, data)
            return response.status_code, "Ta ankieta została już wypełniona" in (
                response.content.decode()
            )
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(submit, range(2)))


def test_without_the_guard_two_submissions_of_one_link_both_get_in(present, monkeypatch):
    monkeypatch.setattr(services, "CLAIM_WITH_CONDITIONAL_UPDATE", False)

    outcomes = submit_twice(present)

    print(f"without the guard: {Response.objects.count()} responses from one link")
    assert outcomes == [(302, False), (302, False)]
    assert Response.objects.count() == 2


def test_two_concurrent_submissions_of_one_link_store_one_answer(present):
    outcomes = submit_twice(present)

    assert sorted(outcomes) == [(200, True), (302, False)]
    assert Response.objects.count() == 1
    assert Invitation.objects.get(registration=present[0]).used
