"""A member finds the intranet by following links: from the home page, with the keyboard
alone, to the login, then to the dashboard and the enrolment form — on a desktop and on a
360 px phone. No `page.goto` after the home page."""

from urllib.parse import urlsplit

import pytest

from tests.e2e.keys import open_intranet_menu
from tests.factories.portal import TEST_PASSWORD, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def follow(page, path_prefix):
    """Press Enter on the focused link and wait for the page it opens."""
    with page.expect_navigation(url=lambda url: urlsplit(url).path.startswith(path_prefix)):
        page.keyboard.press("Enter")


def tab_to(page, name, limit=80, by="innerText.trim()"):
    """Press Tab until the focused element's text (or `by`) is `name`; the presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.{by}") == name:
            return presses
    raise AssertionError(f"{name!r} not reached with {limit} Tab presses")


@pytest.mark.parametrize(
    "viewport", [{"width": 1366, "height": 900}, {"width": 360, "height": 780}], ids=str
)
def test_a_member_logs_in_from_the_home_page_and_reaches_enrolment(
    page, home_page, assert_accessible, viewport
):
    member = UserFactory()
    page.goto("/")
    keys = tab_to(page, "Zaloguj się")
    follow(page, "/konto/login/")
    keys += tab_to(page, "login", by="name")
    page.keyboard.type(member.email)
    keys += tab_to(page, "password", by="name")
    page.keyboard.type(TEST_PASSWORD)
    follow(page, "/intranet/")
    assert_accessible(page)
    assert member.email in page.inner_text("main")

    # Back on any page, the header leads to the intranet.
    if viewport["width"] < 640:  # on a phone the menu opens first
        keys += tab_to(page, "Menu")
        page.keyboard.press("Enter")
    keys += tab_to(page, "Strona główna")
    follow(page, "/")
    keys += tab_to(page, "Mój intranet")
    follow(page, "/intranet/")
    keys += tab_to(page, "Zgłoś się do projektu")
    follow(page, "/intranet/rekrutacja/")
    assert_accessible(page)
    print(f"{viewport['width']} px: {keys} Tab presses from the home page to the enrolment")


def test_the_directory_is_in_the_main_menu(page, home_page):
    page.goto("/")
    page.click(".main-nav >> text=Katalog podmiotów")
    page.wait_for_url("**/katalog/")
    assert page.get_attribute(".main-nav a[href='/katalog/']", "aria-current") == "page"


@pytest.mark.parametrize(
    "viewport", [{"width": 1366, "height": 900}, {"width": 360, "height": 780}], ids=str
)
def test_kadra_move_between_staff_tools_through_the_intranet_menu(
    page, home_page, log_in, assert_accessible, viewport, tuesday_morning
):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from portal import accounts

    kadra = UserFactory(roles=[accounts.ROLE_STAFF])
    TOTP.activate(kadra, generate_totp_secret())
    log_in(page, kadra)
    page.goto("/")
    page.click("header >> text=Mój intranet")
    page.wait_for_url("**/intranet/")
    assert_accessible(page)
    open_intranet_menu(page)
    page.click(".intranet-nav >> text=Recepcja: wizyty bez zapisu")
    page.wait_for_url("**/kadra/konsultacje/recepcja/**")
    assert_accessible(page)
    # The next tool is one click away, not back through the dashboard.
    open_intranet_menu(page)
    page.click(".intranet-nav >> text=Kalendarz konsultacji")
    page.wait_for_url("**/kadra/konsultacje/kalendarz/**")
    current = page.get_attribute(".intranet-nav [aria-current=page]", "href")
    assert "kalendarz" in current
    assert_accessible(page)
