"""Who may open what: every URL of the project, as six kinds of visitor.

URLs come from the URL resolver (and the live pages from the page tree), so a new view
without an entry in EXPECTED fails `test_every_view_has_an_entry`. Wagtail's admin, allauth
and Wagtail's internal helpers have their own permission systems and are left out.
"""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.models import Page

from directory.models import Representative
from events.models import Certificate
from intranet.models import Application, ApplicationAttachment, GrantCall
from portal import accounts
from tests.factories.directory import EntityFactory
from tests.factories.events import EventIndexPageFactory, EventPageFactory, RegistrationFactory
from tests.factories.intranet import BookingFactory, EnrolmentFactory
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "representative_a", "representative_b", "adviser", "staff"]
LEFT_OUT = ("admin/", "django-admin/", "konto/", "dokumenty/", "_util/", "^media/")

LOGIN, OK, FORBIDDEN, MISSING, NOT_ALLOWED, REDIRECT = 302, 200, 403, 404, 405, 302


def only_staff(staff_code=OK):
    return {"anonymous": LOGIN, "staff": staff_code} | {
        role: FORBIDDEN for role in ROLES if role not in ("anonymous", "staff")
    }


def logged_in(code, anonymous=LOGIN):
    return {"anonymous": anonymous} | {role: code for role in ROLES if role != "anonymous"}


def everyone(code=OK):
    return dict.fromkeys(ROLES, code)


