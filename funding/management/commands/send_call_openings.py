"""Tell the people who watch a call that it is open, once a day."""

from django.core.management.base import BaseCommand

from funding.matching.watches import send_call_openings


class Command(BaseCommand):
    help = (
        "Tell the people who asked, from an experiment's funding tab, to be told when a call "
        "opens that it is open now (in-app and by e-mail, in their language). Run it daily; "
        "each alert is sent once."
    )

    def handle(self, *args, **options):
        sent = send_call_openings()
        self.stdout.write(f"{sent} call opening alert(s) sent.")
