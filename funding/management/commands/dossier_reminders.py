"""Remind leads of draft dossiers whose call closes within 7 days, then within 1 day."""

from django.core.management.base import BaseCommand

from funding.dossiers.services import send_reminders


class Command(BaseCommand):
    help = (
        "Send the deadline reminders of draft dossiers (7 days and 1 day before the call "
        "closes). Run it daily; each reminder leaves once."
    )

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"{sent} reminder(s) sent.")
