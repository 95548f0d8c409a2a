"""Send the weekly digest of funding calls to the leads of experiments seeking funding."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from funding.matching.digest import send_digests


class Command(BaseCommand):
    help = (
        "E-mail each lead of an experiment seeking funding the matching calls new to them and "
        "those closing soon. Run it weekly, from cron or the task worker; running it twice the "
        "same week sends nothing more."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            help="Act as if today were this day (YYYY-MM-DD), e.g. to catch up after an outage.",
        )

    def handle(self, *args, date: str | None = None, **options):
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError as error:
                raise CommandError(f"--date: {error}") from error
        sent = send_digests(today)
        self.stdout.write(f"{sent} digest(s) sent.")
