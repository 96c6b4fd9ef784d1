"""The directory's full-text index uses the Polish, accent-folding configuration."""

from django.db import migrations

INDEX_SQL = (
    "CREATE INDEX IF NOT EXISTS directory_entity_search_idx ON directory_entity "
    "USING gin (to_tsvector('{config}'::regconfig, COALESCE(search_document, '')))"
)


def use_config(config):
    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("DROP INDEX IF EXISTS directory_entity_search_idx")
        schema_editor.execute(INDEX_SQL.format(config=config))

    return forwards


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0004_photos"),
        ("portal", "0005_polish_text_search"),
    ]

    operations = [migrations.RunPython(use_config("polish_unaccent"), use_config("simple"))]
