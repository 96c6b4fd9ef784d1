"""The mail worker: delivers the outbox (django-post-office) until stopped."""

import datetime
import signal
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.db.models import F
from post_office.lockfile import FileLock, FileLocked
from post_office.mail import get_queued, send_queued
from post_office.models import STATUS, Email
from post_office.settings import get_retry_timedelta

# A refused delivery waits RETRY_INTERVAL, then twice as long after each further refusal,
# at most an hour: a mail server that is down for long is not knocked on every minute.
LONGEST_WAIT_SECONDS = 3600


class Command(BaseCommand):
    help = (
        "Deliver queued e-mail every few seconds until stopped; a refused delivery is "
        "retried later (settings.POST_OFFICE)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=2.0, help="seconds between runs")
        parser.add_argument("--once", action="store_true", help="deliver what waits, then stop")
        parser.add_argument(
            "--lockfile",
            default=str(Path(tempfile.gettempdir()) / "owes-mail"),
            help="one worker per lock file delivers at a time",
        )

    def handle(self, *args, interval, once, lockfile, **options):
        stopping = []
        for stop in (signal.SIGTERM, signal.SIGINT):
            signal.signal(stop, lambda *_: stopping.append(True))
        while True:
            deliver_queued(lockfile)
            if once or stopping:
                return
            time.sleep(interval)
            close_old_connections()


def deliver_queued(lockfile: str) -> None:
    """Everything due, batch by batch (post_office's `send_queued_mail_until_done`, without
    its closing of the database connection, which would break a caller's transaction)."""
    try:
        with FileLock(lockfile):
            while True:
                send_queued(processes=1)
                back_off()
                if not get_queued().exists():
                    return
    except FileLocked:
        return  # another worker is delivering


def back_off() -> None:
    """Space the retries of refused messages out (post_office retries at a fixed interval):
    the n-th retry waits RETRY_INTERVAL × 2^(n-1) after the refusal, at most an hour."""
    first = get_retry_timedelta().total_seconds()
    retries = 1
    while first * 2 ** (retries - 1) < LONGEST_WAIT_SECONDS:
        wait = datetime.timedelta(seconds=first * 2 ** (retries - 1))
        Email.objects.filter(status=STATUS.requeued, number_of_retries=retries).update(
            scheduled_time=F("last_updated") + wait
        )
        retries += 1
    Email.objects.filter(status=STATUS.requeued, number_of_retries__gte=retries).update(
        scheduled_time=F("last_updated") + datetime.timedelta(seconds=LONGEST_WAIT_SECONDS)
    )