# url name -> (how to build its arguments from the world, expected status per role)
EXPECTED = {
    "events_staff:events": (lambda w: {}, only_staff()),
    "events_staff:attendees": (lambda w: {"event_id": w.event.pk}, only_staff()),
    "events_staff:export": (
        lambda w: {"event_id": w.event.pk, "file_format": "csv"},
        only_staff(),
    ),
    "events_staff:check_in": (lambda w: {"event_id": w.event.pk}, only_staff()),
    "events_staff:attendance_sheet": (lambda w: {"event_id": w.event.pk}, only_staff()),
    "events_staff:attendance_sheet_pdf": (lambda w: {"event_id": w.event.pk}, only_staff()),
    "events_staff:certificate": (
        lambda w: {"event_id": w.event.pk, "registration_id": w.registration.pk},
        only_staff(),
    ),
    "events_staff:certificate_pdf": (
        lambda w: {"event_id": w.event.pk, "registration_id": w.registration.pk},
        only_staff(),
    ),
    # Public: the code printed on a certificate is the key (the name and the event only).
    "certificates:lookup": (lambda w: {}, everyone()),
    "certificates:detail": (lambda w: {"code": w.certificate.code}, everyone()),
    "certificates:pdf": (lambda w: {"code": w.certificate.code}, everyone()),
    "events_staff:cancel": (lambda w: {"event_id": w.event.pk}, only_staff()),  # asks first
    "directory_staff:requests": (lambda w: {}, only_staff()),
    "directory_staff:invite": (lambda w: {}, only_staff(NOT_ALLOWED)),
    "directory_intranet:propose": (lambda w: {}, logged_in(OK)),
    "directory_intranet:edit": (
        lambda w: {"entity_id": w.entity_a.pk},
        logged_in(MISSING) | {"representative_a": OK},
    ),
    "directory_intranet:request": (
        lambda w: {"slug": w.entity_a.slug},
        logged_in(NOT_ALLOWED),
    ),
    "directory_intranet:accept_invitation": (
        lambda w: {"token": "nie-ma-takiego"},
        logged_in(REDIRECT),
    ),
    "intranet:dashboard": (lambda w: {}, logged_in(OK)),
    "intranet:my_data": (lambda w: {}, logged_in(OK)),
    "intranet:my_data_json": (lambda w: {}, logged_in(OK)),
    "enrolment:start": (lambda w: {}, logged_in(OK)),
    "enrolment:detail": (
        lambda w: {"enrolment_id": w.draft.pk},
        logged_in(MISSING) | {"member": OK},
    ),
    "enrolment:step": (
        lambda w: {"enrolment_id": w.draft.pk, "step": 1},
        logged_in(MISSING) | {"member": OK},
    ),
    "enrolment:submit": (lambda w: {"enrolment_id": w.draft.pk}, logged_in(NOT_ALLOWED)),
    "enrolment:confirm_delegation": (
        lambda w: {"enrolment_id": w.draft.pk},
        logged_in(NOT_ALLOWED),
    ),
    "bookings:home": (lambda w: {}, logged_in(OK)),
    "bookings:slots": (lambda w: {}, logged_in(REDIRECT)),  # no search given: back home
    "bookings:book": (lambda w: {}, logged_in(REDIRECT)),
    "bookings:detail": (
        lambda w: {"booking_id": w.booking.pk},
        logged_in(MISSING) | {"member": OK},
    ),
    "bookings:ics": (
        lambda w: {"booking_id": w.booking.pk},
        logged_in(MISSING) | {"member": OK},
    ),
    "bookings:cancel": (lambda w: {"booking_id": w.booking.pk}, logged_in(NOT_ALLOWED)),
    "bookings_staff:desk": (lambda w: {}, only_staff() | {"adviser": OK}),
    "bookings_staff:calendar": (lambda w: {}, only_staff() | {"adviser": OK}),
    "bookings_staff:walk_in": (lambda w: {}, only_staff(REDIRECT) | {"adviser": REDIRECT}),
    # Confidential notes: Kadra, and the meeting's own adviser (not this other adviser).
    "bookings_staff:outcome": (
        lambda w: {"booking_id": w.booking.pk},
        only_staff() | {"adviser": MISSING},
    ),
    "bookings_staff:invite": (
        lambda w: {"booking_id": w.booking.pk},
        only_staff(NOT_ALLOWED) | {"adviser": NOT_ALLOWED},
    ),
    "calls:list": (lambda w: {}, logged_in(OK)),
    "calls:application": (
        lambda w: {"application_id": w.application.pk},
        logged_in(MISSING) | {"representative_a": OK},
    ),
    "calls:attachment": (
        lambda w: {"attachment_id": w.attachment.pk},
        logged_in(MISSING) | {"representative_a": OK, "staff": OK},
    ),
    "calls:ranking": (lambda w: {"call_id": w.call.pk}, only_staff()),
    "calls:publish": (lambda w: {"call_id": w.call.pk}, only_staff(REDIRECT)),
    "calls:evaluate": (lambda w: {"application_id": w.application.pk}, only_staff()),
    "support:overdue": (lambda w: {}, only_staff() | {"adviser": OK}),
    # Confidential diagnoses: advisers and Kadra only.
    "support:path": (
        lambda w: {"enrolment_id": w.accepted.pk},
        only_staff() | {"adviser": OK},
    ),
    "indicators:dashboard": (lambda w: {}, only_staff()),
    "indicators:records": (lambda w: {"key": "people"}, only_staff()),
    "indicators:export": (lambda w: {"table": "summary", "file_format": "csv"}, only_staff()),
    "indicators:jobs": (lambda w: {}, only_staff()),
    "indicators:report": (lambda w: {"year": 2016}, only_staff()),
    "indicators:report_docx": (lambda w: {"year": 2016}, only_staff()),
    "indicators:report_pdf": (lambda w: {"year": 2016}, only_staff()),
    "enrolment_staff:queue": (lambda w: {}, only_staff()),
    "enrolment_staff:detail": (lambda w: {"enrolment_id": w.accepted.pk}, only_staff()),
    "enrolment_staff:declaration": (lambda w: {"enrolment_id": w.accepted.pk}, only_staff()),
    "enrolment_staff:declaration_pdf": (
        lambda w: {"enrolment_id": w.accepted.pk},
        only_staff(),
    ),
    "enrolment_staff:support_end": (
        lambda w: {"enrolment_id": w.accepted.pk},
        only_staff(NOT_ALLOWED),
    ),
    # Special-category data: not even staff, unless given the dedicated permission.
    "enrolment_staff:erase": (
        lambda w: {"enrolment_id": w.accepted.pk},
        logged_in(FORBIDDEN),
    ),
    "enrolment_staff:export_persons": (lambda w: {}, logged_in(FORBIDDEN)),
    "enrolment_staff:export_entities": (lambda w: {}, logged_in(FORBIDDEN)),
    "enrolment_staff:access_log": (lambda w: {}, logged_in(FORBIDDEN)),
    # A made-up survey link; a real one is tested in tests/feedback.
    "feedback:survey": (lambda w: {"token": "nie-ma-takiego"}, everyone(MISSING)),
    "feedback:thanks": (lambda w: {}, everyone()),
    "feedback:results": (lambda w: {}, only_staff()),
    "feedback:text_answers": (lambda w: {}, only_staff()),
    "feedback:export": (lambda w: {"table": "kinds", "file_format": "csv"}, only_staff()),
    "directory:list": (lambda w: {}, everyone()),
    "directory:export_csv": (lambda w: {}, everyone()),
    "directory:export_json": (lambda w: {}, everyone()),
    "directory:entity": (lambda w: {"slug": w.entity_a.slug}, everyone()),
    "search": (lambda w: {}, everyone()),
    "sitemap": (lambda w: {}, everyone()),
    "robots_txt": (lambda w: {}, everyone()),
    "health": (lambda w: {}, everyone()),
    "wagtail_serve": (None, everyone()),  # every live page of the tree, below
}


def project_views():
    def walk(patterns, prefix="", namespace=None):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, route, inner)
            elif isinstance(pattern, URLPattern) and not route.startswith(LEFT_OUT):
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return sorted(set(walk(get_resolver().url_patterns)))


def test_every_view_has_an_entry():
    assert set(project_views()) == set(EXPECTED)


class World:
    pass


