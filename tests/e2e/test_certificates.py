"""The public check of a certificate passes axe-core's WCAG 2.1 A and AA rules on a desktop
and a 360 px phone: typing a code, an unknown code (the error summary), the certificate."""

import pytest
from django.utils import timezone

from events import attendance
from tests.factories.events import EventIndexPageFactory, EventPageFactory, RegistrationFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize(
    "viewport", [{"width": 1366, "height": 900}, {"width": 360, "height": 780}], ids=str
)
def test_checking_a_certificate_meets_wcag_21_aa(page, assert_accessible, home_page, viewport):
    page.set_viewport_size(viewport)
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page), title="Seminarium")
    lucja = RegistrationFactory(event=event, first_name="Łucja", last_name="Żółkiewska")
    on_the_day = timezone.localtime(event.start).date()
    attendance.attendance_set(registration=lucja, attended=True, today=on_the_day)

    page.goto("/zaswiadczenia/")
    assert_accessible(page)
    page.get_by_label("Kod weryfikacyjny").fill("AAAA-BBBB-CCCC")
    page.get_by_role("button", name="Sprawdź").click()
    assert "Żadne zaświadczenie" in page.get_by_role("alert").inner_text()
    assert_accessible(page)
    page.get_by_label("Kod weryfikacyjny").fill(lucja.certificate.code.replace("-", " ").lower())
    page.get_by_role("button", name="Sprawdź").click()

    assert "Łucja Żółkiewska" in page.content()
    assert_accessible(page)
