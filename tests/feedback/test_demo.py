"""`seed_demo` seeds the feedback demo (`feedback.demo.seed_feedback()`): a survey per kind,
answers; running it again adds nothing."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from events.models import EventKind
from feedback import demo, selectors
from feedback.models import Audience, Invitation, Response, Survey

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_a_survey_per_kind_and_answers_once(settings):
    settings.DEBUG = True
    call_command("seed_demo")

    answered = Response.objects.count()
    again = demo.seed_feedback()

    kinds = set(Survey.objects.filter(audience=Audience.EVENT).values_list("event_kind", flat=True))
    assert kinds == set(EventKind.values)
    assert Survey.objects.filter(audience=Audience.CONSULTATION).count() == 1
    assert all(3 <= s.questions.count() <= 6 for s in Survey.objects.all())
    assert answered > 0 and again == 0
    invitations = Invitation.objects.count()
    years = {d.year for d in Invitation.objects.dates("held_on", "year")}
    totals = [selectors.results_for_year(year)["totals"] for year in years]
    assert sum(t.invitations for t in totals) == invitations
    assert sum(t.responses for t in totals) == answered
    print(
        f"demo: {invitations} invitations, {answered} answers "
        f"({100 * answered / invitations:.1f} %), years {sorted(years)}, "
        f"this year {selectors.results_for_year(timezone.localdate().year)['totals']}"
    )
