"""The periodic job of events: pass unconfirmed waiting-list offers on, then send the
reminders that are due. Safe to run twice or twice at once (each offer is handled under
its event's lock, each reminder claimed by a conditional UPDATE). Production runs it every
minute (deploy/owes-jobs.timer); `make run` runs it with `--every 60` beside the server."""

import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from events.reminders import reminders_send
from events.services import offers_expire


class Command(BaseCommand):
    help = "Expire unconfirmed waiting-list offers (the place goes on) and send due reminders."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=float,
            default=0,
            help="run again every this many seconds until stopped (default: once)",
        )

    def handle(self, *args, every, **options):
        while True:
            expired = offers_expire()
            reminded = reminders_send()
            self.stdout.write(f"Wygasłe oferty: {expired}, wysłane przypomnienia: {reminded}")
            if not every:
                return
            time.sleep(every)
            close_old_connections()
