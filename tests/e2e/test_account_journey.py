"""A person creates an account, confirms the e-mail, signs in and out, and resets the password.

Elements are found by ids, names and addresses, never by their text: the text switches
between English and Polish with the translation catalogue.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.mail import delivered

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

EMAIL = "ewa.zielinska@example.org"
FIRST_PASSWORD = "Zielony-kajak-2026"
NEW_PASSWORD = "Czerwony-rower-2027"


@pytest.fixture(autouse=True)
def _links_to_the_live_server(settings):
    # Production e-mails link to https://; the live server speaks plain HTTP.
    settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"


def path_of(page):
    return urlsplit(page.url).path


def submit(page):
    """Press the submit button of the form in the main content (not one tied to another form)."""
    page.locator("main form button[type=submit]:not([form])").click()


def link_in_last_email(to, path_prefix):
    message = delivered()[-1]
    assert message.to == [to]
    match = re.search(rf"https?://\S+{re.escape(path_prefix)}\S+", message.body)
    assert match, f"no {path_prefix} link in:\n{message.body}"
    return match.group(0)


def log_in(page, email, password):
    page.goto(reverse("account_login"))
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    submit(page)


def logout_button(page):
    return page.locator(f'header form[action="{reverse("account_logout")}"] button')


def test_person_signs_up_confirms_signs_in_out_and_resets_password(
    page, home_page, assert_accessible
):
    # Sign up with an e-mail address and the password twice.
    page.goto(reverse("account_signup"))
    page.fill("input[name=email]", EMAIL)
    page.fill("input[name=password1]", FIRST_PASSWORD)
    page.fill("input[name=password2]", FIRST_PASSWORD)
    submit(page)
    page.wait_for_url(f"**{reverse('account_email_verification_sent')}")
    expect(page.locator("main h1")).to_be_visible()
    assert_accessible(page)

    # Follow the link in the e-mail and press the confirm button.
    page.goto(link_in_last_email(EMAIL, "/konto/confirm-email/"))
    assert_accessible(page)
    submit(page)
    page.wait_for_url(f"**{reverse('account_login')}")

    # Sign in: the intranet dashboard, and the header now offers to sign out.
    log_in(page, EMAIL, FIRST_PASSWORD)
    page.wait_for_url(lambda url: urlsplit(url).path == reverse("intranet:dashboard"))
    expect(logout_button(page)).to_be_visible()
    assert_accessible(page)

    # Sign out with the header's button (a POST form).
    logout_button(page).click()
    expect(page.locator(f'header a[href="{reverse("account_login")}"]')).to_be_visible()
    expect(logout_button(page)).to_have_count(0)

    # Forgot the password: the link under the login form leads to the reset form.
    page.goto(reverse("account_login"))
    page.locator(f'main a[href="{reverse("account_reset_password")}"]').click()
    page.wait_for_url(f"**{reverse('account_reset_password')}")
    assert_accessible(page)
    page.fill("input[name=email]", EMAIL)
    submit(page)
    page.wait_for_url(f"**{reverse('account_reset_password_done')}")

    # The e-mailed link opens the form for the new password.
    page.goto(link_in_last_email(EMAIL, "/konto/password/reset/key/"))
    assert_accessible(page)
    page.fill("input[name=password1]", NEW_PASSWORD)
    page.fill("input[name=password2]", NEW_PASSWORD)
    submit(page)
    page.wait_for_url(f"**{reverse('account_reset_password_from_key_done')}")

    # The old password no longer works; the new one does.
    log_in(page, EMAIL, FIRST_PASSWORD)
    expect(page.locator("main [role=alert]")).to_be_visible()  # the wrong password, announced
    assert path_of(page) == reverse("account_login")
    assert_accessible(page)
    log_in(page, EMAIL, NEW_PASSWORD)
    page.wait_for_url(lambda url: urlsplit(url).path == reverse("intranet:dashboard"))
    expect(logout_button(page)).to_be_visible()
