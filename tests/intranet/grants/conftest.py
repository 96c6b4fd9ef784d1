"""What the grant tests share: an open call with two criteria, an entity's representative
and the business plan they fill in."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from directory.models import Representative
from intranet.models import Application, Criterion, GrantCall
from tests.factories.directory import EntityFactory
from tests.factories.portal import UserFactory

PLAN = {
    "action": "save",
    "summary": "Kawiarnia społeczna z cateringiem",
    "market": "Szkoły i urzędy w Świebodzinie",
    "marketing": "Profil w katalogu, ulotki",
    "finances": "Przychody z cateringu pokryją koszty po 6 miesiącach",
    "jobs_planned": 3,
    "amount_requested": "69000.00",
    "bridging_months": 6,
    "bridging_amount": "18000.00",
}


@pytest.fixture
def call():
    today = timezone.localdate()
    call = GrantCall.objects.create(
        title="Dotacje na miejsca pracy",
        number="1/2026",
        opens_on=today - datetime.timedelta(days=5),
        closes_on=today + datetime.timedelta(days=5),
        budget=200000,
        appeal_days=7,
    )
    Criterion.objects.create(call=call, name="Pomysł", max_points=30)
    Criterion.objects.create(call=call, name="Finanse", max_points=20)
    return call


@pytest.fixture
def applicant():
    user = UserFactory()
    entity = EntityFactory(name="Spółdzielnia Socjalna Kawa")
    Representative.objects.create(user=user, entity=entity, status="approved")
    return user, entity


def close(call):
    """The call's deadline has passed: the committee's results may be decided."""
    GrantCall.objects.filter(pk=call.pk).update(
        closes_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    call.refresh_from_db()


def apply(client, call, applicant):
    user, entity = applicant
    client.force_login(user)
    response = client.post(reverse("calls:list"), {"call": call.pk, "entity": entity.pk})
    application = Application.objects.get(call=call, entity=entity)
    assert response.url == reverse("calls:application", args=(application.pk,))
    return application
