"""On a phone the site fits the screen: no sideways scrolling, every menu link in reach."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.factories.portal import LocationIndexPageFactory, StandardPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONES = [
    # 360 px: a common Android phone; 320 px: the width WCAG 1.4.10 (Reflow) asks for.
    pytest.param({"width": 360, "height": 740}, id="360px"),
    pytest.param({"width": 320, "height": 640}, id="320px"),
]


def scroll_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("viewport", PHONES)
def test_home_page_fits_a_phone_and_every_menu_link_is_in_reach(page, home_page, viewport):
    StandardPageFactory(parent=home_page, title="O nas", slug="o-nas")
    StandardPageFactory(
        parent=home_page,
        title="Przedsiębiorczość społeczna i reintegracja zawodowa",
        slug="przedsiebiorczosc",
    )
    locations = LocationIndexPageFactory(parent=home_page)

    page.goto("/")

    assert scroll_width(page) <= viewport["width"]
    # The menu folds behind a button: the header leaves most of the first screen free.
    toggle = page.locator(".menu-toggle")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    assert page.locator(".site-header").bounding_box()["height"] < viewport["height"] / 3
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    menu_links = page.locator(".main-nav a")
    expect(menu_links).to_have_count(5)  # home, the three pages above and the directory
    for link in menu_links.all():
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], link
        assert box["height"] >= 24, f"{link} is too small a target"

    page.locator(f'.main-nav a[href="{locations.url}"]').click()
    page.wait_for_url(f"**{locations.url}")
    assert urlsplit(page.url).path == locations.url
    assert scroll_width(page) <= viewport["width"]


@pytest.mark.parametrize("viewport", PHONES[:1])
@pytest.mark.parametrize("javascript", [False], ids=["no-js"])
def test_without_javascript_the_phone_menu_is_a_plain_list(page, home_page, viewport, javascript):
    page.goto("/")

    expect(page.locator(".menu-toggle")).to_be_hidden()
    expect(page.locator(".main-nav a").first).to_be_visible()


def test_on_a_desktop_the_menu_is_always_open(page, home_page):
    page.goto("/")

    expect(page.locator(".menu-toggle")).to_be_hidden()
    expect(page.locator(".main-nav a").first).to_be_visible()


@pytest.mark.parametrize("viewport", PHONES[:1])
def test_on_a_phone_the_intranet_menu_folds_and_the_dashboard_starts_on_the_first_screen(
    page, home_page, log_in, kadra, assert_accessible, viewport
):
    """Kadra's menu has some fifteen links: on a phone it folds behind "Menu intranetu",
    so the dashboard's own heading is on the first screen, not below two screens of links."""
    log_in(page, kadra)
    page.goto("/")
    page.click("header >> text=Mój intranet")
    page.wait_for_url("**/intranet/")

    heading = page.locator("main h1").bounding_box()
    assert heading["y"] + heading["height"] <= viewport["height"], heading
    toggle = page.locator(".intranet-nav__toggle")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator(".intranet-nav a").first).to_be_hidden()
    assert_accessible(page)
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator(".intranet-nav a", has_text="Recepcja: wizyty bez zapisu")).to_be_visible()
    assert scroll_width(page) <= viewport["width"]
    assert_accessible(page)


@pytest.mark.parametrize("viewport", PHONES[:1])
@pytest.mark.parametrize("javascript", [False], ids=["no-js"])
def test_without_javascript_the_intranet_menu_is_a_plain_list(
    page, home_page, log_in, member, viewport, javascript
):
    log_in(page, member)
    page.goto("/")
    page.click("header >> text=Mój intranet")
    page.wait_for_url("**/intranet/")

    expect(page.locator(".intranet-nav__toggle")).to_be_hidden()
    expect(page.locator(".intranet-nav a", has_text="Konsultacje")).to_be_visible()
