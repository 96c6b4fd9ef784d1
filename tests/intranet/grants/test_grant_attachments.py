"""Grant-application attachments: checked by their content, at most 10 MB, stored
privately under random names, downloaded only by the applicant and the evaluators."""

import importlib

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from intranet.models import Application
from portal import accounts
from tests.factories import files
from tests.factories.portal import UserFactory
from tests.intranet.enrolment.test_enrolment_review import staff_user
from tests.intranet.grants.conftest import apply

pytestmark = pytest.mark.django_db


def test_an_attachment_over_10_mb_is_refused(client, call, applicant):
    application = apply(client, call, applicant)
    big = SimpleUploadedFile(
        "biznesplan.pdf", b"%PDF-1.7 " + b"0" * (10 * 1024 * 1024), "application/pdf"
    )
    page = client.post(
        reverse("calls:application", args=(application.pk,)),
        {"action": "attach", "file": big},
        follow=True,
    ).content.decode()
    assert "Plik jest większy niż 10 MB." in page
    assert not application.attachments.exists()


def attach(client, application, name, content):
    upload = SimpleUploadedFile(name, content, "application/pdf")
    return client.post(
        reverse("calls:application", args=(application.pk,)),
        {"action": "attach", "file": upload},
        follow=True,
    ).content.decode()


def test_an_html_page_starting_like_a_pdf_is_refused(client, call, applicant):
    application = apply(client, call, applicant)

    page = attach(client, application, "evil.pdf", files.HTML_AS_PDF)

    assert "Zawartość tego pliku nie odpowiada jego typowi (evil.pdf)." in page
    assert not application.attachments.exists()
    page = attach(client, application, "evil.html", files.pdf_bytes())
    assert "Załącz plik PDF, DOCX, XLSX, ODT, JPEG lub PNG." in page
    assert not application.attachments.exists()


def test_an_attachment_is_stored_privately_under_a_random_name(client, call, applicant, settings):
    application = apply(client, call, applicant)
    attach(client, application, "biznesplan-kawiarni.pdf", files.pdf_bytes())
    attach(client, application, "biznesplan-kawiarni.pdf", files.pdf_bytes())

    first, second = application.attachments.order_by("pk")
    path = first.file.path
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert "biznesplan" not in first.file.name and first.file.name.endswith(".pdf")
    assert first.file.name != second.file.name
    assert first.name == "biznesplan-kawiarni.pdf"
    with pytest.raises(ValueError):
        first.file.url  # noqa: B018 - no public URL at all


def test_only_the_applicant_and_the_evaluators_download_an_attachment(client, call, applicant):
    application = apply(client, call, applicant)
    plan = files.pdf_bytes()
    attach(client, application, "biznesplan.pdf", plan)
    url = reverse("calls:attachment", args=(application.attachments.get().pk,))

    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="biznesplan.pdf"'
    assert b"".join(response.streaming_content) == plan

    client.force_login(UserFactory())  # another member
    assert client.get(url).status_code == 404
    editor = UserFactory(roles=[accounts.ROLE_EDITORS])  # staff, but no say in grants
    TOTP.activate(editor, generate_totp_secret())
    client.force_login(editor)
    assert client.get(url).status_code == 404
    client.force_login(staff_user())  # Kadra decide on applications: they read them
    assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url)["Location"].startswith(reverse("account_login"))


def test_attachments_uploaded_before_move_to_the_private_storage(call, applicant):
    from django.apps import apps
    from django.core.files.base import ContentFile
    from django.core.files.storage import storages

    migration = importlib.import_module("intranet.migrations.0011_private_attachments")
    application = Application.objects.create(call=call, entity=applicant[1])
    old_name = storages["default"].save("wnioski/2025/biznesplan.pdf", ContentFile(b"plan"))
    attachment = application.attachments.create(file=old_name, name="biznesplan.pdf")

    migration.move_to_private_storage(apps, None)

    attachment.refresh_from_db()
    assert not storages["default"].exists(old_name)
    assert "biznesplan" not in attachment.file.name
    assert attachment.file.read() == b"plan"
