"""``manage.py backup DEST``: the database and both storages to a folder or an S3 prefix."""

from django.core.management.base import BaseCommand, CommandError

import core.backup as backup


class Command(BaseCommand):
    help = (
        "Back up the database (every row, portable JSON) and the files of the public and private "
        "storages to DEST: a new local folder or s3://bucket/prefix."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination", help="A new folder, or s3://bucket/prefix")
        parser.add_argument("--database", default="default", help="Database alias to dump")

    def handle(self, *args, destination: str, database: str, **options):
        try:
            manifest = backup.backup(destination, using=database)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest.counts.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {rows} rows of {len(manifest.counts)} models and "
                f"{len(manifest.files)} files to {destination}"
            )
        )
