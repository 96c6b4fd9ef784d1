from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from directory.demo import seed_entities
from events.demo import seed_events, seed_more_events
from feedback.demo import seed_feedback
from intranet.dashboard.demo import seed_advisers, seed_enrolments, seed_grant_call
from news.demo import seed_news, seed_news_archive
from portal import demo  # the ground floor's own pages, settings and accounts


class Command(BaseCommand):
    help = "Fill the site with realistic Polish demo content and demo accounts (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--entities",
            type=int,
            default=60,
            help="How many directory entities to have in all (e.g. 10000 for benchmarks).",
        )
        parser.add_argument(
            "--news", type=int, default=0, help="News in all, older ones added (e.g. 500)."
        )
        parser.add_argument(
            "--events", type=int, default=0, help="Events in all, more added (e.g. 300)."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (never on a production site with real data).",
        )

    def handle(self, *args, force=False, entities=60, news=0, events=0, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates demo accounts with a published password; it runs only "
                "with DEBUG=1. Use --force if you really mean it."
            )
        with transaction.atomic():
            home = demo.seed_site()
            added_news = seed_news_archive(seed_news(home), news)
            added_events = seed_more_events(seed_events(home), events)
            created_entities = seed_entities(entities)
            accounts = demo.seed_accounts()
            enrolments = seed_enrolments()
            advisers = seed_advisers()
            calls = seed_grant_call()
            answers = seed_feedback()
        self.stdout.write(self.style.SUCCESS(f"Demo content ready at {home.url_path}"))
        self.stdout.write(f"News: {added_news} archive news added; events: {added_events} added.")
        self.stdout.write(f"Directory: {created_entities} entities added ({entities} in all).")
        self.stdout.write(f"Enrolments: {enrolments} added to the staff queue.")
        self.stdout.write(f"Advisers: {advisers} added with weekly hours.")
        self.stdout.write(f"Grant calls: {calls} open call added.")
        self.stdout.write(f"Feedback: {answers} survey answers added.")
        self.stdout.write(f"Demo accounts (password: {demo.DEMO_PASSWORD}):")
        for role, email in accounts:
            self.stdout.write(f"  {role:<22} {email}")
