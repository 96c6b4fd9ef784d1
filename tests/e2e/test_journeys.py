"""Whole journeys with the keyboard alone, each from the home page: no `page.goto` after the
first, only Tab, Enter, arrows, Space and typing — every press counted (tests/e2e/keys.py)
and printed, on a desktop and on a 360 px phone.

The representative's journey is tests/e2e/test_representative_journey.py, the editor's
tests/e2e/test_editor_journey.py.
"""

import datetime

import pytest
from playwright.sync_api import expect

from events.models import EventPage, Registration
from intranet.models import Booking, Enrolment
from tests.e2e.keys import Keyboard
from tests.factories.events import EventIndexPageFactory, EventPageFactory, RegistrationFactory
from tests.factories.intranet import AdviserFactory, make_pesel
from tests.factories.portal import TEST_PASSWORD, LocationFactory, UserFactory
from tests.mail import delivered

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VIEWPORTS = [
    pytest.param({"width": 1366, "height": 900}, id="1366px"),
    pytest.param({"width": 360, "height": 780}, id="360px"),
]


def on_a_phone(page):
    return page.viewport_size["width"] < 640


def open_menu_on_a_phone(keys, page):
    """On a phone the main menu folds behind its button: Tab to it and open it."""
    if on_a_phone(page):
        keys.tab_to(page.locator(".menu-toggle"))
        keys.press("Enter")


def open_intranet_menu_on_a_phone(keys, page):
    """On a phone the intranet's own menu folds behind "Menu intranetu": open it."""
    if on_a_phone(page):
        keys.tab_to(page.locator(".intranet-nav__toggle"))
        keys.press("Enter")


def log_in_with_the_form(keys, page, user):
    keys.follow(page.locator("header a", has_text="Zaloguj się"), "/konto/login/")
    keys.fill(page.locator("input[name=login]"), user.email)
    keys.fill(page.locator("input[name=password]"), TEST_PASSWORD)
    keys.press("Enter")
    page.wait_for_url("**/intranet/")


