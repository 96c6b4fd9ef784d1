"""Polish, accent-folding full-text search on PostgreSQL (nothing to do on SQLite).

Creates `simple_unaccent` (for autocomplete: prefixes of the words as written, accents
folded) and `polish_unaccent` (for search: inflected forms found through the ASCII-folded
Polish ispell dictionary, unknown words kept by `simple`). The dictionary files are made by
`make pg-polish-dict` (and .ci/run) from Debian's hunspell-pl; where the server lacks them
(e.g. managed PostgreSQL), `polish_unaccent` falls back to unaccent + simple and the
migration says so instead of failing. Also enables pg_trgm and the f_unaccent() wrapper for
"did you mean" suggestions.
"""

import logging

from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger(__name__)

TOKEN_TYPES = "asciiword, asciihword, hword_asciipart, word, hword, hword_part"
DICTIONARY_FILES = "pl_pl_ascii"  # .dict and .affix in the server's tsearch_data


def _config(cursor, name, dictionaries):
    cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
    cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.simple)")
    cursor.execute(
        f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR {TOKEN_TYPES} "
        f"WITH {dictionaries}"
    )


def create_configurations(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cursor.execute(
            "CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text "
            "LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS "
            "$func$ SELECT public.unaccent('public.unaccent', $1) $func$"
        )
        _config(cursor, "simple_unaccent", "unaccent, simple")
        try:
            with transaction.atomic(using=connection.alias):
                cursor.execute("DROP TEXT SEARCH DICTIONARY IF EXISTS pl_ispell_ascii CASCADE")
                cursor.execute(
                    "CREATE TEXT SEARCH DICTIONARY pl_ispell_ascii "
                    f"(TEMPLATE = ispell, DictFile = {DICTIONARY_FILES}, "
                    f"AffFile = {DICTIONARY_FILES})"
                )
                _config(cursor, "polish_unaccent", "unaccent, pl_ispell_ascii, simple")
        except DatabaseError as error:
            logger.warning(
                "Polish dictionary files are missing on the database server (%s); "
                "search uses accent folding without Polish inflection. "
                "Run `make pg-polish-dict` on the server before migrating a new database.",
                str(error).splitlines()[0],
            )
            _config(cursor, "polish_unaccent", "unaccent, simple")


def drop_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS polish_unaccent")
        cursor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS simple_unaccent")
        cursor.execute("DROP TEXT SEARCH DICTIONARY IF EXISTS pl_ispell_ascii")


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_moderation_workflow")]

    operations = [migrations.RunPython(create_configurations, drop_configurations)]
