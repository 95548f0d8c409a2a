"""Native PostgreSQL backups: encrypted on the way out, restored whole, the newest kept.

`manage.py backup_database` (django-dbbackup: pg_dump, gzip, GPG) then `manage.py dbrestore
--decrypt --uncompress`, on PostgreSQL as CI runs it; on SQLite the command refuses with a clear
message (tested here too).
"""

import gzip
import subprocess

import dbbackup.settings as dbbackup_settings
import gnupg
import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection, connections

from projects.experiments.models import Experiment
from tests.factories import ExperimentFactory, UserFactory

pytestmark = [
    # Serialized rollback: the flush after each test must not recreate content types and groups
    # that the next serialized test loads again.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # django-dbbackup leaves its temporary files for the garbage collector to close.
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
]


def _backups(folder):
    """The backups in ``folder``, oldest first (without django-dbbackup's metadata files)."""
    return sorted(path for path in folder.iterdir() if not path.name.endswith(".metadata"))


@pytest.fixture
def on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump backups need PostgreSQL: run with DATABASE_URL (as .ci/run does)")


@pytest.fixture
def gpg_key(tmp_path, monkeypatch):
    """A key pair in a keyring of its own; backups are encrypted for it."""
    home = tmp_path / "gnupg"
    home.mkdir(mode=0o700)
    gpg = gnupg.GPG(gnupghome=str(home))
    key = gpg.gen_key(
        gpg.gen_key_input(
            key_type="EDDSA",
            key_curve="ed25519",
            subkey_type="ECDH",
            subkey_curve="cv25519",
            name_email="backups@example.org",
            no_protection=True,
        )
    )
    assert key.fingerprint, key.status
    monkeypatch.setenv("GNUPGHOME", str(home))
    monkeypatch.setattr(dbbackup_settings, "GPG_RECIPIENT", key.fingerprint)
    yield key.fingerprint
    # gpg starts an agent for the keyring, which outlives the test unless told to stop.
    subprocess.run(["gpgconf", "--homedir", str(home), "--kill", "gpg-agent"], check=False)


@pytest.fixture
def backup_dir(tmp_path, monkeypatch, settings):
    folder = tmp_path / "backups"
    folder.mkdir()
    options = {"location": str(folder), "base_url": None}
    monkeypatch.setattr(dbbackup_settings, "STORAGE_OPTIONS", options)
    settings.DBBACKUP_GPG_RECIPIENT = "set"  # the command's own check reads Django's settings
    return folder


def test_round_trip_restores_what_the_dump_held(on_postgresql, gpg_key, backup_dir):
    kept = ExperimentFactory(title="Atelier de réparation sauvegardé", lead=UserFactory())
    call_command("backup_database", verbosity=0)

    (dump,) = _backups(backup_dir)
    assert dump.name.endswith(".psql.bin.gz.gpg")
    raw = dump.read_bytes()
    # Encrypted: neither pg_dump's signature nor gzip's magic nor any text in clear.
    assert b"PGDMP" not in raw and not raw.startswith(b"\x1f\x8b")
    assert "sauvegardé".encode() not in raw
    with pytest.raises(OSError):
        gzip.decompress(raw)

    Experiment.objects.filter(pk=kept.pk).delete()
    ExperimentFactory(title="Créée après la sauvegarde", lead=UserFactory())
    connections.close_all()

    call_command(
        "dbrestore",
        "--database",
        "default",
        "--input-filename",
        dump.name,
        "--decrypt",
        "--uncompress",
        "--noinput",
        "--passphrase",
        "unused",
        verbosity=0,
    )
    connections.close_all()
    titles = set(Experiment.objects.values_list("title", flat=True))
    assert "Atelier de réparation sauvegardé" in titles
    assert "Créée après la sauvegarde" not in titles


def test_only_the_newest_backups_are_kept(on_postgresql, gpg_key, backup_dir, monkeypatch):
    monkeypatch.setattr(dbbackup_settings, "CLEANUP_KEEP", 2)
    for day in (1, 2, 3):
        with time_machine.travel(f"2026-12-0{day} 02:15:00", tick=False):
            call_command("backup_database", verbosity=0)
    names = [path.name for path in _backups(backup_dir)]
    assert names == [
        "cluster05-default-2026-12-02-021500.psql.bin.gz.gpg",
        "cluster05-default-2026-12-03-021500.psql.bin.gz.gpg",
    ]


def test_refuses_to_write_a_dump_in_clear(on_postgresql, backup_dir, settings):
    settings.DBBACKUP_GPG_RECIPIENT = None
    with pytest.raises(CommandError, match="BACKUP_GPG_RECIPIENT"):
        call_command("backup_database")
    assert not list(backup_dir.iterdir())


def test_on_sqlite_points_to_the_portable_backup(monkeypatch):
    monkeypatch.setattr(connections["default"], "vendor", "sqlite")
    with pytest.raises(CommandError, match=r"manage\.py backup DEST"):
        call_command("backup_database")
