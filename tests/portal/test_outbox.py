"""Nothing lost when the mail server is down: every message waits in the outbox
(django-post-office) until the mail worker (`manage.py deliver_mail`) hands it to a real
SMTP server — here a local aiosmtpd sink that is started only after the sign-ups."""

import asyncio
import datetime
import email
import os
import signal
import socket
import subprocess
import sys
import time

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from post_office.models import STATUS, Email

from events.models import Registration
from tests.events.conftest import sign_up_data
from tests.events.test_capacity_concurrency import concurrently
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.portal import UserFactory
from tests.mail import delivered

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent requests and a second process need PostgreSQL; CI sets DATABASE_URL",
)


class Sink:
    """A real SMTP server that keeps what it receives (optionally slowly)."""

    def __init__(self, delay=0.0):
        self.messages, self.delay = [], delay

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        if self.delay:
            await asyncio.sleep(self.delay)
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"

    def message_ids(self):
        return [message["Message-ID"] for message in self.messages]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """SMTP delivery to a port where nothing listens yet; `start()` opens the sink there."""
    port = _free_port()
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "django.core.mail.backends.smtp.EmailBackend"},
        "RETRY_INTERVAL": datetime.timedelta(seconds=1),
    }
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    controllers = []

    class Server:
        sink = Sink()

        @staticmethod
        def start(delay=0.0):
            Server.sink.delay = delay
            controller = Controller(Server.sink, hostname="127.0.0.1", port=port)
            controller.start()
            controllers.append(controller)

    Server.port = port
    yield Server
    for controller in controllers:
        controller.stop()


def _requests_while_the_mail_server_is_away(home_page, sign_ups, run):
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page), capacity=10)
    members = [UserFactory() for _ in range(5)]

    def sign_up(number):
        return Client().post(event.url, sign_up_data(number)).status_code

    statuses = run(sign_up, sign_ups)
    for number in range(5):
        statuses.append(
            Client()
            .post(
                reverse("account_signup"),
                {
                    "email": f"nowe{number}@example.org",
                    "password1": "Spoldzielnia-2026",
                    "password2": "Spoldzielnia-2026",
                },
            )
            .status_code
        )
    for member in members:
        statuses.append(
            Client().post(reverse("account_reset_password"), {"email": member.email}).status_code
        )
    return event, statuses


def _check_nothing_lost(smtp, event, statuses, sign_ups):
    assert [status for status in statuses if status >= 500] == []
    assert Registration.objects.filter(event=event).count() == sign_ups
    expected = sign_ups + 10
    assert Email.objects.count() == expected

    call_command("deliver_mail", once=True)  # the server is still away: refused, kept
    assert smtp.sink.messages == []
    assert Email.objects.filter(status=STATUS.requeued).count() == expected

    smtp.start()
    # A slow first pass may have refused a message twice; its next try then waits longer
    # (2 s, 4 s: the back-off). The worker runs every half second until all have arrived.
    for _ in range(60):
        time.sleep(0.5)
        call_command("deliver_mail", once=True)
        if not Email.objects.exclude(status=STATUS.sent).exists():
            break

    ids = smtp.sink.message_ids()
    assert len(ids) == expected and len(set(ids)) == expected  # all arrived, each once
    recipients = {message["To"] for message in smtp.sink.messages}
    assert {f"nowe{number}@example.org" for number in range(5)} <= recipients
    assert Email.objects.exclude(status=STATUS.sent).count() == 0


@pytest.mark.django_db
def test_with_the_mail_server_away_nothing_is_lost(
    home_page, smtp, django_capture_on_commit_callbacks
):
    def one_by_one(work, count):
        with django_capture_on_commit_callbacks(execute=True):
            return [work(number) for number in range(count)]

    event, statuses = _requests_while_the_mail_server_is_away(home_page, 10, one_by_one)
    _check_nothing_lost(smtp, event, statuses, 10)


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_concurrent_sign_ups_with_the_mail_server_away_lose_nothing(home_page, smtp):
    event, statuses = _requests_while_the_mail_server_is_away(home_page, 50, concurrently)
    _check_nothing_lost(smtp, event, statuses, 50)


