"""A submitted application is never changed afterwards: the save and the submit take the
application's row lock (`application_lock`). With that lock alone switched off, a save
sent while the submit is under way lands after it; with it on, the save is refused.

They need a real PostgreSQL server (CI sets DATABASE_URL); SQLite serialises writers.
"""

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.test import Client
from django.urls import reverse

from intranet.grants import services as call_services
from intranet.models import Application
from tests.intranet.grants.conftest import PLAN, apply

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL in CI"),
]

CHANGED = "Zmienione po złożeniu"


@pytest.mark.parametrize("locked", [False, True], ids=["lock-off", "lock-on"])
def test_a_save_arriving_during_the_submit_is_refused_and_changes_nothing(
    client, call, applicant, monkeypatch, locked
):
    if not locked:
        monkeypatch.setattr(
            call_services,
            "application_lock",
            lambda application: Application.objects.get(pk=application.pk),
        )
    application = apply(client, call, applicant)
    url = reverse("calls:application", args=(application.pk,))
    client.post(url, PLAN)
    submitting, saved = threading.Event(), {}

    # The submit holds its transaction open a moment after changing the status, the way a
    # slow request would; the save is sent in exactly that moment.
    submit = call_services.application_submit

    def slow_submit(**kwargs):
        with transaction.atomic():
            result = submit(**kwargs)
            submitting.set()
            time.sleep(0.5)
        return result

    monkeypatch.setattr(call_services, "application_submit", slow_submit)

    def save_during_the_submit():
        submitting.wait(5)
        other = Client()
        other.force_login(applicant[0])
        response = other.post(url, {**PLAN, "summary": CHANGED}, follow=True)
        saved["page"] = response.content.decode()
        connections.close_all()

    saver = threading.Thread(target=save_during_the_submit)
    saver.start()
    page = client.post(url, {"action": "submit"}, follow=True).content.decode()
    saver.join()

    assert "Wniosek złożony." in page
    application.refresh_from_db()
    assert application.status == "submitted"
    if not locked:
        # The save read the draft before the submit committed and wrote after it: the
        # committee would score a text the applicant changed after the deadline.
        assert "Złożonego wniosku nie można zmieniać." not in saved["page"]
        assert application.summary == CHANGED
        return
    assert "Złożonego wniosku nie można zmieniać." in saved["page"]
    assert application.summary == PLAN["summary"]
