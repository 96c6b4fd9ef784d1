"""Staff rights only in a session that passed the second factor — through every door.

The doors are found, not listed: every page of the URL resolver that an anonymous visitor
can open and that shows a password field is tried with a staff member's right password.
"""

from html.parser import HTMLParser

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from directory.models import Representative
from intranet.models import Application, ApplicationAttachment, GrantCall
from portal import accounts
from tests.auth import log_in_password_only, totp_code
from tests.factories.directory import EntityFactory
from tests.factories.portal import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


class _Forms(HTMLParser):
    """The forms of a page that hold a password field: their action and field names."""

    def __init__(self):
        super().__init__()
        self.forms, self._current = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._current = {"action": attrs.get("action") or "", "fields": {}}
        elif tag == "input" and self._current is not None and attrs.get("name"):
            self._current["fields"][attrs["name"]] = (attrs.get("type") or "text", attrs)

    def handle_endtag(self, tag):
        if tag == "form" and self._current is not None:
            if any(kind == "password" for kind, _ in self._current["fields"].values()):
                self.forms.append(self._current)
            self._current = None


def _plain_routes(patterns=None, prefix=""):
    """Every route of the URL resolver without parameters."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _plain_routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and "<" not in route and "(" not in route:
            yield "/" + route.lstrip("^").rstrip("$")


def _password_forms():
    client = Client()
    found = []
    for path in sorted(set(_plain_routes())):
        response = client.get(path, follow=True)
        if response.status_code != 200 or b'type="password"' not in response.content:
            continue
        parser = _Forms()
        parser.feed(response.content.decode())
        page = response.request["PATH_INFO"]
        found += [(page, form) for form in parser.forms]
    return found


@pytest.fixture
def kadra(home_page):
    user = UserFactory(roles=[accounts.ROLE_STAFF, accounts.ROLE_SPECIAL_DATA])
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def staff_urls(kadra):
    entity = EntityFactory()
    Representative.objects.create(user=UserFactory(), entity=entity, status="approved")
    call = GrantCall.objects.create(
        title="Nabór", opens_on="2026-01-01", closes_on="2026-01-31", budget=1000
    )
    application = Application.objects.create(call=call, entity=entity, status="submitted")
    attachment = ApplicationAttachment.objects.create(
        application=application,
        name="biznesplan.pdf",
        file=ContentFile(b"%PDF-1.4 plan", name="biznesplan.pdf"),
    )
    return [
        "/admin/",
        reverse("enrolment_staff:queue"),
        reverse("enrolment_staff:access_log"),
        reverse("enrolment_staff:export_persons"),
        reverse("indicators:dashboard"),
        reverse("calls:attachment", kwargs={"attachment_id": attachment.pk}),
    ]


def _opened(client, urls):
    return [url for url in urls if client.get(url).status_code == 200]


def test_the_login_forms_are_found(home_page):
    pages = {page for page, _ in _password_forms()}

    assert reverse("account_login") in pages
    assert "/django-admin/login/" not in pages


def test_no_login_form_opens_staff_pages_with_the_password_alone(kadra, staff_urls):
    forms = _password_forms()
    assert forms
    for page, form in forms:
        client = Client()
        data = {}
        for name, (kind, attrs) in form["fields"].items():
            if kind == "password":
                data[name] = TEST_PASSWORD
            elif kind in ("email", "text") or name in ("login", "username", "email"):
                data[name] = kadra.email
            elif kind == "hidden":
                data[name] = attrs.get("value", "")
        client.get(page)
        client.post(form["action"] or page, data)

        assert _opened(client, staff_urls) == [], f"{page} opened staff pages"


def test_the_one_login_asks_for_the_code_and_then_opens_staff_pages(kadra, staff_urls):
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": kadra.email, "password": TEST_PASSWORD}
    )
    assert response.url == reverse("mfa_authenticate")
    assert _opened(client, staff_urls) == []

    client.post(reverse("mfa_authenticate"), {"code": totp_code(kadra)})

    assert _opened(client, staff_urls) == staff_urls


def test_django_admin_is_gone(client):
    assert client.get("/django-admin/login/").status_code == 404


@pytest.mark.parametrize(
    "roles",
    [[accounts.ROLE_STAFF], [accounts.ROLE_SPECIAL_DATA], [accounts.ROLE_EDITORS]],
    ids=["kadra", "special-data-only", "editor"],
)
def test_a_password_only_session_is_honoured_no_staff_right(client, roles, staff_urls):
    """Any login that bypassed allauth's second step (Django's own `login()`)."""
    user = UserFactory(roles=roles)
    TOTP.activate(user, generate_totp_secret())
    log_in_password_only(client, user)

    assert _opened(client, staff_urls) == []
    response = client.get(reverse("enrolment_staff:queue"))
    assert response.url.startswith(reverse("mfa_reauthenticate"))


def test_a_superuser_without_the_second_factor_has_no_rights(client, staff_urls):
    boss = UserFactory(is_superuser=True, is_staff=True)
    TOTP.activate(boss, generate_totp_secret())
    log_in_password_only(client, boss)

    assert _opened(client, staff_urls) == []


def test_entering_the_code_later_restores_staff_rights(client, kadra, staff_urls):
    log_in_password_only(client, kadra)
    response = client.get(reverse("enrolment_staff:queue"))

    client.post(response.url, {"code": totp_code(kadra)})

    assert _opened(client, staff_urls) == staff_urls


def test_staff_without_an_authenticator_app_see_no_staff_data(client, staff_urls):
    user = UserFactory(roles=[accounts.ROLE_STAFF, accounts.ROLE_SPECIAL_DATA])
    client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})

    assert _opened(client, staff_urls) == []
    assert client.get(reverse("enrolment_staff:queue")).url == reverse("mfa_activate_totp")
