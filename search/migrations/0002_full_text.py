"""The engine's full-text index over the entries: SQLite FTS5, or PostgreSQL unaccent + GIN."""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

from search.backends import sqlite_fts

GIN = "CREATE INDEX IF NOT EXISTS search_entry_vector ON search_searchentry USING gin (vector)"


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        sqlite_fts.install(connection)
    elif connection.vendor == "postgresql":
        schema_editor.execute(GIN)


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        sqlite_fts.uninstall(connection)
    elif connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_vector")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_entries")]

    operations = [
        # Skipped on engines other than PostgreSQL.
        UnaccentExtension(),
        migrations.RunPython(forwards, backwards),
    ]
