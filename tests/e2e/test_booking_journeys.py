"""Consultations in Chromium: a member books, gets the e-mail, moves and cancels; staff
book a walk-in from the desk in three actions; axe-core on every step and calendar."""

import datetime

import pytest
from django.utils import timezone

from intranet.models import AvailabilityException, Booking
from portal import accounts
from tests.factories.intranet import AdviserFactory, BookingFactory
from tests.factories.portal import LocationFactory, UserFactory
from tests.mail import delivered

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def centre(home_page):
    return LocationFactory(name="LOEiIS Kożuchów")


@pytest.fixture
def adviser(centre):
    return AdviserFactory(
        user__first_name="Iwona",
        user__last_name="Biznesowa",
        hours=[(day, "07:00", "22:00", centre) for day in range(7)],
    )


def staff_member():
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    user = UserFactory(roles=[accounts.ROLE_STAFF])
    TOTP.activate(user, generate_totp_secret())
    return user


def test_a_member_books_moves_and_cancels(page, log_in, assert_accessible, centre, adviser):
    # Away for the next three days, so the first free time can still be changed online.
    for days in range(3):
        AvailabilityException.objects.create(
            adviser=adviser,
            date=timezone.localdate() + datetime.timedelta(days=days),
            kind="unavailable",
        )
    member = UserFactory()
    log_in(page, member)
    page.goto("/intranet/")
    page.click("text=Zarezerwuj konsultację z doradcą")
    assert_accessible(page)
    page.check("text=doradztwo biznesowe")
    page.check("text=LOEiIS Kożuchów")
    page.click("text=Pokaż wolne terminy")
    assert_accessible(page)
    page.locator("a.slot").first.click()
    assert_accessible(page)
    page.fill("#id_topic", "Biznesplan dla spółdzielni")
    page.click("button[type=submit] >> text=Zarezerwuj")
    assert "Konsultacja jest zarezerwowana" in page.inner_text(".messages")
    assert_accessible(page)
    assert "Konsultacja zarezerwowana" in delivered()[-1].subject
    assert delivered()[-1].attachments[0][0] == "konsultacja.ics"
    first = Booking.objects.get(member=member)

    page.click("text=Przełóż na inny termin")
    page.locator("a.slot").nth(2).click()
    page.click("button[type=submit] >> text=Przełóż spotkanie")
    assert "Konsultacja jest zarezerwowana" in page.inner_text(".messages")
    moved = Booking.objects.get(member=member, status="booked")
    assert moved.start != first.start
    first.refresh_from_db()
    assert first.status == "cancelled"

    page.click("text=Odwołaj spotkanie")
    assert "odwołana" in page.inner_text(".messages")
    assert not Booking.objects.filter(member=member, status="booked").exists()


def test_staff_book_a_walk_in_in_three_actions(
    page, log_in, assert_accessible, centre, adviser, tuesday_morning
):
    log_in(page, staff_member())
    page.goto(f"/intranet/kadra/konsultacje/recepcja/?osrodek={centre.pk}")
    assert_accessible(page)
    row = page.locator("tr", has_text="Doradztwo biznesowe")
    row.locator("td").first.locator("a").first.click()  # action 1: the adviser free now
    assert_accessible(page)
    page.fill("#id_visitor_name", "Pani Halina")  # action 2: who
    page.fill("#id_visitor_phone", "600 100 200")
    page.click("text=Umów wizytę")  # action 3
    assert "Umówiono: Pani Halina" in page.inner_text(".messages")
    assert "Pani Halina" in page.inner_text("main")
    booking = Booking.objects.get()
    assert booking.is_walk_in and booking.start - timezone.now() < datetime.timedelta(minutes=16)


def test_calendars_and_the_outcome_form_meet_wcag_21_aa(
    page, log_in, assert_accessible, centre, adviser
):
    past = timezone.now() - datetime.timedelta(hours=3)
    booking = BookingFactory(
        adviser=adviser, location=centre, start=past, end=past + datetime.timedelta(hours=1)
    )
    BookingFactory(
        adviser=adviser, location=centre, is_walk_in=True, member=None, visitor_name="Gość"
    )
    log_in(page, staff_member())
    day = timezone.localtime(past).date().isoformat()
    page.goto(f"/intranet/kadra/konsultacje/kalendarz/?dzien={day}")
    assert_accessible(page)
    page.goto(
        f"/intranet/kadra/konsultacje/kalendarz/?dzien={day}&widok=tydzien&osrodek={centre.pk}"
    )
    assert_accessible(page)
    page.goto(f"/intranet/kadra/konsultacje/{booking.pk}/")
    page.check("text=spotkanie się odbyło")
    page.click("text=Zapisz przebieg")
    page.wait_for_selector(".errorlist")
    assert_accessible(page)
