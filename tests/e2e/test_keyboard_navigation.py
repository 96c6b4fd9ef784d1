"""A visitor who uses only the keyboard finds their way through the site and its search."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.factories.portal import LocationIndexPageFactory, StandardPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def press_until_focused(page, target, key="Tab", limit=40):
    """Press `key` until `target` has the focus, as a keyboard user would, or fail."""
    for _ in range(limit):
        page.keyboard.press(key)
        if target.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"{key} pressed {limit} times never reached {target}")


def focus_is_visible(locator):
    return locator.evaluate(
        """element => {
            const style = getComputedStyle(element);
            return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
                || style.boxShadow !== "none";
        }"""
    )


def test_visitor_skips_to_content_opens_a_menu_page_and_searches(page, home_page):
    grants = StandardPageFactory(
        parent=home_page,
        title="Dotacje na założenie spółdzielni",
        slug="dotacje",
        intro="Jednorazowe wsparcie dla nowych podmiotów ekonomii społecznej.",
    )
    LocationIndexPageFactory(parent=home_page)
    page.goto("/")

    # The first Tab reaches the skip link, which shows up and takes the focus to the content.
    page.keyboard.press("Tab")
    skip_link = page.locator("a.skip-link")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_have_attribute("href", "#main")
    expect(skip_link).to_be_in_viewport()
    assert focus_is_visible(skip_link)
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()

    # Back up to the main menu, then open a page from it with Enter.
    menu_link = page.locator(f'.main-nav a[href="{grants.url}"]')
    press_until_focused(page, menu_link, key="Shift+Tab")
    assert focus_is_visible(menu_link)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{grants.url}")
    expect(page.locator("h1")).to_have_text(grants.title)
    expect(menu_link).to_have_attribute("aria-current", "page")

    # Search from the header: Tab to the box, type, Enter.
    search_box = page.locator("#site-search-q")
    press_until_focused(page, search_box)
    page.keyboard.type("dotacje")
    page.keyboard.press("Enter")
    page.wait_for_url("**/szukaj/?q=dotacje")
    result_link = page.locator(f'.search-results a[href="{grants.url}"]')
    expect(result_link).to_have_text(grants.title)
    expect(page.locator("#search-page-q")).to_have_value("dotacje")
    assert urlsplit(page.url).path == "/szukaj/"