def report(name, keys, page):
    print(
        f"\n{name} at {page.viewport_size['width']} px: {keys.presses} key presses, "
        f"{keys.typed} of them typing"
    )


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_visitor_signs_up_for_an_event(page, home_page, assert_accessible, viewport):
    index = EventIndexPageFactory(parent=home_page, title="Wydarzenia", slug="wydarzenia")
    event = EventPageFactory(parent=index, title="Seminarium sieciujące w Żarach", capacity=5)
    keys = Keyboard(page)

    page.goto("/")
    open_menu_on_a_phone(keys, page)
    keys.follow(page.locator(".main-nav a", has_text="Wydarzenia"), index.url)
    keys.skip_to_main()
    keys.follow(page.locator("main a", has_text=event.title).first, event.url)
    assert_accessible(page)
    keys.fill(page.locator("#id_first_name"), "Ewa")
    keys.fill(page.locator("#id_last_name"), "Zielińska")
    keys.fill(page.locator("#id_email"), "ewa@example.org")
    keys.check(page.locator("input[name=participant_type]").last)
    keys.check(page.locator("#id_consent"))
    keys.press("Enter")  # the form's submit, from the focused checkbox
    page.wait_for_url("**/zapis/**")

    expect(page.locator(".registration-status")).to_be_visible()
    assert Registration.objects.get(email="ewa@example.org").status == "confirmed"
    assert_accessible(page)
    report("visitor's sign-up", keys, page)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_member_logs_in_enrols_and_books_a_consultation(
    page, home_page, assert_accessible, viewport
):
    centre = LocationFactory(name="LOEiIS Świebodzin")
    AdviserFactory(hours=[(day, "07:00", "22:00", centre) for day in range(7)])
    member = UserFactory(email="marta.wojcik@example.org")
    keys = Keyboard(page)

    page.goto("/")
    log_in_with_the_form(keys, page, member)
    keys.follow(page.locator("main a", has_text="Zgłoś się do projektu").last, "/intranet/rek")
    keys.check(page.locator("#group-individual"))
    keys.press("Enter")
    page.wait_for_url("**/krok/1/")

    # Step 1: who she is.
    keys.fill(page.locator("#id_first_name"), "Marta")
    keys.fill(page.locator("#id_last_name"), "Wójcik")
    keys.fill(page.locator("#id_pesel"), make_pesel(datetime.date(1985, 4, 12), "F"))
    keys.choose(page.locator("#id_education"), "wyższe – licencjat lub inżynier (ISCED 6)")
    keys.follow(page.locator("button[name=next]"), "/intranet/rekrutacja/")
    page.wait_for_url("**/krok/2/")
    # Step 2: where she lives and which centre she wants.
    keys.fill(page.locator("#id_town"), "Świebodzin")
    keys.fill(page.locator("#id_postcode"), "66-200")
    keys.choose(page.locator("#id_county"), "powiat świebodziński")
    keys.choose(page.locator("#id_commune"), "Świebodzin")
    keys.check(page.locator("#id_area_type_0"))
    keys.tab_to(page.locator("#id_email"))
    keys.choose(page.locator("#id_location"), "LOEiIS Świebodzin")
    keys.follow(page.locator("button[name=next]"), "/intranet/rekrutacja/")
    page.wait_for_url("**/krok/3/")
    # Step 3: her situation.
    keys.check(page.locator("#id_labour_market_status_0"))
    keys.check(page.locator("#id_disability_2"))
    keys.check(page.locator("#id_foreign_origin_1"))
    keys.check(page.locator("#id_homeless_1"))
    keys.follow(page.locator("button[name=next]"), "/intranet/rekrutacja/")
    page.wait_for_url("**/krok/4/")
    # Step 4: the declaration, then the summary and the send button.
    keys.check(page.locator("#id_declaration"))
    keys.follow(page.locator("button[name=next]"), "/intranet/rekrutacja/")
    page.wait_for_url(lambda url: "/krok/" not in url)
    assert_accessible(page)
    keys.follow(page.locator("button", has_text="Wyślij formularz do ośrodka"), "/intranet/")
    expect(page.locator(".messages")).to_contain_text("Dziękujemy")
    assert Enrolment.objects.get(user=member).status == "submitted"
    enrolment_keys = keys.presses

    # Then a consultation, from the intranet's menu.
    open_intranet_menu_on_a_phone(keys, page)
    keys.follow(page.locator(".intranet-nav a", has_text="Konsultacje"), "/intranet/konsultacje/")
    keys.check(page.locator("input[name=specjalizacja][value=business]"))
    keys.check(page.locator("input[name=miejsce]").first)
    keys.press("Enter")
    page.wait_for_url("**/terminy/**")
    keys.follow(page.locator("a.slot").first, "/intranet/konsultacje/rezerwuj/")
    keys.fill(page.locator("#id_topic"), "Biznesplan")  # a text area: Enter is a new line
    keys.follow(page.locator("main button[type=submit]").first, "/intranet/konsultacje/")
    expect(page.locator(".messages")).to_contain_text("Konsultacja jest zarezerwowana")
    assert Booking.objects.get(member=member).status == "booked"
    assert_accessible(page)
    report("member's enrolment", keys, page)
    print(f"  of which the enrolment {enrolment_keys}, the booking {keys.presses - enrolment_keys}")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_kadra_book_a_walk_in_from_the_dashboard_then_cancel_an_event(
    page, home_page, log_in, kadra, assert_accessible, viewport, tuesday_morning
):
    centre = LocationFactory(name="LOEiIS Kożuchów")
    AdviserFactory(
        user__first_name="Iwona",
        user__last_name="Biznesowa",
        hours=[(day, "07:00", "22:00", centre) for day in range(7)],
    )
    index = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=index, title="Spotkanie animacyjne w Nowej Soli")
    RegistrationFactory(event=event, email="jan@example.org")
    RegistrationFactory(event=event, email="ola@example.org")
    log_in(page, kadra)
    keys = Keyboard(page)

    page.goto("/")
    keys.follow(page.locator("header a", has_text="Mój intranet"), "/intranet/")
    open_intranet_menu_on_a_phone(keys, page)
    keys.follow(
        page.locator(".intranet-nav a", has_text="Recepcja: wizyty bez zapisu"),
        "/intranet/kadra/konsultacje/recepcja/",
    )
    assert_accessible(page)
    row = page.locator("tr", has_text="Doradztwo biznesowe")
    keys.follow(row.locator("a.link-button").first, "/intranet/kadra/konsultacje/recepcja/umow/")
    keys.fill(page.locator("#id_visitor_name"), "Pani Halina")
    keys.fill(page.locator("#id_visitor_phone"), "600100200")
    keys.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Umówiono: Pani Halina")
    booking = Booking.objects.get()
    assert booking.is_walk_in and booking.visitor_name == "Pani Halina"
    walk_in_keys = keys.presses

    open_intranet_menu_on_a_phone(keys, page)
    keys.follow(
        page.locator(".intranet-nav a", has_text="Zapisy na wydarzenia"), "/intranet/kadra/wyd"
    )
    keys.follow(
        page.locator("main a", has_text=event.title), f"/intranet/kadra/wydarzenia/{event.pk}/"
    )
    keys.follow(
        page.locator("a", has_text="Odwołaj wydarzenie i powiadom uczestników"),
        f"/intranet/kadra/wydarzenia/{event.pk}/odwolaj/",
    )
    # The confirmation page says what will happen, to whom, before anything does.
    expect(page.locator("main")).to_contain_text("2 osoby")
    assert not EventPage.objects.get(pk=event.pk).is_cancelled
    assert_accessible(page)
    keys.follow(
        page.locator("button", has_text="Tak, odwołaj wydarzenie"),
        f"/intranet/kadra/wydarzenia/{event.pk}/",
    )
    expect(page.locator(".messages")).to_contain_text("Wydarzenie odwołane")
    assert EventPage.objects.get(pk=event.pk).is_cancelled
    assert {"jan@example.org", "ola@example.org"} <= {m.to[0] for m in delivered()}
    assert_accessible(page)
    report("Kadra's walk-in and event cancellation", keys, page)
    print(f"  of which the walk-in {walk_in_keys}, the cancellation {keys.presses - walk_in_keys}")
