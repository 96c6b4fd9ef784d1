"""PDF documents: size and render time of each (`python tests/bench/pdf.py`).

Migrates a throwaway SQLite file, makes an event with 60 people (one of them Łucja
Żółkiewska, present), an accepted enrolment and the EU logo strip, then downloads each
PDF through its view BENCH_PDF_RUNS times as Kadra and prints size and median time.
Figures only: no test asserts time.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BASE_DIR))
os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench-pdf.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("DEBUG", "1")


def main():
    import django

    django.setup()
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Site

    from events import attendance
    from portal import accounts
    from portal.models import SiteSettings
    from tests.auth import log_in_with_second_factor
    from tests.factories.events import (
        EventIndexPageFactory,
        EventPageFactory,
        RegistrationFactory,
    )
    from tests.factories.intranet import EnrolmentFactory
    from tests.factories.portal import HomePageFactory, UserFactory

    setup_test_environment()
    call_command("migrate", verbosity=0)
    root = Site.objects.get(is_default_site=True).root_page
    home = HomePageFactory(parent=root.get_parent() or root, slug="start-bench")
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    SiteSettings.objects.update_or_create(
        site=site,
        defaults={
            "funding_logos": Image.objects.create(title="Logotypy", file=get_test_image_file()),
            "funding_logos_alt": "Fundusze Europejskie",
        },
    )
    event = EventPageFactory(
        parent=EventIndexPageFactory(parent=home), title="Seminarium sieciujące", capacity=80
    )
    RegistrationFactory.create_batch(59, event=event, first_name="Żaneta")
    lucja = RegistrationFactory(event=event, first_name="Łucja", last_name="Żółkiewska")
    attendance.attendance_set(
        registration=lucja, attended=True, today=event.start.date()
    )  # as on the day of the event
    enrolment = EnrolmentFactory(accepted=True, first_name="Łucja", last_name="Żółkiewska")
    staff = UserFactory(roles=[accounts.ROLE_STAFF, accounts.ROLE_SPECIAL_DATA])
    TOTP.activate(staff, generate_totp_secret())
    client = Client()
    log_in_with_second_factor(client, staff)

    documents = {
        "certificate (public link)": reverse("certificates:pdf", args=(lucja.certificate.code,)),
        "attendance list, 60 people": reverse(
            "events_staff:attendance_sheet_pdf", args=(event.pk,)
        ),
        "declaration of participation": reverse(
            "enrolment_staff:declaration_pdf", args=(enrolment.pk,)
        ),
        "annual report": reverse("indicators:report_pdf", args=(2026,)),
    }
    runs = int(os.environ.get("BENCH_PDF_RUNS", "5"))
    print(f"{'document':32} {'pages':>5} {'size':>9} {'median':>9} {'max':>9}")
    for name, url in documents.items():
        times, response = [], None
        for _ in range(runs):
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
            assert response.status_code == 200, (name, response.status_code)
        from io import BytesIO

        from pypdf import PdfReader

        pages = len(PdfReader(BytesIO(response.content)).pages)
        print(
            f"{name:32} {pages:>5} {len(response.content) / 1024:>7.1f}kB "
            f"{statistics.median(times) * 1000:>7.0f}ms {max(times) * 1000:>7.0f}ms"
        )


if __name__ == "__main__":
    main()
