"""Polish where the libraries' own catalogues lack a string or get it wrong."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from portal import accounts
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


def test_the_password_prompt_has_no_typo(client, home_page):
    client.force_login(UserFactory())

    page = client.get(reverse("account_reauthenticate")).content.decode()

    assert "Wprowadź hasło" in page and "Wprowadż" not in page


def test_an_editor_reads_the_admin_dashboard_in_polish(client, home_page):
    editor = UserFactory(roles=[accounts.ROLE_EDITORS])
    TOTP.activate(editor, generate_totp_secret())
    client.force_login(editor)

    page = client.get("/admin/").content.decode()

    assert "created in" not in page
    assert "gravatar" not in page  # no third-party avatar service sees who edits
