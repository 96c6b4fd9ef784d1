"""After the event: certificates of attendance, their public check, the thank-you e-mail,
and the documents as real PDF files (opened here with a PDF parser)."""

import datetime
import io
from urllib.parse import urlsplit

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from events import attendance
from events.models import Certificate
from portal import accounts
from portal.models import SiteSettings
from tests.factories.events import EventPageFactory, RegistrationFactory
from tests.factories.portal import UserFactory
from tests.mail import delivered

pytestmark = pytest.mark.django_db

A4 = (595.28, 841.89)  # points
TITLE = "Seminarium sieciujące – współpraca z samorządem"


@pytest.fixture
def logo_strip():
    return SiteSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={
            "organisation_name": "Ośrodek Wsparcia Ekonomii Społecznej",
            "funding_logos": Image.objects.create(title="Logotypy", file=get_test_image_file()),
            "funding_logos_alt": "Fundusze Europejskie, Rzeczpospolita Polska, Unia Europejska",
        },
    )[0]


@pytest.fixture
def past_event(events_index):
    start = timezone.now() - datetime.timedelta(days=2)
    return EventPageFactory(
        parent=events_index, title=TITLE, start=start, end=start + datetime.timedelta(hours=3)
    )


@pytest.fixture
def lucja(past_event):
    return RegistrationFactory(
        event=past_event, first_name="Łucja", last_name="Żółkiewska", email="lucja@example.org"
    )


@pytest.fixture
def staff(client):
    user = UserFactory(roles=[accounts.ROLE_STAFF])
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    return client


def pdf(response) -> PdfReader:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def text_of(reader: PdfReader) -> str:
    return " ".join(page.extract_text() for page in reader.pages)


def assert_accessible_a4(reader: PdfReader, title_part: str):
    assert title_part in reader.metadata.title
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "pl"
    assert root["/MarkInfo"]["/Marked"]  # a tagged PDF, with its structure tree
    assert "/StructTreeRoot" in root
    for page in reader.pages:
        width, height = (float(page.mediabox.width), float(page.mediabox.height))
        assert (round(width, 1), round(height, 1)) == (round(A4[0], 1), round(A4[1], 1))


def images_on_first_page(reader: PdfReader) -> int:
    return len(reader.pages[0].images)


def test_check_in_issues_a_certificate_with_an_unguessable_code(lucja):
    attendance.attendance_set(registration=lucja, attended=True)
    attendance.attendance_set(registration=lucja, attended=True)  # marked twice: one certificate

    certificate = Certificate.objects.get(registration=lucja)
    other = attendance.certificate_issue(
        registration=RegistrationFactory(event=lucja.event, attended=True)
    )
    assert len(certificate.code) == 14 and certificate.code.count("-") == 2
    assert certificate.code != other.code
    assert Certificate.objects.count() == 2


def test_certificate_pdf_has_the_polish_name_the_event_the_logos_and_metadata(
    client, lucja, logo_strip
):
    attendance.attendance_set(registration=lucja, attended=True)
    certificate = lucja.certificate

    reader = pdf(client.get(reverse("certificates:pdf", args=(certificate.code,))))

    text = text_of(reader)
    assert "Łucja Żółkiewska" in text
    assert "Seminarium sieciujące" in text and "samorządem" in text
    assert certificate.code in text  # printed, so the paper can be checked
    assert_accessible_a4(reader, "Zaświadczenie")
    assert "Łucja Żółkiewska" in reader.metadata.title
    assert images_on_first_page(reader) == 1  # the EU logo strip
    assert len(reader.pages) == 1


def test_staff_print_the_certificate_and_the_attendance_list_as_pdf(
    staff, lucja, past_event, logo_strip
):
    RegistrationFactory(event=past_event, first_name="Jan", last_name="Nowak")
    lucja.attended = True
    lucja.save()  # marked on paper, before certificates existed: issued on first print

    certificate = pdf(
        staff.get(reverse("events_staff:certificate_pdf", args=(past_event.pk, lucja.pk)))
    )
    sheet = pdf(staff.get(reverse("events_staff:attendance_sheet_pdf", args=(past_event.pk,))))

    assert "Łucja Żółkiewska" in text_of(certificate)
    assert lucja.certificate.code in text_of(certificate)
    sheet_text = text_of(sheet)
    assert "Łucja Żółkiewska" in sheet_text and "Jan Nowak" in sheet_text
    assert TITLE in sheet_text and "Podpis" in sheet_text
    assert_accessible_a4(sheet, "Lista obecności")
    assert TITLE in sheet.metadata.title
    assert images_on_first_page(sheet) == 1


def test_attendance_list_pdf_runs_over_pages_for_a_big_event(staff, events_index):
    event = EventPageFactory(parent=events_index, title=TITLE, capacity=80)
    RegistrationFactory.create_batch(60, event=event, first_name="Żaneta")

    reader = pdf(staff.get(reverse("events_staff:attendance_sheet_pdf", args=(event.pk,))))

    assert len(reader.pages) > 1
    assert text_of(reader).count("Żaneta") == 60
    assert_accessible_a4(reader, "Lista obecności")


