"""Wagtail's PostgreSQL search backend with a configurable autocomplete configuration.

modelsearch hard-codes `simple` for autocomplete, so "spoldz" would not find
"Spółdzielnia"; `AUTOCOMPLETE_CONFIG` lets autocomplete fold accents too.
"""

from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend


class PolishPostgresSearchBackend(PostgresSearchBackend):
    def __init__(self, params):
        super().__init__(params)
        self.autocomplete_config = params.get("AUTOCOMPLETE_CONFIG", "simple")


SearchBackend = PolishPostgresSearchBackend
