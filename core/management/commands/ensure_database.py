"""``manage.py ensure_database``: create the PostgreSQL database DATABASE_URL names when missing.

`make migrate` (and so `make run`) runs it first: a fresh DATABASE_URL then works at once when
the role may create databases; otherwise the command says in one line how to create it
(`createdb ...`) and exits non-zero, instead of `migrate` ending in a traceback. SQLite needs
nothing: its file is created on first use.
"""

from __future__ import annotations

import shlex

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

# Databases every PostgreSQL cluster has, to connect to while the wanted one does not exist.
MAINTENANCE_DATABASES = ("postgres", "template1")


def _connection_parameters(config: dict, dbname: str) -> dict:
    parameters = {
        "dbname": dbname,
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        "connect_timeout": 10,
    }
    return {key: value for key, value in parameters.items() if value is not None}


def createdb_hint(config: dict) -> str:
    """The shell command that creates the database, as an administrator would type it."""
    words = ["createdb"]
    if config.get("HOST"):
        words += ["-h", str(config["HOST"])]
    if config.get("PORT"):
        words += ["-p", str(config["PORT"])]
    if config.get("USER"):
        words += ["-U", "postgres", "-O", str(config["USER"])]
    words.append(str(config["NAME"]))
    return shlex.join(words)


def _maintenance_connection(config: dict):
    import psycopg

    last_error: Exception | None = None
    for dbname in MAINTENANCE_DATABASES:
        try:
            return psycopg.connect(**_connection_parameters(config, dbname), autocommit=True)
        except psycopg.OperationalError as error:
            last_error = error
    first_line = str(last_error).strip().splitlines()[0] if last_error else ""
    raise CommandError(
        f"Cannot reach PostgreSQL to check database {config['NAME']!r} ({first_line}). "
        f"Is the server running? To create the database: {createdb_hint(config)}"
    )


def ensure_database(config: dict) -> str:
    """Make sure the PostgreSQL database of ``config`` (a DATABASES entry) exists.

    Returns "exists" or "created"; raises `CommandError` with a one-line message saying how to
    create it when the role may not, or when the server cannot be reached.
    """
    import psycopg
    from psycopg import sql

    name = config["NAME"]
    with _maintenance_connection(config) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if found.fetchone():
            return "exists"
        try:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        except psycopg.Error as error:
            user = config.get("USER") or "the current role"
            reason = (error.diag.message_primary or str(error)).strip().splitlines()[0]
            raise CommandError(
                f"Database {name!r} does not exist and {user} may not create it ({reason}). "
                f"Create it with: {createdb_hint(config)}"
            ) from None
    return "created"


class Command(BaseCommand):
    help = "Create the PostgreSQL database named by DATABASE_URL if it does not exist yet."
    # No system check: some read the database, which may not exist yet.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default", help="The connection alias.")

    def handle(self, *args, **options):
        config = connections[options["database"]].settings_dict
        if connections[options["database"]].vendor != "postgresql":
            return
        if ensure_database(config) == "created":
            self.stdout.write(f"Created the PostgreSQL database {config['NAME']!r}.")
