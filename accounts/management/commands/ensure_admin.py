"""Make sure an administrator account exists, without ever using a fixed default password."""

import os
import secrets

from django.core.management.base import BaseCommand

from accounts.models import User


class Command(BaseCommand):
    help = (
        "Create the administrator (ADMIN_EMAIL, default admin@example.org) if missing. Its "
        "password comes from ADMIN_PASSWORD, else is generated and printed once."
    )

    def handle(self, *args, **options):
        email = os.environ.get("ADMIN_EMAIL", "admin@example.org").strip().lower()
        given = os.environ.get("ADMIN_PASSWORD", "")
        user = User.objects.filter(email=email).first()
        if user is None:
            password = given or secrets.token_urlsafe(16)
            User.objects.create_superuser(email, password, full_name="Administrateur")
            self.stdout.write(self.style.SUCCESS(f"Administrator created: {email}"))
            if not given:
                self.stdout.write(f"Its password, printed only now: {password}")
            return
        if not user.is_superuser or not user.is_active:
            user.is_superuser = user.is_staff = user.is_active = True
            user.save(update_fields=["is_superuser", "is_staff", "is_active"])
        if given:
            user.set_password(given)
            user.save(update_fields=["password"])
            self.stdout.write(f"Administrator {email}: password set from ADMIN_PASSWORD.")
        else:
            self.stdout.write(
                f"Administrator {email} exists (set ADMIN_PASSWORD and run again to reset it)."
            )
