"""Backups of the whole platform: the database and the files of both storages.

A backup is a folder (local, or under an ``s3://bucket/prefix``) holding:

- ``database.json.gz``: every row of every model, Django's portable serialisation (``dumpdata
  --all``, primary keys kept), loadable into an empty database of any engine Django supports;
- ``media/default/…`` and ``media/private/…``: the files of the public and private storages;
- ``manifest.json``: when and from what it was made, the row count of each model and the SHA-256
  of each file, so that a restore can prove nothing was lost.

A restore migrates the target database, empties it, loads the rows, writes the files back and
checks the counts and digests against the manifest.
"""

import contextlib
import datetime
import gzip
import hashlib
import json
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import django
from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction

FORMAT_VERSION = 1
DATABASE_FILE = "database.json.gz"
MANIFEST_FILE = "manifest.json"
MEDIA_DIR = "media"
STORAGE_ALIASES = ("default", "private")
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or a restore cannot go on (message for the operator)."""


@dataclass
class Manifest:
    """What a backup holds: row counts per model and a digest per file."""

    created: str
    engine: str
    django: str
    counts: dict[str, int] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    format: int = FORMAT_VERSION

    def to_json(self) -> str:
        return json.dumps(self.__dict__, indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "Manifest":
        data = json.loads(text)
        if data.get("format") != FORMAT_VERSION:
            raise BackupError(f"Unknown backup format {data.get('format')!r}.")
        return cls(**data)


# ------------------------------------------------------------------ what the platform holds
def backed_up_models() -> list[type[django.db.models.Model]]:
    """Every concrete, managed model (proxies share their concrete model's rows)."""
    return [
        model
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    ]


def row_counts(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.using(using).count() for model in backed_up_models()
    }


def walk_storage(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name under ``folder`` of a storage (local files or S3)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for sub in folders:
        yield from walk_storage(storage, f"{folder}/{sub}" if folder else sub)


def sha256_of(handle) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


def file_digests(folder: Path) -> dict[str, str]:
    """``<alias>/<name>`` → SHA-256 of every file under ``folder/media``."""
    media = folder / MEDIA_DIR
    digests = {}
    for path in sorted(media.rglob("*")):
        if path.is_file():
            with path.open("rb") as handle:
                digests[path.relative_to(media).as_posix()] = sha256_of(handle)
    return digests


# ------------------------------------------------------------------ where backups live
def is_s3(location: str) -> bool:
    return location.startswith("s3://")


def _s3_client():
    import boto3

    config = getattr(settings, "BACKUP_S3", {})
    return boto3.client(
        "s3",
        endpoint_url=config.get("endpoint_url") or None,
        region_name=config.get("region_name") or None,
        aws_access_key_id=config.get("access_key") or None,
        aws_secret_access_key=config.get("secret_key") or None,
    )


def _split_s3(location: str) -> tuple[str, str]:
    parsed = urlparse(location)
    if not parsed.netloc:
        raise BackupError(f"No bucket in {location!r}: use s3://bucket/prefix.")
    return parsed.netloc, parsed.path.strip("/")


def upload_folder(folder: Path, location: str) -> None:
    bucket, prefix = _split_s3(location)
    client = _s3_client()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            key = "/".join(filter(None, [prefix, path.relative_to(folder).as_posix()]))
            client.upload_file(str(path), bucket, key)


def download_folder(location: str, folder: Path) -> None:
    bucket, prefix = _split_s3(location)
    client = _s3_client()
    start = f"{prefix}/" if prefix else ""
    found = False
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=start):
        for item in page.get("Contents", []):
            relative = item["Key"][len(start) :]
            if not relative or relative.endswith("/"):
                continue
            target = folder / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            client.download_file(bucket, item["Key"], str(target))
            found = True
    if not found:
        raise BackupError(f"No backup found at {location}.")


# ------------------------------------------------------------------ backup
@contextlib.contextmanager
def _snapshot(using: str) -> Iterator[None]:
    """Read the counts and the rows from one state of the database while others write.

    PostgreSQL: a repeatable-read transaction. SQLite: one transaction (WAL readers see a fixed
    snapshot). Inside an existing transaction (tests), that transaction already is the snapshot.
    """
    connection = connections[using]
    if connection.in_atomic_block:
        yield
        return
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def write_backup(folder: Path, *, using: str = DEFAULT_DB_ALIAS) -> Manifest:
    """Dump the database and copy both storages into ``folder`` (created if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty: choose a new folder for each backup.")
    connection = connections[using]
    with _snapshot(using):
        counts = row_counts(using)
        call_command(
            "dumpdata",
            all=True,
            database=using,
            output=str(folder / DATABASE_FILE),
            verbosity=0,
        )
    for alias in STORAGE_ALIASES:
        storage = storages[alias]
        for name in walk_storage(storage):
            target = folder / MEDIA_DIR / alias / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with storage.open(name, "rb") as source, target.open("wb") as copy:
                shutil.copyfileobj(source, copy, CHUNK)
    manifest = Manifest(
        created=datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        engine=connection.vendor,
        django=django.get_version(),
        counts=counts,
        files=file_digests(folder),
    )
    (folder / MANIFEST_FILE).write_text(manifest.to_json(), encoding="utf-8")
    return manifest


def backup(destination: str, *, using: str = DEFAULT_DB_ALIAS) -> Manifest:
    """Back up to a local folder or to ``s3://bucket/prefix``."""
    if not is_s3(destination):
        return write_backup(Path(destination), using=using)
    with tempfile.TemporaryDirectory(prefix="cluster05-backup-") as tmp:
        manifest = write_backup(Path(tmp) / "backup", using=using)
        upload_folder(Path(tmp) / "backup", destination)
    return manifest


# ------------------------------------------------------------------ restore
def database_is_empty(using: str = DEFAULT_DB_ALIAS) -> bool:
    """No account and no page beyond what migrations create: nothing a restore would destroy."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    if User._meta.db_table not in connections[using].introspection.table_names():
        return True  # not even migrated
    return not User.objects.using(using).exists()


def read_backup(folder: Path, *, using: str = DEFAULT_DB_ALIAS, force: bool = False) -> Manifest:
    """Restore ``folder`` into the database and storages, then check it against its manifest."""
    manifest_path = folder / MANIFEST_FILE
    if not manifest_path.exists():
        raise BackupError(f"No {MANIFEST_FILE} in {folder}: not a backup.")
    manifest = Manifest.from_json(manifest_path.read_text(encoding="utf-8"))
    digests = file_digests(folder)
    if digests != manifest.files:
        raise BackupError("The backup's files do not match its manifest: it is damaged.")
    with gzip.open(folder / DATABASE_FILE, "rb") as dump:  # readable, not truncated
        for _ in iter(lambda: dump.read(CHUNK), b""):
            pass

    if not force and not database_is_empty(using):
        raise BackupError(
            "The database already holds accounts: restore into an empty database, or pass "
            "--force to replace everything in it."
        )
    call_command("migrate", database=using, interactive=False, verbosity=0)
    # Rows created by migrations (content types, permissions, the root page…) come back with
    # the dump, under the same keys.
    call_command("flush", database=using, interactive=False, inhibit_post_migrate=True, verbosity=0)
    call_command("loaddata", str(folder / DATABASE_FILE), database=using, verbosity=0)

    media = folder / MEDIA_DIR
    for relative in manifest.files:
        alias, name = relative.split("/", 1)
        storage = storages[alias]
        if storage.exists(name):
            storage.delete(name)
        with (media / relative).open("rb") as handle:
            saved = storage.save(name, File(handle, name=name))
        if saved != name:
            raise BackupError(f"{relative} was stored as {saved}.")

    problems = compare(manifest, row_counts(using), restored_digests(manifest))
    if problems:
        raise BackupError("Restore incomplete: " + "; ".join(problems))
    return manifest


def restored_digests(manifest: Manifest) -> dict[str, str]:
    """The digest of each file of the manifest, read back from the storages."""
    digests = {}
    for relative in manifest.files:
        alias, name = relative.split("/", 1)
        with storages[alias].open(name, "rb") as handle:
            digests[relative] = sha256_of(handle)
    return digests


def compare(manifest: Manifest, counts: dict[str, int], digests: dict[str, str]) -> list[str]:
    """What differs between a manifest and the current counts and files."""
    problems = [
        f"{label}: {expected} rows expected, {counts.get(label, 0)} found"
        for label, expected in sorted(manifest.counts.items())
        if counts.get(label, 0) != expected
    ]
    problems += [
        f"{name}: missing or different"
        for name, digest in sorted(manifest.files.items())
        if digests.get(name) != digest
    ]
    return problems


def restore(source: str, *, using: str = DEFAULT_DB_ALIAS, force: bool = False) -> Manifest:
    """Restore from a local folder or from ``s3://bucket/prefix``."""
    if not is_s3(source):
        return read_backup(Path(source), using=using, force=force)
    with tempfile.TemporaryDirectory(prefix="cluster05-restore-") as tmp:
        download_folder(source, Path(tmp))
        return read_backup(Path(tmp), using=using, force=force)
