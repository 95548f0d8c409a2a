"""Take expired posts off the sharing board and remind authors before their posts expire."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from projects.sharing.services import expire_posts, remind_expiring_posts


class Command(BaseCommand):
    help = (
        "Expire the sharing posts past their expiry date and remind the authors of posts that "
        "expire within a week (once). Run it daily, from cron or the task worker; running it "
        "twice the same day changes nothing."
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
        expired = expire_posts(today)
        reminded = remind_expiring_posts(today)
        self.stdout.write(f"{expired} post(s) expired, {reminded} reminder(s) sent.")
