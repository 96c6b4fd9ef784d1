"""People create accounts, log in with their e-mail, and staff protect theirs with 2FA."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from django.urls import reverse

from portal import accounts
from tests.factories.portal import TEST_PASSWORD, UserFactory
from tests.mail import delivered

pytestmark = pytest.mark.django_db


def test_sign_up_requires_confirming_the_email_address(client, home_page):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "nowa@example.org",
            "password1": "Spoldzielnia-2026",
            "password2": "Spoldzielnia-2026",
        },
    )

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert len(delivered()) == 1
    assert "/konto/confirm-email/" in delivered()[0].body
    # Not logged in until the address is confirmed.
    assert client.get(reverse("account_email")).status_code == 302


def test_login_is_by_email(client, home_page):
    user = UserFactory(email="anna@example.org")

    response = client.post(
        reverse("account_login"), {"login": "anna@example.org", "password": TEST_PASSWORD}
    )

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_sixth_wrong_password_for_one_account_is_refused(client, home_page):
    UserFactory(email="anna@example.org")
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "anna@example.org", "password": "zle"})

    response = client.post(
        reverse("account_login"), {"login": "anna@example.org", "password": TEST_PASSWORD}
    )

    assert "_auth_user_id" not in client.session
    assert "Zbyt wiele nieudanych prób logowania" in response.content.decode()


def test_custom_user_model_uses_email_as_login():
    User = get_user_model()

    user = User.objects.create_user(email="Jan@Example.org", password="x-long-password")

    assert User.USERNAME_FIELD == "email"
    assert user.email == "Jan@example.org"
    assert not hasattr(user, "username") or user.username is None


@pytest.mark.parametrize("role", accounts.ROLES, ids=str)
def test_roles_exist_as_groups_after_migrations(role):
    from django.contrib.auth.models import Group

    group = Group.objects.get(name=role)
    assert group.permissions.filter(codename="access_admin").exists()


def test_editors_may_edit_but_only_moderators_may_publish_pages():
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission

    def page_permissions(name):
        return set(
            GroupPagePermission.objects.filter(group=Group.objects.get(name=name)).values_list(
                "permission__codename", flat=True
            )
        )

    assert {"add_page", "change_page"} <= page_permissions(accounts.ROLE_EDITORS)
    assert "publish_page" not in page_permissions(accounts.ROLE_EDITORS)
    assert "publish_page" in page_permissions(accounts.ROLE_MODERATORS)


def test_staff_without_two_factor_is_sent_to_set_it_up(client, home_page):
    editor = UserFactory(roles=[accounts.ROLE_EDITORS])
    client.force_login(editor)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_staff_with_two_factor_reaches_the_admin(client, home_page):
    editor = UserFactory(roles=[accounts.ROLE_EDITORS])
    TOTP.activate(editor, generate_totp_secret())
    client.force_login(editor)

    assert client.get("/admin/").status_code == 200


def test_a_member_is_not_asked_for_two_factor_and_cannot_enter_the_admin(client, home_page):
    client.force_login(UserFactory())

    response = client.get("/admin/")

    assert response.status_code == 302
    assert reverse("mfa_activate_totp") not in response.url


def test_admin_login_page_redirects_to_the_one_site_login(client):
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(client, home_page):
    UserFactory(email="znany@example.org")

    known = client.post(reverse("account_reset_password"), {"email": "znany@example.org"})
    unknown = client.post(reverse("account_reset_password"), {"email": "obcy@example.org"})

    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)


def test_sign_up_answers_the_same_for_a_taken_address(client, home_page):
    UserFactory(email="zajety@example.org")
    password = "Spoldzielnia-2026"

    taken = client.post(
        reverse("account_signup"),
        {"email": "zajety@example.org", "password1": password, "password2": password},
    )
    client.logout()
    new = client.post(
        reverse("account_signup"),
        {"email": "nowy@example.org", "password1": password, "password2": password},
    )

    assert (taken.status_code, taken.url) == (new.status_code, new.url)


def test_a_wrong_password_is_announced_to_screen_readers(client, home_page):
    UserFactory(email="ala@example.org")

    html = client.post(
        reverse("account_login"), {"login": "ala@example.org", "password": "nie-to-haslo"}
    ).content.decode()

    alert = html.split("data-error-summary>")[1].split("</div>")[0]
    assert "Podany adres e-mail i/lub hasło są niepoprawne." in alert
    assert html.count("Podany adres e-mail i/lub hasło są niepoprawne.") == 1


def test_sign_up_errors_are_summed_up_and_tied_to_their_fields(client, home_page):
    html = client.post(
        reverse("account_signup"), {"email": "zly-adres", "password1": "a", "password2": "a"}
    ).content.decode()

    summary = html.split("data-error-summary>")[1].split("</div>")[0]
    assert 'role="alert" tabindex="-1"' in html  # announced, and takes the focus
    assert "Popraw błędy zaznaczone poniżej." in summary
    assert '<a href="#id_email">' in summary  # each error links to its field
    assert 'aria-invalid="true" aria-describedby="id_email_error"' in html
    assert '<ul class="errorlist" id="id_email_error">' in html
