"""`manage.py ensure_database` (run by `make migrate`): a missing PostgreSQL database is created
when the role may, else one line says how to create it, without a traceback.

Runs against the PostgreSQL server of POSTGRES_ADMIN_URL (a superuser; default the local
server's `postgres` role), skipped when no server answers there.
"""

import io
import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError, call_command

from core.management.commands.ensure_database import ensure_database

ROOT = Path(__file__).resolve().parents[2]
ADMIN_URL = os.environ.get("POSTGRES_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")

psycopg = pytest.importorskip("psycopg")


def _admin() -> dict:
    url = urlsplit(ADMIN_URL)
    return {
        "host": url.hostname or "127.0.0.1",
        "port": url.port or 5432,
        "user": url.username or "postgres",
        "password": url.password or None,
        "dbname": url.path.lstrip("/") or "postgres",
        "autocommit": True,
        "connect_timeout": 5,
    }


@pytest.fixture
def server():
    try:
        connection = psycopg.connect(**_admin())
    except psycopg.OperationalError:
        pytest.skip(f"no PostgreSQL server at {ADMIN_URL}")
    with connection:
        yield connection


@pytest.fixture
def missing_name(server):
    """A database name nobody has; the database is dropped after the test if it was created."""
    name = f"ensure_db_{uuid.uuid4().hex[:10]}"
    yield name
    server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def role_without_createdb(server):
    name = f"ensure_db_role_{uuid.uuid4().hex[:8]}"
    server.execute(f"CREATE ROLE \"{name}\" LOGIN NOCREATEDB PASSWORD 'pw-{name}'")
    yield name, f"pw-{name}"
    server.execute(f'DROP ROLE IF EXISTS "{name}"')


def _config(name: str, user: str | None = None, password: str | None = None) -> dict:
    admin = _admin()
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "HOST": admin["host"],
        "PORT": str(admin["port"]),
        "USER": user or admin["user"],
        "PASSWORD": password if user else (admin["password"] or ""),
    }


def _exists(server, name: str) -> bool:
    return bool(server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone())


def test_missing_database_is_created_when_the_role_may(server, missing_name):
    assert ensure_database(_config(missing_name)) == "created"
    assert _exists(server, missing_name)
    # Running it again changes nothing.
    assert ensure_database(_config(missing_name)) == "exists"


def test_role_without_createdb_gets_the_command_to_run(server, missing_name, role_without_createdb):
    user, password = role_without_createdb
    with pytest.raises(CommandError) as raised:
        ensure_database(_config(missing_name, user, password))
    message = str(raised.value)
    assert "\n" not in message
    assert f"createdb -h {_admin()['host']} -p {_admin()['port']} -U postgres -O {user}" in message
    assert message.endswith(missing_name)
    assert not _exists(server, missing_name)


def test_make_migrate_path_ends_in_one_line_not_a_traceback(
    server, missing_name, role_without_createdb
):
    user, password = role_without_createdb
    admin = _admin()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PYTEST")},
        "DATABASE_URL": f"postgres://{user}:{password}@{admin['host']}:{admin['port']}/{missing_name}",
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "ensure_database"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "createdb" in lines[0]


def test_sqlite_needs_nothing(monkeypatch):
    """SQLite creates its file on first use: nothing is checked, nothing is printed."""
    import core.management.commands.ensure_database as command

    class SQLite:  # a SQLite connection, whatever database the suite runs on
        vendor = "sqlite"
        settings_dict = {"NAME": "var/db.sqlite3"}

    monkeypatch.setattr(command, "connections", {"default": SQLite()})

    def fail(config):
        raise AssertionError("SQLite has no server to ask")

    monkeypatch.setattr(command, "ensure_database", fail)
    out = io.StringIO()
    call_command("ensure_database", stdout=out)
    assert out.getvalue() == ""