@pytest.mark.django_db
def test_a_request_never_waits_for_a_slow_mail_server(
    client, home_page, smtp, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_TIMEOUT = 5
    smtp.start(delay=2)
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(event.url, sign_up_data())

    assert smtp.sink.messages == []  # queued: the request did not talk to the server
    call_command("deliver_mail", once=True)
    assert len(smtp.sink.messages) == 1


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_mid_delivery_loses_nothing(smtp, tmp_path):
    """200 queued messages; the worker is killed with SIGKILL while it delivers and started
    again. At most the one message in flight can arrive twice (one per batch)."""
    from django.core.mail import EmailMessage

    for number in range(200):
        EmailMessage("Test", "Treść", None, [f"odbiorca{number}@example.org"]).send()
    smtp.start(delay=0.01)
    database = django_settings.DATABASES["default"]
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        ),
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}",
        "MAIL_RETRY_SECONDS": "1",
    }
    command = [sys.executable, "manage.py", "deliver_mail", f"--lockfile={tmp_path / 'lock'}"]
    worker = subprocess.Popen(command, env=env, cwd=django_settings.BASE_DIR)  # noqa: S603
    for _ in range(6000):  # wait (at most a minute) until 50 have arrived
        if len(smtp.sink.messages) >= 50:
            break
        time.sleep(0.01)
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait()
    arrived_before_the_kill = len(smtp.sink.messages)

    subprocess.run([*command, "--once"], env=env, cwd=django_settings.BASE_DIR, check=True)  # noqa: S603

    ids = smtp.sink.message_ids()
    duplicates = len(ids) - len(set(ids))
    print(f"killed after {arrived_before_the_kill} of 200; arrived twice: {duplicates}")
    assert 0 < arrived_before_the_kill < 200
    assert len(set(ids)) == 200
    assert duplicates <= 1


@pytest.mark.django_db
def test_a_registration_rolled_back_queues_nothing_and_a_kept_one_its_message(home_page):
    from django.db import transaction

    from events import services

    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page))
    person = {
        "first_name": "Łucja",
        "last_name": "Żółkiewska",
        "participant_type": "individual",
    }

    class Undo(Exception):
        pass

    with pytest.raises(Undo), transaction.atomic():
        services.registration_create(event=event, email="a@example.org", **person)
        assert Email.objects.count() == 1  # queued inside the registration's transaction
        raise Undo
    assert Email.objects.count() == 0

    services.registration_create(event=event, email="b@example.org", **person)
    assert [message.to for message in delivered()] == [["b@example.org"]]


@pytest.mark.django_db
def test_kadra_finds_a_failed_message_by_recipient_and_sends_it_again(client, home_page, smtp):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.core.mail import EmailMessage

    from portal import accounts

    EmailMessage("Twój link", "https://sekretny-link", None, ["ewa@example.org"]).send()
    EmailMessage("Inna", "Treść", None, ["jan@example.org"]).send()
    smtp.start()
    kadra = UserFactory(roles=[accounts.ROLE_STAFF])
    TOTP.activate(kadra, generate_totp_secret())
    client.force_login(kadra)
    failed = Email.objects.get(to="ewa@example.org")
    failed.status = STATUS.failed
    failed.save()

    listing = client.get(reverse("email:index") + "?q=ewa@example.org").content.decode()
    assert "Twój link" in listing and "Inna" not in listing
    detail = client.get(reverse("email:inspect", args=(failed.pk,))).content.decode()
    assert "sekretny-link" not in detail  # bodies hold secret links: never shown
    client.post(reverse("email:resend", args=(failed.pk,)))
    call_command("deliver_mail", once=True)

    recipients = sorted(message["To"] for message in smtp.sink.messages)
    assert recipients == ["ewa@example.org", "jan@example.org"]


@pytest.mark.django_db
def test_a_member_cannot_open_the_outbox(client, home_page):
    client.force_login(UserFactory())

    assert client.get(reverse("email:index")).status_code == 302


@pytest.mark.django_db
def test_refused_deliveries_are_retried_less_and_less_often(smtp, settings):
    from django.core.mail import EmailMessage
    from django.utils import timezone

    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "RETRY_INTERVAL": datetime.timedelta(seconds=60),
    }
    EmailMessage("Link", "Treść", None, ["ewa@example.org"]).send()
    waits = []
    for _ in range(3):  # the server stays away; each time the retry is due, it is refused
        Email.objects.update(scheduled_time=timezone.now() - datetime.timedelta(seconds=1))
        call_command("deliver_mail", once=True)
        message = Email.objects.get()
        waits.append(round((message.scheduled_time - message.last_updated).total_seconds()))

    assert message.status == STATUS.requeued and message.number_of_retries == 3
    assert waits == [60, 120, 240]
