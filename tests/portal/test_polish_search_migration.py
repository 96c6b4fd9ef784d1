"""The Polish search migration never fails the migrate: without the dictionary files on
the server it falls back to accent folding and says so in the log (PostgreSQL only; the
DDL runs inside the test's transaction and is rolled back)."""

import importlib
import logging

import pytest
from django.db import connection

migration = importlib.import_module("portal.migrations.0005_polish_text_search")

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL text search"),
]


def lexemes(config, text):
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector(%s::regconfig, %s)::text", [config, text])
        return cursor.fetchone()[0]


def test_without_the_dictionary_files_the_migration_falls_back_and_says_so(monkeypatch, caplog):
    monkeypatch.setattr(migration, "DICTIONARY_FILES", "pl_plik_ktorego_nie_ma")
    caplog.set_level(logging.WARNING)

    with connection.schema_editor() as schema_editor:
        migration.create_configurations(None, schema_editor)

    assert "Polish dictionary files are missing" in caplog.text
    # Accents still fold, inflection is gone: "dotacji" stays "dotacji".
    assert lexemes("polish_unaccent", "Spółdzielnia dotacji") == "'dotacji':2 'spoldzielnia':1"


def test_with_the_dictionary_files_inflected_forms_meet():
    assert lexemes("polish_unaccent", "dotacji") == lexemes("polish_unaccent", "dotacje")
