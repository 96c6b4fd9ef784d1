"""Rebuild the directory's Elasticsearch index from the live profiles, or (--queue) only
index the profiles whose update was queued while the cluster was away."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from directory import search_es
from directory.models import PendingIndexUpdate


class Command(BaseCommand):
    help = "Recreate the directory's Elasticsearch index (or catch up with the queue)."

    def add_arguments(self, parser):
        parser.add_argument("--queue", action="store_true", help="Only the queued updates.")

    def handle(self, *args, queue=False, **options):
        if not settings.ELASTICSEARCH_URL:
            raise CommandError("ELASTICSEARCH_URL is not set: the directory uses the database.")
        began = time.perf_counter()
        try:
            count = search_es.rebuild(queue_only=queue)
        except search_es.CLUSTER_ERRORS as error:
            raise CommandError(
                f"Elasticsearch at {settings.ELASTICSEARCH_URL} did not answer ({error}); "
                "nothing was changed, the queued updates are kept."
            ) from error
        seconds = time.perf_counter() - began
        waiting = PendingIndexUpdate.objects.count()
        if queue and waiting:
            raise CommandError(
                f"Elasticsearch at {settings.ELASTICSEARCH_URL} did not answer; "
                f"{waiting} queued updates are kept for the next run."
            )
        self.stdout.write(f"Indexed {count} entities in {seconds:.1f} s.")