@pytest.fixture
def world(home_page):
    world = World()
    events = EventIndexPageFactory(parent=home_page)
    world.event = EventPageFactory(parent=events)
    world.registration = RegistrationFactory(event=world.event, attended=True)
    world.certificate = Certificate.objects.create(registration=world.registration)
    world.entity_a = EntityFactory(name="Podmiot A")
    world.entity_b = EntityFactory(name="Podmiot B")
    world.users = {"anonymous": None, "member": UserFactory()}
    for role, entity in (
        ("representative_a", world.entity_a),
        ("representative_b", world.entity_b),
    ):
        user = UserFactory()
        Representative.objects.create(user=user, entity=entity, status="approved")
        world.users[role] = user
    world.draft = EnrolmentFactory(user=world.users["member"])
    world.accepted = EnrolmentFactory(accepted=True)
    world.booking = BookingFactory(member=world.users["member"])
    world.call = GrantCall.objects.create(
        title="Nabór", opens_on="2026-01-01", closes_on="2026-01-31", budget=1000
    )
    world.application = Application.objects.create(
        call=world.call, entity=world.entity_a, status="submitted"
    )
    world.attachment = ApplicationAttachment.objects.create(
        application=world.application,
        name="biznesplan.pdf",
        file=ContentFile(b"%PDF-1.4 plan", name="biznesplan.pdf"),
    )
    for role, group in (("adviser", accounts.ROLE_ADVISERS), ("staff", accounts.ROLE_STAFF)):
        user = UserFactory(roles=[group])
        TOTP.activate(user, generate_totp_secret())
        world.users[role] = user
    return world


@pytest.mark.parametrize("role", ROLES, ids=str)
def test_each_visitor_gets_only_what_is_theirs(client, world, role):
    if world.users[role] is not None:
        client.force_login(world.users[role])
    answers, wrong = {}, {}
    for name, (arguments, expected) in EXPECTED.items():
        if arguments is None:
            continue
        status = client.get(reverse(name, kwargs=arguments(world))).status_code
        answers[name] = status
        if status != expected[role]:
            wrong[name] = (status, expected[role])
    for page in Page.objects.live().filter(depth__gt=1).specific():
        status = client.get(page.url).status_code
        if status != EXPECTED["wagtail_serve"][1][role]:
            wrong[page.url] = (status, 200)

    assert not wrong, f"{role}: (got, expected) {wrong}"


@pytest.mark.parametrize("role", ROLES, ids=str)
def test_a_sign_up_s_secret_links_answer_whoever_holds_them_and_nothing_else(client, world, role):
    """The sign-up page and the offer page (events' page routes with a token, which the
    URL resolver above cannot enumerate): the link opens them for anyone, logged in or
    not; an unknown token, or one of another event, is a 404."""
    if world.users[role] is not None:
        client.force_login(world.users[role])
    other = EventPageFactory(parent=world.event.get_parent())
    token = world.registration.token
    answers = {
        path: client.get(path).status_code
        for path in (
            f"{world.event.url}zapis/{token}/",
            f"{world.event.url}zapis/{token}/potwierdz/",
            f"{world.event.url}zapis/nie-ma-takiego/potwierdz/",
            f"{other.url}zapis/{token}/potwierdz/",
        )
    }

    assert list(answers.values()) == [OK, OK, MISSING, MISSING], answers


def test_representatives_cannot_write_to_another_entity(client, world):
    client.force_login(world.users["representative_b"])

    response = client.post(
        reverse("directory_intranet:edit", kwargs={"entity_id": world.entity_a.pk}),
        {"name": "Przejęty"},
    )

    assert response.status_code == 404
    world.entity_a.refresh_from_db()
    assert world.entity_a.name == "Podmiot A"


@pytest.mark.parametrize(
    "groups",
    [[accounts.ROLE_STAFF], [accounts.ROLE_SPECIAL_DATA], [accounts.ROLE_ADVISERS]],
    ids=["kadra", "special-data-only", "adviser"],
)
def test_staff_with_the_password_only_get_what_a_new_member_gets(client, world, groups):
    """A staff account whose session skipped the second factor ("staff, password only"):
    on every URL it gets the answer a member with no records gets, or is sent to enter
    its code — never a staff page."""
    from django.test import Client

    from tests.auth import log_in_password_only

    staff = UserFactory(roles=groups)
    TOTP.activate(staff, generate_totp_secret())
    log_in_password_only(client, staff)
    newcomer = Client()
    newcomer.force_login(UserFactory())
    wrong = {}
    for name, (arguments, _expected) in EXPECTED.items():
        if arguments is None:
            continue
        url = reverse(name, kwargs=arguments(world))
        response, baseline = client.get(url), newcomer.get(url).status_code
        sent_to_code = response.status_code == 302 and response.url.startswith(
            reverse("mfa_reauthenticate")
        )
        if response.status_code != baseline and not sent_to_code:
            wrong[name] = (response.status_code, baseline)

    assert not wrong, f"(got, a new member's answer) {wrong}"
