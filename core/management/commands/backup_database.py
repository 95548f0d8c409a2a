"""``manage.py backup_database``: a native, compressed, encrypted PostgreSQL dump, with retention.

django-dbbackup does the work (`pg_dump --format=custom`, gzip, GPG for ``BACKUP_GPG_RECIPIENT``,
keeping the ``BACKUP_KEEP`` newest); this command refuses what would give a backup nobody should
keep: a dump in clear, or a dump of SQLite (copy its file, or use `manage.py backup`).
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections


class Command(BaseCommand):
    help = (
        "Back up the PostgreSQL database with pg_dump, compressed and encrypted for "
        "BACKUP_GPG_RECIPIENT, keeping the BACKUP_KEEP newest backups."
    )

    def handle(self, *args, **options):
        if connections["default"].vendor != "postgresql":
            raise CommandError(
                "Native backups are for PostgreSQL. On SQLite, use `manage.py backup DEST` "
                "(every row and every file, portable to any engine)."
            )
        if not settings.DBBACKUP_GPG_RECIPIENT:
            raise CommandError(
                "Set BACKUP_GPG_RECIPIENT to the GPG key the backups are encrypted for: a "
                "database dump holds every account and dossier and is never written in clear."
            )
        call_command(
            "dbbackup",
            "--database",
            "default",
            "--compress",
            "--encrypt",
            "--clean",
            "--noinput",
            verbosity=options["verbosity"],
            stdout=self.stdout,
            stderr=self.stderr,
        )
