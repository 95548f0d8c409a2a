"""Load the demo: accounts per role, editorial pages and (as they exist) the other apps' data."""

import os
import secrets

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from home.demo import accounts, load_all


class Command(BaseCommand):
    help = "Create the demo data. Idempotent: running it again creates nothing new."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even under production settings."
        )

    def handle(self, *args, force: bool = False, **options):
        if getattr(settings, "ENVIRONMENT", "") == "production" and not force:
            raise CommandError(
                "load_demo refuses to run under production settings: it creates accounts with a "
                "known password. Use --force if you really want demo data here."
            )
        given = os.environ.get("DEMO_PASSWORD", "")
        emails = [account.email for account in accounts.ACCOUNTS]
        existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
        password = given or secrets.token_urlsafe(12)
        load_all(password, reset_password=bool(given))
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        shown = [a for a in accounts.ACCOUNTS if given or a.email not in existing]
        if shown:
            self.stdout.write("Demo accounts (one per role):")
            for account in shown:
                self.stdout.write(f"  {account.email:<28} {account.role}")
            if given:
                self.stdout.write("Their password is the one in DEMO_PASSWORD.")
            else:
                self.stdout.write(
                    f"Their password, printed only now (set DEMO_PASSWORD and run again to "
                    f"change it): {password}"
                )
