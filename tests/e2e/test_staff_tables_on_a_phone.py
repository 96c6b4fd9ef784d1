"""Staff tables on a 360 px phone: each row stacks into labelled lines, so the page never
scrolls sideways and the columns that decide (who, what state, what to do) stay in sight."""

import datetime

import pytest
from playwright.sync_api import expect

from intranet.models import Enrolment
from portal import accounts
from tests.factories.events import EventIndexPageFactory, EventPageFactory, RegistrationFactory
from tests.factories.intranet import AdviserFactory, BookingFactory, EnrolmentFactory
from tests.factories.portal import LocationFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 360, "height": 740}
OVERFLOWING = """() => [...document.querySelectorAll("body *")]
    .filter(element => element.getBoundingClientRect().right > window.innerWidth + 0.5)
    .slice(0, 10).map(element => element.tagName + "." + element.className)"""
LONG_NAME = "Stowarzyszenie Przyjaciół Ziemi Lubuskiej i Inicjatyw Obywatelskich"


@pytest.fixture
def staff_data(home_page, tuesday_morning):
    centre = LocationFactory(name="LOEiIS Kożuchów")
    adviser = AdviserFactory(
        user__first_name="Iwona",
        user__last_name="Biznesowa",
        hours=[(day, "07:00", "22:00", centre) for day in range(7)],
    )
    EnrolmentFactory(submitted=True, first_name="Katarzyna", last_name="Wiśniewska-Zawadzka")
    Enrolment.objects.create(
        target_group="individual",
        status="accepted",
        first_name="Osoba",
        last_name="Przyjęta",
        sex="F",
        location=centre,
        support_start=datetime.date(2027, 3, 10),
    )
    event = EventPageFactory(
        parent=EventIndexPageFactory(parent=home_page), title="Seminarium sieciujące", capacity=2
    )
    RegistrationFactory(event=event, last_name="Wiśniewska", organisation=LONG_NAME)
    RegistrationFactory(event=event, status="waiting", email="bardzo.dlugi.adres@example.org")
    start = tuesday_morning + datetime.timedelta(hours=2)
    BookingFactory(
        adviser=adviser, location=centre, start=start, end=start + datetime.timedelta(hours=1)
    )
    kadra = UserFactory(roles=[accounts.ROLE_STAFF])
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(kadra, generate_totp_secret())
    return {"kadra": kadra, "event": event, "centre": centre, "day": start.date().isoformat()}


def fits_the_screen(page, locator):
    """The element is shown and lies wholly between the left and right edges of the screen."""
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    return box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]


@pytest.mark.parametrize("viewport", [PHONE], ids=["360px"])
def test_staff_tables_stack_on_a_phone(page, log_in, assert_accessible, staff_data, viewport):
    event, centre = staff_data["event"], staff_data["centre"]
    log_in(page, staff_data["kadra"])
    screens = [
        # (address, the decisive cells: name, status, action)
        (
            "/intranet/kadra/rekrutacja/",
            ["text=Katarzyna Wiśniewska-Zawadzka", "td[data-label=Status] >> nth=0"],
        ),
        (
            f"/intranet/kadra/wydarzenia/{event.pk}/",
            [
                "th[scope=row] >> text=Wiśniewska",
                "td[data-label=Status] >> text=lista rezerwowa, nr 1",
                "text=Odwołaj wydarzenie i powiadom uczestników",
            ],
        ),
        (
            "/intranet/kadra/wydarzenia/",
            ["th[scope=row] >> text=Seminarium sieciujące", "td[data-label=Miejsca]"],
        ),
        (
            f"/intranet/kadra/konsultacje/recepcja/?osrodek={centre.pk}",
            ["th[scope=row] >> text=Doradztwo biznesowe", "td >> a.link-button >> nth=0"],
        ),
        (
            f"/intranet/kadra/konsultacje/kalendarz/?dzien={staff_data['day']}",
            ["td[data-label=Kto] >> nth=0", "td[data-label=Status] >> nth=0"],
        ),
        (
            "/intranet/kadra/wskazniki/?rok=2027",
            ["table.data-table--stack th[scope=row] >> nth=0"],
        ),
        ("/intranet/kadra/wskazniki/lista/people/?rok=2027", ["td >> text=Przyjęta"]),
    ]
    for address, decisive in screens:
        assert page.goto(address).status == 200
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], (
            f"{address} scrolls sideways: {width}, past the edge: {page.evaluate(OVERFLOWING)}"
        )
        for table in page.locator("table.data-table").all():
            box = table.bounding_box()
            assert box["x"] + box["width"] <= viewport["width"], f"a table on {address} overflows"
        for selector in decisive:
            assert fits_the_screen(page, page.locator(selector)), f"{selector} on {address}"
        assert_accessible(page)