@pytest.mark.parametrize(
    "name", ["events_staff:attendance_sheet_pdf", "events_staff:certificate_pdf"], ids=str
)
def test_staff_documents_refuse_anonymous_and_members(client, lucja, name):
    lucja.attended = True
    lucja.save()
    args = (lucja.event.pk,) if name.endswith("sheet_pdf") else (lucja.event.pk, lucja.pk)

    assert client.get(reverse(name, args=args)).status_code == 302  # to the login
    client.force_login(UserFactory())
    assert client.get(reverse(name, args=args)).status_code == 403


def test_verification_page_confirms_a_real_code_and_nothing_else(client, lucja):
    lucja.phone = "600 100 200"
    lucja.organisation = "Spółdzielnia Socjalna Razem"
    lucja.save()
    attendance.attendance_set(registration=lucja, attended=True)
    code = lucja.certificate.code

    page = client.get(reverse("certificates:detail", args=(code,)))

    html = page.content.decode()
    assert page.status_code == 200
    assert "Łucja Żółkiewska" in html and TITLE in html and code in html
    for private in ("lucja@example.org", "600 100 200", "Spółdzielnia Socjalna Razem"):
        assert private not in html
    assert reverse("certificates:pdf", args=(code,)) in html


def test_a_made_up_code_is_404(client, lucja):
    attendance.attendance_set(registration=lucja, attended=True)

    for made_up in ("ABCD-EFGH-JKMN", "nie-ma-takiego", lucja.certificate.code.lower()):
        assert client.get(reverse("certificates:detail", args=(made_up,))).status_code == 404
        assert client.get(reverse("certificates:pdf", args=(made_up,))).status_code == 404


def test_a_certificate_of_someone_unmarked_or_erased_no_longer_verifies(client, lucja):
    attendance.attendance_set(registration=lucja, attended=True)
    url = reverse("certificates:detail", args=(lucja.certificate.code,))

    attendance.attendance_set(registration=lucja, attended=False)  # marked present by mistake
    assert client.get(url).status_code == 404
    attendance.attendance_set(registration=lucja, attended=True)  # the same code again
    assert client.get(url).status_code == 200
    lucja.first_name = lucja.last_name = ""  # what erasing the person leaves
    lucja.save()
    assert client.get(url).status_code == 404


def test_typing_a_code_finds_the_certificate_however_it_is_written(client, lucja):
    attendance.attendance_set(registration=lucja, attended=True)
    code = lucja.certificate.code
    typed = code.replace("-", " ").lower()

    found = client.get(reverse("certificates:lookup"), {"kod": typed})
    unknown = client.get(reverse("certificates:lookup"), {"kod": "AAAA-BBBB-CCCC"})

    assert found.status_code == 302
    assert found.url == reverse("certificates:detail", args=(code,))
    assert unknown.status_code == 404
    assert "Żadne zaświadczenie nie ma takiego kodu" in unknown.content.decode()
    assert client.get(reverse("certificates:lookup")).status_code == 200


def test_thank_you_with_the_certificate_is_sent_once_for_a_job_run_twice(client, lucja):
    attendance.attendance_set(registration=lucja, attended=True)
    absent = RegistrationFactory(event=lucja.event, email="absent@example.org")
    cancelled = RegistrationFactory(
        event=lucja.event, email="gone@example.org", status="cancelled", attended=True
    )

    call_command("send_thank_yous")
    first = [message for message in delivered() if message.to == ["lucja@example.org"]]
    call_command("send_thank_yous")
    everything = delivered()

    assert len(first) == 1
    thanked = [message.to for message in everything]
    assert thanked.count(["lucja@example.org"]) == 1
    assert [absent.email] not in thanked and [cancelled.email] not in thanked
    message = first[0]
    assert TITLE in message.subject
    code = Certificate.objects.get(registration=lucja).code
    assert code in message.body
    link = next(line for line in message.body.splitlines() if "/zaswiadczenia/" in line)
    landing = client.get(urlsplit(link.strip()).path)
    assert landing.status_code == 200 and "Łucja Żółkiewska" in landing.content.decode()


def test_no_thank_you_before_the_event_ends_or_long_after(events_index):
    now = timezone.now()
    running = EventPageFactory(
        parent=events_index,
        start=now - datetime.timedelta(hours=1),
        end=now + datetime.timedelta(hours=2),
    )
    long_ago = EventPageFactory(
        parent=events_index,
        start=now - datetime.timedelta(days=60),
        end=now - datetime.timedelta(days=60) + datetime.timedelta(hours=2),
    )
    for event in (running, long_ago):
        attendance.attendance_set(registration=RegistrationFactory(event=event), attended=True)

    assert attendance.thank_you_send() == 0
    later = now + datetime.timedelta(hours=3)
    assert attendance.thank_you_send(now=later) == 1  # the running one, once it has ended
    assert attendance.thank_you_send(now=later) == 0
