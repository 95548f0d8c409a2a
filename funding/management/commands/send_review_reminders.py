"""Remind the funders' reviewers of the reviews due within 3 days or late, once a day."""

from django.core.management.base import BaseCommand

from funding.dossiers.services import send_review_reminders


class Command(BaseCommand):
    help = (
        "Remind the reviewers assigned to a dossier whose review is due within 3 days or late "
        "(complete reviews and conflicts of interest excepted). Run it daily; each reviewer is "
        "reminded at most once a day."
    )

    def handle(self, *args, **options):
        sent = send_review_reminders()
        self.stdout.write(f"{sent} review reminder(s) sent.")
