"""An editor writes a news item and submits it for moderation, with the keyboard alone from
the home page (no `page.goto` after it, every press counted); the admin's dashboard and page
explorer pass axe-core's WCAG 2.2 A/AA rules at 1366 px and 360 px."""

import pytest
from playwright.sync_api import expect

from news.models import NewsPage
from portal import accounts
from tests.e2e.keys import Keyboard
from tests.factories.news import NewsIndexPageFactory, NewsPageFactory
from tests.factories.portal import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VIEWPORTS = [
    pytest.param({"width": 1366, "height": 900}, id="1366px"),
    pytest.param({"width": 360, "height": 780}, id="360px"),
]


@pytest.fixture
def editor():
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    user = UserFactory(roles=[accounts.ROLE_EDITORS], first_name="Renata")
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def news_index(home_page):
    index = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=index, title="Nabór do inkubatora", slug="nabor")
    return index


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_an_editor_submits_news_for_moderation(
    page, log_in, editor, news_index, assert_accessible, viewport
):
    log_in(page, editor)
    keys = Keyboard(page)

    page.goto("/")
    keys.follow(page.locator("header a", has_text="Administracja"), "/admin/")
    assert_accessible(page)  # the admin's dashboard
    # The dashboard's count of pages opens the explorer at the home page.
    keys.follow(page.locator("main a", has_text="strony w serwisie"), "/admin/pages/")
    keys.follow(
        # The listing's "show the subpages of Aktualności" link (named by its aria-label).
        page.locator(f'main a[href$="/admin/pages/{news_index.pk}/"]').first,
        f"/admin/pages/{news_index.pk}/",
    )
    assert_accessible(page)  # the page explorer
    keys.follow(
        page.locator(f'a[href$="/admin/pages/{news_index.pk}/add_subpage/"]').first,
        "/admin/pages/",
    )
    # Checked before typing (autosave is off: a submit racing Wagtail 8's first autosave of
    # a new page created it twice, portal/settings.py). Wagtail's own date picker buttons
    # and tag input are named by static/js/admin.js.
    assert_accessible(page)  # the news form
    keys.fill(page.locator("#id_title"), "Spotkanie w Żarach")
    keys.fill(page.locator("#id_intro"), "Zapraszamy na spotkanie animacyjne.")
    keys.tab_to(
        page.locator("footer [data-w-dropdown-target=toggle], footer .dropdown-toggle").first
    )
    keys.press("Enter")
    keys.follow(page.locator("button[name=action-submit]"), "/admin/pages/")

    expect(page.locator(".messages")).to_contain_text("Spotkanie w Żarach")
    news = NewsPage.objects.get(title="Spotkanie w Żarach")
    assert not news.live and news.current_workflow_task_state is not None
    assert_accessible(page)  # the explorer with its success message (static/css/admin.css)
    print(
        f"\neditor's news for moderation at {viewport['width']} px: {keys.presses} key "
        f"presses, {keys.typed} of them typing"
    )
