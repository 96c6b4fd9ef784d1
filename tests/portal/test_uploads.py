"""Editors upload documents and images: checked by content and size, served as attachments."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents.models import Document

from portal import accounts
from portal.forms import content_matches_extension
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = UserFactory(roles=[accounts.ROLE_EDITORS])
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    return client


def upload(client, name, content):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": "Regulamin", "file": SimpleUploadedFile(name, content), "collection": 1},
    )


def test_a_real_pdf_is_accepted(editor):
    upload(editor, "regulamin.pdf", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n")

    assert Document.objects.filter(title="Regulamin").exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("regulamin.pdf", b"<html><script>alert(1)</script></html>"),
        ("lista.docx", b"%PDF-1.7 not a word file"),
        ("dane.csv", b"<!DOCTYPE html><html></html>"),
        ("dane.txt", b"\x00\x01binary\x00"),
    ],
    ids=["html-as-pdf", "pdf-as-docx", "html-as-csv", "binary-as-txt"],
)
def test_a_file_whose_content_is_not_its_type_is_refused(editor, name, content):
    response = upload(editor, name, content)

    assert not Document.objects.exists()
    assert "nie odpowiada jego typowi" in response.content.decode()


def test_a_renamed_executable_is_refused_by_extension(editor):
    upload(editor, "program.exe", b"MZ\x90\x00")

    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("name", "head", "ok"),
    [
        ("a.xlsx", b"PK\x03\x04rest", True),
        ("a.odt", b"PK\x03\x04rest", True),
        ("a.rtf", b"{\\rtf1\\ansi", True),
        ("a.csv", "nazwa;gmina\nSpółdzielnia;Kożuchów\n".encode(), True),
        ("a.csv", "ąę".encode()[:3], True),  # a sample cut inside a Polish letter
        ("a.pdf", b"PK\x03\x04", False),
    ],
    ids=["xlsx", "odt", "rtf", "csv-polish", "csv-cut", "zip-as-pdf"],
)
def test_signatures(name, head, ok):
    assert content_matches_extension(name, head) is ok


def test_documents_are_served_through_django_as_attachments(client, editor):
    upload(editor, "regulamin.pdf", b"%PDF-1.7\n")
    document = Document.objects.get()
    client.logout()

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
