"""Editors upload documents and images: checked by opening them, served as attachments."""

import io

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents.models import Document

from portal import accounts
from portal.uploads import content_matches_name
from tests.factories import files
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
    upload(editor, "regulamin.pdf", files.pdf_bytes())

    assert Document.objects.filter(title="Regulamin").exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("regulamin.pdf", b"<html><script>alert(1)</script></html>"),
        ("regulamin.pdf", files.HTML_AS_PDF),
        ("lista.docx", b"%PDF-1.7 not a word file"),
        ("lista.docx", files.zip_bytes(**{"index.html": "<html></html>"})),
        ("dane.csv", b"<!DOCTYPE html><html></html>"),
        ("dane.txt", b"\x00\x01binary\x00"),
    ],
    ids=[
        "html-as-pdf",
        "html-with-pdf-prefix",
        "pdf-as-docx",
        "zip-as-docx",
        "html-as-csv",
        "binary-as-txt",
    ],
)
def test_a_file_whose_content_is_not_its_type_is_refused(editor, name, content):
    response = upload(editor, name, content)

    assert not Document.objects.exists()
    assert "nie odpowiada jego typowi" in response.content.decode()


def test_a_renamed_executable_is_refused_by_extension(editor):
    upload(editor, "program.exe", b"MZ\x90\x00")

    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("a.pdf", files.pdf_bytes(), True),
        ("a.docx", files.docx_bytes(), True),
        ("a.xlsx", files.xlsx_bytes(), True),
        ("a.odt", files.odt_bytes(), True),
        ("a.png", files.image_bytes("PNG"), True),
        ("a.jpg", files.image_bytes("JPEG"), True),
        ("a.zip", files.zip_bytes(a="b"), True),
        ("a.rtf", b"{\\rtf1\\ansi", True),
        ("a.csv", "nazwa;gmina\nSpółdzielnia;Kożuchów\n".encode(), True),
        ("a.csv", "ąę".encode()[:3], True),  # a sample cut inside a Polish letter
        ("a.pdf", files.HTML_AS_PDF, False),
        ("a.pdf", files.zip_bytes(a="b"), False),
        ("a.docx", files.xlsx_bytes(), False),
        ("a.xlsx", files.zip_bytes(**{"[Content_Types].xml": "<Types/>"}), False),
        ("a.odt", files.zip_bytes(mimetype="text/html"), False),
        ("a.png", files.image_bytes("JPEG"), False),
        ("a.jpg", b"\xff\xd8\xff\xe0<html>", False),
        ("a.exe", b"MZ\x90\x00", False),
    ],
    ids=[
        "pdf",
        "docx",
        "xlsx",
        "odt",
        "png",
        "jpeg",
        "zip",
        "rtf",
        "csv-polish",
        "csv-cut",
        "html-with-pdf-prefix",
        "zip-as-pdf",
        "xlsx-as-docx",
        "zip-with-content-types-only",
        "odt-with-wrong-mimetype",
        "jpeg-as-png",
        "jpeg-signature-only",
        "unknown-type",
    ],
)
def test_files_are_opened_to_tell_their_type(name, content, ok):
    file = io.BytesIO(content)
    file.name = name

    assert content_matches_name(file) is ok
    assert file.tell() == 0


def test_documents_are_served_through_django_as_attachments(client, editor):
    upload(editor, "regulamin.pdf", files.pdf_bytes())
    document = Document.objects.get()
    client.logout()

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
