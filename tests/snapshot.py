"""A fast restore of the demo database between transactional tests, on PostgreSQL.

Transactional tests (the browser tests, the concurrency tests) use Django's serialized rollback:
the database is flushed after each test and the demo reloaded before the next. Django reloads it
by deserializing a JSON dump object by object, which costs about 25 seconds per test on
PostgreSQL with the demo data (thousands of saves). Here the session copies every table once
into a schema of its own, and the restore is one `INSERT … SELECT` per non-empty table plus the
sequences, in a fraction of a second. Django's flush (a `TRUNCATE` of the same tables) is kept.

SQLite keeps Django's own serialized rollback.
"""

from __future__ import annotations

from django.apps import apps
from django.core.management.color import no_style
from django.db import transaction

# Table names below come from Django's introspection, quoted: no user input reaches the SQL.
SCHEMA = "test_demo_snapshot"
MARKER = "postgresql-snapshot:"


def supported(connection) -> bool:
    return connection.vendor == "postgresql"


def take(connection) -> str:
    """Copy every non-empty table into the snapshot schema; return the marker that stands for
    the serialized contents."""
    quote = connection.ops.quote_name
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    copied = []
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        cursor.execute(f"CREATE SCHEMA {SCHEMA}")
        for table in sorted(tables):
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {quote(table)})")  # noqa: S608
            if cursor.fetchone()[0]:
                cursor.execute(f"CREATE TABLE {SCHEMA}.{quote(table)} AS TABLE {quote(table)}")
                copied.append(table)
    return MARKER + ",".join(copied)


def restore(connection, marker: str) -> None:
    """Refill the flushed tables from the snapshot and move the sequences past the rows."""
    quote = connection.ops.quote_name
    tables = [name for name in marker.removeprefix(MARKER).split(",") if name]
    models = apps.get_models(include_auto_created=True)
    # Foreign keys are deferrable on PostgreSQL: checked once, at the end of the transaction.
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        # The first transactional test of a session finds the demo still there (no flush yet).
        cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {quote(tables[0])})")  # noqa: S608
        if cursor.fetchone()[0]:
            everything = connection.introspection.django_table_names(
                only_existing=True, include_views=False
            )
            cursor.execute(f"TRUNCATE {', '.join(quote(name) for name in everything)}")
        for table in tables:
            source = f"{SCHEMA}.{quote(table)}"
            cursor.execute(f"INSERT INTO {quote(table)} SELECT * FROM {source}")  # noqa: S608
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


def install() -> None:
    """Route Django's deserialization of a snapshot marker to `restore`."""
    from django.db.backends.postgresql.creation import DatabaseCreation

    if getattr(DatabaseCreation, "_demo_snapshot", False):
        return
    original = DatabaseCreation.deserialize_db_from_string

    def deserialize_db_from_string(self, data):
        if data.startswith(MARKER):
            restore(self.connection, data)
        else:
            original(self, data)

    DatabaseCreation.deserialize_db_from_string = deserialize_db_from_string
    DatabaseCreation._demo_snapshot = True
