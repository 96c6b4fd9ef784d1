"""A waiting person gets a freed place offered, confirms it from the e-mailed link; the
offer page (open and expired), the sign-up page and the staff list with an offer pass
axe-core, on a desktop and at 360 px."""

import datetime
import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.utils import timezone

from events import services
from events.models import Registration
from portal import accounts
from tests.factories.events import EventIndexPageFactory, EventPageFactory, RegistrationFactory
from tests.factories.portal import UserFactory
from tests.mail import delivered

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VIEWPORTS = [{"width": 1280, "height": 800}, {"width": 360, "height": 740}]


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["desktop", "360px"])
def test_an_offer_confirmed_from_the_email_link(
    page, assert_accessible, home_page, log_in, viewport
):
    index = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=index, title="Seminarium sieciujące", capacity=1)
    leaving = RegistrationFactory(event=event)
    RegistrationFactory(event=event, status="waiting", email="lucja@example.org")
    RegistrationFactory(event=event, status="waiting", email="trzecia@example.org")
    services.registration_cancel(event=event, token=leaving.token)
    (offer_mail,) = [m for m in delivered() if m.to == ["lucja@example.org"]]
    link = re.search(rf"{re.escape(settings.SITE_URL)}(\S+/potwierdz/)", offer_mail.body)[1]

    assert page.goto(link).status == 200
    assert_accessible(page)
    page.click("text=Tak, przyjdę – potwierdzam miejsce")
    page.wait_for_selector(".registration-status--confirmed")
    assert_accessible(page)
    assert Registration.objects.get(email="lucja@example.org").status == "confirmed"

    # An expired offer's page.
    expired = RegistrationFactory(
        event=EventPageFactory(parent=index, capacity=1),
        status="cancelled",
        offer_expires_at=timezone.now() - datetime.timedelta(hours=1),
    )
    assert page.goto(f"{expired.event.url}zapis/{expired.token}/potwierdz/").status == 200
    assert page.is_visible("text=Ta propozycja jest już nieaktualna")
    assert_accessible(page)

    # The staff list with a place on offer and a numbered waiting list.
    other = EventPageFactory(parent=index, capacity=1)
    first = RegistrationFactory(event=other)
    for number in range(2):
        RegistrationFactory(event=other, status="waiting", email=f"w{number}@example.org")
    services.registration_cancel(event=other, token=first.token)
    staff = UserFactory(roles=[accounts.ROLE_STAFF])
    TOTP.activate(staff, generate_totp_secret())
    log_in(page, staff)
    page.goto(f"/intranet/kadra/wydarzenia/{other.pk}/")
    assert page.is_visible("text=/oferta do/")
    assert page.is_visible("text=lista rezerwowa, nr 1")
    assert_accessible(page)
