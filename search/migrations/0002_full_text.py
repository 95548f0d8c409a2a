"""The engine's full-text index over the entries: SQLite FTS5, or PostgreSQL unaccent + GIN.

The SQLite definitions are those of this migration's time (the entries held their text then);
`search.backends.sqlite_fts` has the current ones, installed by 0005.
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

INSTALL = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(title_norm, body_norm, "
    "content='search_searchentry', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS search_fts_ai AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_fts(rowid, title_norm, body_norm) "
    "VALUES (new.id, new.title_norm, new.body_norm); END",
    "CREATE TRIGGER IF NOT EXISTS search_fts_ad AFTER DELETE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title_norm, body_norm) "
    "VALUES ('delete', old.id, old.title_norm, old.body_norm); END",
    "CREATE TRIGGER IF NOT EXISTS search_fts_au AFTER UPDATE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title_norm, body_norm) "
    "VALUES ('delete', old.id, old.title_norm, old.body_norm); "
    "INSERT INTO search_fts(rowid, title_norm, body_norm) "
    "VALUES (new.id, new.title_norm, new.body_norm); END",
    # Index what the table already holds.
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
UNINSTALL = [
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TABLE IF EXISTS search_fts",
]


def execute_all(connection, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


GIN = "CREATE INDEX IF NOT EXISTS search_entry_vector ON search_searchentry USING gin (vector)"


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        execute_all(connection, INSTALL)
    elif connection.vendor == "postgresql":
        schema_editor.execute(GIN)


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        execute_all(connection, UNINSTALL)
    elif connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_vector")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_entries")]

    operations = [
        # Skipped on engines other than PostgreSQL.
        UnaccentExtension(),
        migrations.RunPython(forwards, backwards),
    ]
