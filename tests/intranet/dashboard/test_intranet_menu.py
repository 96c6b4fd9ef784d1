"""The intranet's own navigation, by role: each person sees the screens they may open."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from directory.models import Representative
from portal import accounts
from tests.auth import log_in_password_only
from tests.factories.directory import EntityFactory
from tests.factories.intranet import EnrolmentFactory
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


def menu_of(client):
    html = client.get(reverse("intranet:dashboard")).content.decode()
    return html.split('class="intranet-nav"')[1].split("</nav>")[0]


def kadra():
    user = UserFactory(roles=[accounts.ROLE_STAFF])
    TOTP.activate(user, generate_totp_secret())
    return user


def test_a_member_sees_the_participant_menu_only(client, home_page):
    client.force_login(UserFactory())

    menu = menu_of(client)

    assert reverse("bookings:home") in menu and reverse("intranet:my_data") in menu
    assert reverse("enrolment_staff:queue") not in menu and "/admin/" not in menu


def test_kadra_see_their_tools_and_how_many_enrolments_wait(client, home_page):
    EnrolmentFactory(submitted=True)
    EnrolmentFactory(submitted=True)
    EnrolmentFactory()  # a draft waits for no one
    client.force_login(kadra())

    menu = menu_of(client)

    assert f'{reverse("enrolment_staff:queue")}">Zgłoszenia do rozpatrzenia' in menu
    assert "(2)" in menu
    for name in ("bookings_staff:desk", "events_staff:events", "indicators:dashboard"):
        assert reverse(name) in menu
    assert f'{reverse("feedback:results")}">Wyniki ankiet' in menu
    assert 'aria-current="page"' in menu.split(reverse("intranet:dashboard"))[1][:30]


def test_without_the_second_factor_kadra_see_the_participant_menu(client, home_page):
    log_in_password_only(client, kadra())

    assert reverse("enrolment_staff:queue") not in menu_of(client)


def breadcrumbs_of(client, url):
    html = client.get(url).content.decode()
    nav = html.split('class="breadcrumbs')[1].split("</nav>")[0]
    return re.findall(r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>', nav)


def test_a_representative_finds_its_entity_and_its_events_in_the_menu(client, home_page):
    member = UserFactory()
    entity = EntityFactory(name="Spółdzielnia Zielony Ogród")
    Representative.objects.create(user=member, entity=entity, status="approved")
    client.force_login(member)

    menu = menu_of(client)

    edit = reverse("directory_intranet:edit", args=(entity.pk,))
    assert f'{edit}">Profil: Spółdzielnia Zielony Ogród' in menu
    assert f'{reverse("intranet:dashboard")}#registrations-heading">Moje wydarzenia' in menu


def test_breadcrumbs_lead_from_the_dashboard_through_the_room_to_the_item(client, home_page):
    enrolment = EnrolmentFactory(submitted=True, first_name="Ewa", last_name="Nowak")
    client.force_login(kadra())
    queue = reverse("enrolment_staff:queue")
    detail = reverse("enrolment_staff:detail", args=(enrolment.pk,))

    # The dashboard is the top: no trail on it.
    assert 'class="breadcrumbs' not in client.get(reverse("intranet:dashboard")).content.decode()
    assert breadcrumbs_of(client, queue) == [
        (reverse("intranet:dashboard"), "", "Mój intranet"),
        (queue, ' aria-current="page"', "Zgłoszenia do rozpatrzenia"),
    ]
    assert breadcrumbs_of(client, detail) == [
        (reverse("intranet:dashboard"), "", "Mój intranet"),
        (queue, "", "Zgłoszenia do rozpatrzenia"),
        (detail, ' aria-current="page"', enrolment.display_name),
    ]
