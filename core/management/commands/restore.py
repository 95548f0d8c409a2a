"""``manage.py restore SRC``: load a backup into an empty database and the storages, then check
every model's row count and every file's digest against the backup's manifest."""

from django.core.management.base import BaseCommand, CommandError

import core.backup as backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` from a folder or s3://bucket/prefix into an "
        "empty database (migrated first) and the storages, and verify it."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="A backup folder, or s3://bucket/prefix")
        parser.add_argument("--database", default="default", help="Database alias to restore")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the contents of a database that already holds accounts",
        )

    def handle(self, *args, source: str, database: str, force: bool, **options):
        try:
            manifest = backup.restore(source, using=database, force=force)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest.counts.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored and verified {rows} rows of {len(manifest.counts)} models and "
                f"{len(manifest.files)} files from {source} (backup of {manifest.created})"
            )
        )
