"""The grant award procedure: an entity applies, the committee declares and scores, the
ranking follows the average, Kadra decide, the applicant may appeal; an award is a Grant."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from intranet.models import Application, CommitteeMember, Grant, GrantCall, Score
from tests.factories import files
from tests.factories.directory import EntityFactory
from tests.factories.intranet import AdviserFactory
from tests.factories.portal import UserFactory
from tests.intranet.enrolment.test_enrolment_review import staff_user
from tests.intranet.grants.conftest import PLAN, apply, close

pytestmark = pytest.mark.django_db


def test_an_entity_applies_with_a_business_plan_and_attachments(client, call, applicant):
    application = apply(client, call, applicant)
    url = reverse("calls:application", args=(application.pk,))
    page = client.post(url, {"action": "submit"}, follow=True).content.decode()
    assert "Uzupełnij:" in page  # an empty plan cannot be submitted
    client.post(url, PLAN)

    fake = SimpleUploadedFile(
        "biznesplan.pdf", b"<html><script>alert(1)</script>", "application/pdf"
    )
    page = client.post(url, {"action": "attach", "file": fake}, follow=True).content.decode()
    assert "nie odpowiada jego typowi (biznesplan.pdf)" in page
    real = SimpleUploadedFile("biznesplan.pdf", files.pdf_bytes(), "application/pdf")
    client.post(url, {"action": "attach", "file": real})
    assert application.attachments.count() == 1

    page = client.post(url, {"action": "submit"}, follow=True).content.decode()
    assert "Wniosek złożony." in page
    application.refresh_from_db()
    assert application.status == "submitted" and application.jobs_planned == 3

    # Only its own representatives and the evaluators may open it.
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    attachment = application.attachments.get()
    assert client.get(reverse("calls:attachment", args=(attachment.pk,))).status_code == 404


def test_only_a_representative_applies_and_only_while_the_call_is_open(client, call, applicant):
    stranger = UserFactory()
    client.force_login(stranger)
    client.post(reverse("calls:list"), {"call": call.pk, "entity": applicant[1].pk})
    assert not Application.objects.exists()
    call.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    call.save()
    client.force_login(applicant[0])
    assert (
        client.post(reverse("calls:list"), {"call": call.pk, "entity": applicant[1].pk}).status_code
        == 404
    )


def test_committee_declares_scores_ranks_kadra_decide_and_the_award_is_a_grant(
    client, call, applicant
):
    application = apply(client, call, applicant)
    url = reverse("calls:application", args=(application.pk,))
    client.post(url, PLAN)
    client.post(url, {"action": "submit"})
    other = Application.objects.create(
        call=call,
        entity=EntityFactory(name="Fundacja Druga"),
        status="submitted",
        submitted_at=timezone.now(),
        amount_requested=30000,
    )
    first, second, conflicted = (AdviserFactory().user for _ in range(3))
    for user in (first, second, conflicted):
        CommitteeMember.objects.create(call=call, user=user)
    criteria = list(call.criteria.order_by("pk"))
    evaluate = reverse("calls:evaluate", args=(application.pk,))

    client.force_login(first)
    page = client.post(
        evaluate,
        {"action": "score", f"c{criteria[0].pk}": 25, f"c{criteria[1].pk}": 15},
        follow=True,
    ).content.decode()
    assert not Score.objects.exists()  # no declaration yet
    client.post(evaluate, {"action": "declare", "has_conflict": "0"})
    page = client.post(
        evaluate,
        {"action": "score", f"c{criteria[0].pk}": 31, f"c{criteria[1].pk}": 15},
        follow=True,
    ).content.decode()
    assert not Score.objects.exists()  # 31 is above the maximum of 30
    client.post(evaluate, {"action": "score", f"c{criteria[0].pk}": 25, f"c{criteria[1].pk}": 15})
    client.force_login(second)
    client.post(evaluate, {"action": "declare", "has_conflict": "0"})
    client.post(evaluate, {"action": "score", f"c{criteria[0].pk}": 20, f"c{criteria[1].pk}": 10})
    client.force_login(conflicted)
    client.post(evaluate, {"action": "declare", "has_conflict": "1"})
    page = client.post(
        evaluate,
        {"action": "score", f"c{criteria[0].pk}": 30, f"c{criteria[1].pk}": 20},
        follow=True,
    ).content.decode()
    assert "Zadeklarowałeś/aś konflikt interesów: nie oceniasz tego wniosku." in page
    assert Score.objects.filter(member=conflicted).count() == 0
    client.force_login(first)
    client.post(
        reverse("calls:evaluate", args=(other.pk,)), {"action": "declare", "has_conflict": "0"}
    )
    client.post(
        reverse("calls:evaluate", args=(other.pk,)),
        {"action": "score", f"c{criteria[0].pk}": 10, f"c{criteria[1].pk}": 5},
    )

    kadra = staff_user()
    client.force_login(kadra)
    early = client.post(
        evaluate,
        {"action": "decide", "decision": "awarded", "justification": "Za wcześnie."},
        follow=True,
    ).content.decode()
    assert "Decyzje zapadają po zamknięciu naboru." in early
    close(call)
    ranking = client.get(reverse("calls:ranking", args=(call.pk,))).content.decode()
    assert ranking.index("Spółdzielnia Socjalna Kawa") < ranking.index("Fundacja Druga")
    assert "35,00" in ranking or "35.00" in ranking  # (40 + 30) / 2

    page = client.post(
        evaluate, {"action": "decide", "decision": "awarded", "justification": ""}, follow=True
    ).content.decode()
    application.refresh_from_db()
    assert application.status == "submitted"
    client.post(
        evaluate, {"action": "decide", "decision": "awarded", "justification": "Najwyżej oceniony."}
    )
    application.refresh_from_db()
    assert application.status == "awarded"
    grants = {g.kind: g.amount for g in Grant.objects.filter(entity=application.entity)}
    assert grants == {"grant": 69000, "bridging": 18000}

    client.force_login(first)  # a committee member cannot decide
    response = client.post(
        reverse("calls:evaluate", args=(other.pk,)),
        {"action": "decide", "decision": "awarded", "justification": "x"},
    )
    assert response.status_code == 403
    client.force_login(UserFactory())
    assert client.get(reverse("calls:ranking", args=(call.pk,))).status_code == 403


def test_a_rejected_applicant_may_appeal_within_the_deadline(client, call, applicant):
    application = apply(client, call, applicant)
    Application.objects.filter(pk=application.pk).update(
        status="rejected",
        justification="Za mało miejsc pracy.",
        decided_at=timezone.now() - datetime.timedelta(days=2),
    )
    url = reverse("calls:application", args=(application.pk,))
    page = client.get(url).content.decode()
    assert "Za mało miejsc pracy." in page and "Możesz się odwołać do" in page
    client.post(url, {"action": "appeal", "text": "Plan przewiduje 3 etaty."})
    application.refresh_from_db()
    assert application.appealed_at is not None

    late = apply(
        client,
        GrantCall.objects.create(
            title="Drugi",
            number="2/2026",
            opens_on=call.opens_on,
            closes_on=call.closes_on,
            budget=1,
        ),
        applicant,
    )
    Application.objects.filter(pk=late.pk).update(
        status="rejected",
        justification="Nie.",
        decided_at=timezone.now() - datetime.timedelta(days=30),
    )
    page = client.post(
        reverse("calls:application", args=(late.pk,)),
        {"action": "appeal", "text": "Proszę."},
        follow=True,
    ).content.decode()
    assert "Termin na odwołanie minął." in page


def test_scores_stay_hidden_until_the_ranking_is_published(client, call, applicant):
    application = apply(client, call, applicant)
    Application.objects.filter(pk=application.pk).update(status="submitted")
    member = AdviserFactory().user
    CommitteeMember.objects.create(call=call, user=member)
    client.force_login(member)
    evaluate = reverse("calls:evaluate", args=(application.pk,))
    client.post(evaluate, {"action": "declare", "has_conflict": "0"})
    criteria = list(call.criteria.order_by("pk"))
    client.post(evaluate, {"action": "score", f"c{criteria[0].pk}": 21, f"c{criteria[1].pk}": 17})

    kadra = staff_user()
    client.force_login(kadra)
    close(call)
    page = client.post(reverse("calls:publish", args=(call.pk,)), follow=True).content.decode()
    assert "Zdecyduj o każdym złożonym wniosku" in page
    client.post(
        evaluate, {"action": "decide", "decision": "reserve", "justification": "Lista rezerwowa."}
    )

    client.force_login(applicant[0])
    mine = reverse("calls:application", args=(application.pk,))
    page = client.get(mine).content.decode()
    # No score before publication (looked for in the text: a CSRF token may hold "38").
    assert "Lista rezerwowa." in page and not re.search(r"\b38\b", re.sub(r"<[^>]+>", " ", page))

    client.force_login(kadra)
    client.post(reverse("calls:publish", args=(call.pk,)))
    client.force_login(applicant[0])
    page = client.get(mine).content.decode()
    assert "Miejsce w rankingu: 1, średnia ocena: 38" in page


def test_the_ranking_and_the_path_use_the_same_queries_for_3_or_30_records(
    client, call, django_assert_max_num_queries
):
    from intranet.models import SupportItem
    from tests.factories.intranet import EnrolmentFactory

    member = AdviserFactory().user
    CommitteeMember.objects.create(call=call, user=member)
    criterion = call.criteria.first()
    participant = EnrolmentFactory(accepted=True)

    def add(count):
        for _ in range(count):
            application = Application.objects.create(
                call=call, entity=EntityFactory(), status="submitted"
            )
            Score.objects.create(
                application=application, member=member, criterion=criterion, points=10
            )
            SupportItem.objects.create(
                enrolment=participant,
                kind="training",
                title="Szkolenie",
                target_date=timezone.localdate(),
            )

    client.force_login(staff_user())
    add(3)
    ranking_url = reverse("calls:ranking", args=(call.pk,))
    path_url = reverse("support:path", args=(participant.pk,))
    with django_assert_max_num_queries(30) as ranking_small:
        client.get(ranking_url)
    with django_assert_max_num_queries(40) as path_small:
        client.get(path_url)
    add(27)
    with django_assert_max_num_queries(len(ranking_small.captured_queries)):
        client.get(ranking_url)
    with django_assert_max_num_queries(len(path_small.captured_queries)):
        client.get(path_url)


def test_a_forged_call_or_entity_id_is_a_404_not_a_500(client, call, applicant):
    client.force_login(applicant[0])
    for forged in ("abc", "²", "-1", ""):
        response = client.post(reverse("calls:list"), {"call": forged, "entity": "1"})
        assert response.status_code == 404
