"""Entities keep their own profiles current: representatives edit, staff approve."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from directory.models import Entity, Invitation, Representative
from portal import accounts
from tests.factories.directory import EntityFactory
from tests.factories.portal import UserFactory
from tests.mail import delivered

pytestmark = pytest.mark.django_db


def profile_data(**overrides):
    return {
        "name": "Spółdzielnia Socjalna Smak",
        "short_name": "Smak",
        "legal_form": "social_cooperative",
        "county": "swiebodzinski",
        "commune": "Świebodzin",
        "town": "Świebodzin",
        "postcode": "66-200",
        "description_text": "Gotujemy obiady dla szkół.",
        "services_text": "catering, obiady",
        **overrides,
    }


@pytest.fixture
def staff_client(client):
    staff = UserFactory(roles=[accounts.ROLE_STAFF])
    TOTP.activate(staff, generate_totp_secret())
    client.force_login(staff)
    return client


def approved(user, entity):
    return Representative.objects.create(user=user, entity=entity, status="approved")


def test_a_member_asks_to_represent_and_staff_approve_with_an_email(
    client, member, django_capture_on_commit_callbacks
):
    entity = EntityFactory(name="Fundacja Razem")
    client.force_login(member)
    client.post(reverse("directory_intranet:request", args=(entity.slug,)), {"message": "Prezes"})
    client.post(reverse("directory_intranet:request", args=(entity.slug,)), {})
    assert Representative.objects.filter(user=member, entity=entity, status="pending").count() == 1

    staff = UserFactory(roles=[accounts.ROLE_STAFF])
    TOTP.activate(staff, generate_totp_secret())
    client.force_login(staff)
    request = Representative.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("directory_staff:requests"),
            {"representation": request.pk, "decision": "approve", "reason": ""},
        )

    request.refresh_from_db()
    assert request.status == "approved" and request.decided_by == staff
    assert delivered()[0].to == [member.email]
    assert "zaakceptowana" in delivered()[0].body


def test_rejecting_a_request_needs_a_reason_the_member_sees(staff_client, member, client):
    request = Representative.objects.create(user=member, entity=EntityFactory())

    staff_client.post(
        reverse("directory_staff:requests"), {"representation": request.pk, "decision": "reject"}
    )
    request.refresh_from_db()
    assert request.status == "pending"
    staff_client.post(
        reverse("directory_staff:requests"),
        {"representation": request.pk, "decision": "reject", "reason": "Brak pełnomocnictwa"},
    )
    request.refresh_from_db()
    assert request.status == "rejected"
    client.force_login(member)
    assert "Brak pełnomocnictwa" in client.get(reverse("intranet:dashboard")).content.decode()


def test_an_edit_waits_for_approval_while_the_public_sees_the_old_profile(client, member):
    entity = EntityFactory(name="Stara Nazwa")
    approved(member, entity)
    client.force_login(member)

    client.post(
        reverse("directory_intranet:edit", args=(entity.pk,)),
        profile_data(name="Nowa Nazwa", nip="5261040828"),
    )

    entity.refresh_from_db()
    assert entity.name == "Stara Nazwa" and entity.nip == ""
    assert entity.workflow_in_progress
    assert entity.get_latest_revision_as_object().name == "Nowa Nazwa"
    assert "Stara Nazwa" in client.get(entity.get_absolute_url()).content.decode()
    page = client.get(reverse("directory_intranet:edit", args=(entity.pk,))).content.decode()
    assert "czekają na zatwierdzenie" in page
    assert 'value="Nowa Nazwa"' in page  # the representative keeps editing their draft


def test_staff_approval_in_the_workflow_publishes_the_change(client, member):
    entity = EntityFactory(name="Stara Nazwa")
    approved(member, entity)
    client.force_login(member)
    client.post(reverse("directory_intranet:edit", args=(entity.pk,)), profile_data(name="Nowa"))
    entity.refresh_from_db()
    staff = UserFactory(roles=[accounts.ROLE_STAFF])

    task_state = entity.current_workflow_task_state
    task_state.task.specific.on_action(task_state, staff, "approve")

    entity.refresh_from_db()
    assert entity.name == "Nowa"
    assert "Nowa" in client.get(entity.get_absolute_url()).content.decode()
    assert entity.services.filter(name="catering").exists()


def test_staff_rejection_comment_reaches_the_representative(client, member):
    entity = EntityFactory(name="Stara Nazwa")
    approved(member, entity)
    client.force_login(member)
    client.post(reverse("directory_intranet:edit", args=(entity.pk,)), profile_data())
    entity.refresh_from_db()
    staff = UserFactory(roles=[accounts.ROLE_STAFF])
    task_state = entity.current_workflow_task_state

    task_state.task.specific.on_action(task_state, staff, "reject", comment="Dodaj adres e-mail")

    page = client.get(reverse("directory_intranet:edit", args=(entity.pk,))).content.decode()
    assert "Dodaj adres e-mail" in page
    entity.refresh_from_db()
    assert entity.name == "Stara Nazwa"


def test_nobody_edits_an_entity_they_do_not_represent(client, member):
    mine, foreign, pending = EntityFactory(), EntityFactory(), EntityFactory()
    approved(member, mine)
    Representative.objects.create(user=member, entity=pending)
    client.force_login(member)

    for entity in (foreign, pending):
        url = reverse("directory_intranet:edit", args=(entity.pk,))
        assert client.get(url).status_code == 404
        assert client.post(url, profile_data(name="Przejęte")).status_code == 404
    assert not Entity.objects.filter(name="Przejęte").exists()
    assert client.get(reverse("directory_intranet:edit", args=(999999,))).status_code == 404


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"nip": "1234567890"}, "NIP"),
        ({"county": "gorzowski", "commune": "Świebodzin"}, "gmina nie leży"),
        ({"description_text": "x" * 10_000}, "5000"),
        ({"name": ""}, "To pole jest wymagane"),
    ],
    ids=["nip", "commune", "long-description", "no-name"],
)
def test_profile_form_errors_are_polish_and_change_nothing(client, member, overrides, message):
    entity = EntityFactory(name="Bez zmian")
    approved(member, entity)
    client.force_login(member)

    response = client.post(
        reverse("directory_intranet:edit", args=(entity.pk,)), profile_data(**overrides)
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    entity.refresh_from_db()
    assert entity.name == "Bez zmian" and not entity.workflow_in_progress


def test_a_proposed_entity_is_private_until_approved(client, member):
    client.force_login(member)

    client.post(reverse("directory_intranet:propose"), profile_data(name="Nowa Fundacja"))

    entity = Entity.objects.get(name="Nowa Fundacja")
    assert not entity.live and entity.workflow_in_progress
    assert Representative.objects.get(entity=entity).user == member
    assert client.get(entity.get_absolute_url()).status_code == 404
    assert "Nowa Fundacja" not in client.get("/katalog/").content.decode()


def test_staff_invite_a_representative_by_email_single_use(
    staff_client, client, django_capture_on_commit_callbacks
):
    entity = EntityFactory()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            reverse("directory_staff:invite"),
            {"email": "prezes@example.org", "entity": entity.pk, "role": "owner"},
        )
    invitation = Invitation.objects.get()
    assert invitation.token in delivered()[0].body
    url = reverse("directory_intranet:accept_invitation", args=(invitation.token,))

    client.force_login(UserFactory(email="ktos.inny@example.org"))
    client.post(url)
    assert not Representative.objects.exists()
    invited = UserFactory(email="prezes@example.org")
    client.force_login(invited)
    asked = client.get(url).content.decode()
    assert "Przyjmij zaproszenie" in asked and entity.name in asked
    assert not Representative.objects.exists()  # opening the link accepts nothing
    client.post(url)
    assert Representative.objects.get(user=invited, entity=entity).status == "approved"
    client.force_login(UserFactory(email="PREZES2@example.org"))
    client.post(url)
    assert Representative.objects.count() == 1


def test_an_invitation_expires(staff_client, client, settings):
    import datetime

    from django.utils import timezone

    from directory import services

    entity = EntityFactory()
    staff = UserFactory()
    invitation = services.representative_invite(
        email="prezes@example.org", entity=entity, role="owner", staff_user=staff
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=settings.INVITATION_VALID_DAYS + 1)
    )
    client.force_login(UserFactory(email="prezes@example.org"))

    page = client.post(
        reverse("directory_intranet:accept_invitation", args=(invitation.token,)), follow=True
    ).content.decode()

    assert "wygasło" in page
    assert not Representative.objects.exists()


def test_only_staff_reach_the_directory_staff_screens(client, member):
    url = reverse("directory_staff:requests")
    assert client.get(url).status_code == 302
    client.force_login(member)
    assert client.get(url).status_code == 403


def test_the_admin_menu_leads_staff_to_the_requests(staff_client):
    menu = staff_client.get(reverse("wagtailadmin_home")).content.decode()

    assert reverse("directory_staff:requests") in menu
