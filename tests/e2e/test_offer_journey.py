"""A waiting person gets a freed place offered, confirms it from the e-mailed link; the
offer page (open and expired), the sign-up page and the staff list with an offer pass
axe-core, on a desktop and at 360 px. Then the whole loop: offer, confirmation, check-in at
the door, the thank-you with the certificate and the survey answered from its link."""

import datetime
import re
import zoneinfo

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.utils import timezone

from events import attendance, services
from events.models import Registration
from feedback.models import Response
from portal import accounts
from tests.e2e.keys import open_intranet_menu
from tests.factories.events import EventIndexPageFactory, EventPageFactory, RegistrationFactory
from tests.factories.portal import UserFactory
from tests.feedback.conftest import QUESTIONS, make_survey
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


# The loop from the waiting list to the survey, on a clock of its own: the offer comes the
# day before, check-in opens on the event's day, the thank-you follows the end.
MONDAY = datetime.datetime(2027, 11, 8, 10, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Warsaw"))
TUESDAY_NOON = MONDAY + datetime.timedelta(days=1, hours=2)


def _link(to: str, pattern: str) -> str:
    """The path of the newest e-mailed link to `to` that matches `pattern`."""
    bodies = [message.body for message in delivered() if message.to == [to]]
    found = [re.search(rf"{re.escape(settings.SITE_URL)}({pattern})", body) for body in bodies]
    return [match[1] for match in found if match][-1]


@pytest.mark.parametrize(
    "viewport", [{"width": 1366, "height": 900}, {"width": 360, "height": 780}], ids=str
)
def test_from_the_waiting_list_to_the_survey(
    page, browser, live_server, assert_accessible, home_page, log_in, viewport, time_machine
):
    time_machine.move_to(MONDAY, tick=True)
    make_survey(questions=QUESTIONS)  # for animation meetings
    event = EventPageFactory(
        parent=EventIndexPageFactory(parent=home_page),
        title="Spotkanie animacyjne w Kożuchowie",
        kind="animation",
        capacity=1,
        start=TUESDAY_NOON,
        end=TUESDAY_NOON + datetime.timedelta(hours=2),
    )
    leaving = RegistrationFactory(event=event)
    RegistrationFactory(
        event=event,
        status="waiting",
        first_name="Łucja",
        last_name="Żółkiewska",
        email="lucja@example.org",
    )

    # Monday: a place is freed; Łucja is offered it and confirms it from the e-mail.
    services.registration_cancel(event=event, token=leaving.token)
    assert page.goto(_link("lucja@example.org", r"\S+/potwierdz/")).status == 200
    assert_accessible(page)
    page.get_by_role("button", name="Tak, przyjdę – potwierdzam miejsce").click()
    page.wait_for_selector(".registration-status--confirmed")
    assert_accessible(page)

    # Tuesday, at the door: Kadra find the event from the home page and check her in.
    time_machine.move_to(TUESDAY_NOON + datetime.timedelta(minutes=5), tick=True)
    staff = UserFactory(roles=[accounts.ROLE_STAFF])
    TOTP.activate(staff, generate_totp_secret())
    context = browser.new_context(base_url=live_server.url, viewport=viewport, locale="pl-PL")
    door = context.new_page()
    log_in(door, staff)
    door.goto("/")
    door.click("header >> text=Mój intranet")
    open_intranet_menu(door)
    door.click(".intranet-nav >> text=Zapisy na wydarzenia")
    door.get_by_role("link", name="Spotkanie animacyjne w Kożuchowie").click()
    door.get_by_role("link", name="Obecność przy wejściu").click()
    assert_accessible(door)
    door.get_by_role("button", name="Zaznacz obecność – Łucja Żółkiewska").click()
    door.get_by_text("Obecnych: 1 z 1").wait_for()
    assert_accessible(door)
    context.close()

    # After the event the daily job thanks her: the certificate and the survey link.
    time_machine.move_to(TUESDAY_NOON + datetime.timedelta(hours=3), tick=True)
    assert attendance.thank_you_send() == 1
    assert page.goto(_link("lucja@example.org", r"/zaswiadczenia/\S+")).status == 200
    assert "Łucja Żółkiewska" in page.inner_text("main")
    assert_accessible(page)
    assert page.goto(_link("lucja@example.org", r"/ankieta/\S+/")).status == 200
    assert_accessible(page)
    page.get_by_role("group", name="Jak oceniasz wydarzenie?").get_by_label("5").check()
    page.get_by_role("group", name="Czy poleciłbyś to wydarzenie innym?").get_by_label(
        "Tak"
    ).check()
    page.get_by_role("button", name="Wyślij odpowiedzi").click()
    page.get_by_role("heading", name="Dziękujemy za odpowiedzi").wait_for()
    assert_accessible(page)
    assert Response.objects.filter(event=event).count() == 1
