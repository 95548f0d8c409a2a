"""Backup and restore round trip: the test database (the demo plus files in both storages) is
backed up to S3 (moto's server on 127.0.0.1), restored by a fresh process into an empty database
of the same engine (SQLite, or PostgreSQL when the suite runs on it) and fresh storages, then
backed up again to a folder: both manifests must hold the same row count for every model and
the same digest for every file."""

import json
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import boto3
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.db import connection

import core.backup as backup
from accounts.models import User

ROOT = Path(__file__).resolve().parent.parent.parent
BUCKET = "cluster05-backups"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    ).create_bucket(Bucket=BUCKET)
    yield endpoint
    server.stop()


@pytest.fixture
def empty_database(tmp_path):
    """The DATABASE_URL of a new, empty database of the test database's engine."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    params = settings.DATABASES["default"]
    name = f"ops_restore_{uuid.uuid4().hex[:8]}"
    admin = {
        "host": params["HOST"] or "127.0.0.1",
        "port": params["PORT"] or 5432,
        "user": params["USER"],
        "password": params["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**admin) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    password = f":{params['PASSWORD']}" if params["PASSWORD"] else ""
    yield f"postgres://{params['USER']}{password}@{admin['host']}:{admin['port']}/{name}"
    with psycopg.connect(**admin) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    dropped = {"REDIS_URL", "ELASTICSEARCH_URL", "AWS_STORAGE_BUCKET_NAME", "DATABASE_URL"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped and not k.startswith("PYTEST")}
    clean.update(env)
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.mark.django_db
def test_backup_to_s3_restores_everything_into_an_empty_database(
    tmp_path, s3_endpoint, empty_database, settings
):
    settings.BACKUP_S3 = {
        "endpoint_url": s3_endpoint,
        "region_name": "us-east-1",
        "access_key": "testing",
        "secret_key": "testing",
    }
    public = storages["default"].save("backup-test/poster.txt", ContentFile(b"public bytes"))
    private = storages["private"].save("backup-test/budget.csv", ContentFile(b"line;1200\n"))
    location = f"s3://{BUCKET}/nightly/2026-11-26"

    original = backup.backup(location)

    assert original.counts["accounts.User"] == User.objects.count() > 5
    assert original.counts["wagtailcore.Page"] > 10
    assert f"default/{public}" in original.files
    assert f"private/{private}" in original.files
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "0",
        "VAR_DIR": str(tmp_path / "var"),
        "DATABASE_URL": empty_database,
        "BACKUP_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_S3_REGION_NAME": "us-east-1",
    }
    restored = manage(["restore", location], env)
    assert "Restored and verified" in restored.stdout
    restored_private = tmp_path / "var" / "private" / private
    assert restored_private.read_bytes() == b"line;1200\n"

    manage(["backup", str(tmp_path / "again")], env)
    again = json.loads((tmp_path / "again" / "manifest.json").read_text())
    assert again["counts"] == original.counts
    assert again["files"] == original.files


@pytest.mark.django_db
def test_restore_refuses_a_database_that_holds_accounts(tmp_path):
    call_command("backup", str(tmp_path / "b"))
    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(tmp_path / "b"))


@pytest.mark.django_db
def test_a_damaged_backup_is_refused(tmp_path):
    storages["private"].save("backup-test/a.txt", ContentFile(b"original"))
    backup.backup(str(tmp_path / "b"))
    damaged = next((tmp_path / "b" / "media" / "private").rglob("a*.txt"))
    damaged.write_bytes(b"changed")
    with pytest.raises(backup.BackupError, match="damaged"):
        backup.restore(str(tmp_path / "b"), force=True)


@pytest.mark.django_db
def test_a_backup_never_overwrites_an_earlier_one(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "manifest.json").write_text("{}")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path / "b"))


@pytest.mark.django_db
def test_the_manifest_counts_what_the_database_holds(tmp_path):
    manifest = backup.backup(str(tmp_path / "b"))
    assert manifest.counts == backup.row_counts()
    assert manifest.engine == connection.vendor
    assert (tmp_path / "b" / "database.json.gz").stat().st_size > 1000
