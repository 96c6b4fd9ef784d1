"""The declaration of participation and the annual report as PDF files, opened with a PDF
parser: the same content as their print views, A4, tagged, titled, in Polish."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from intranet.models import PersonalDataAccess
from portal import accounts
from tests.factories.intranet import EnrolmentFactory
from tests.factories.portal import UserFactory
from tests.intranet.enrolment.test_enrolment_review import staff_user
from tests.intranet.indicators.test_indicators import kadra, year_2016  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def opened(response) -> tuple[PdfReader, str]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "pl" and root["/MarkInfo"]["/Marked"]
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
            595,
            842,
        )
    return reader, " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_declaration_as_pdf_names_the_participant_and_logs_the_access(client):
    enrolment = EnrolmentFactory(accepted=True, first_name="Łucja", last_name="Żółkiewska")
    client.force_login(staff_user(accounts.ROLE_SPECIAL_DATA))
    url = reverse("enrolment_staff:declaration_pdf", args=(enrolment.pk,))
    logged_before = PersonalDataAccess.objects.count()

    reader, text = opened(client.get(url))

    assert "Żółkiewska" in text and "Łucja" in text
    assert "Deklaracja uczestnictwa w projekcie" in text and "podpis uczestnika" in text
    assert "Deklaracja uczestnictwa" in reader.metadata.title
    assert PersonalDataAccess.objects.count() == logged_before + 1


def test_the_declaration_pdf_refuses_anonymous_and_members(client):
    enrolment = EnrolmentFactory(accepted=True)
    url = reverse("enrolment_staff:declaration_pdf", args=(enrolment.pk,))

    assert client.get(url).status_code == 302
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403


def test_the_annual_report_as_pdf_has_the_2016_figures(client, kadra, year_2016):  # noqa: F811
    url = reverse("indicators:report", args=(2016,))
    client.post(url, {"recruitment": "Rekrutacja przebiegła zgodnie z planem, bez opóźnień."})

    reader, text = opened(client.get(reverse("indicators:report_pdf", args=(2016,))))

    assert "Sprawozdanie roczne 2016" in reader.metadata.title
    assert "Rekrutacja przebiegła zgodnie z planem, bez opóźnień." in text
    assert "293" in text and "94" in text and "Partnerstwa" in text
    assert "Zapisz komentarz" not in text  # the form is not printed
