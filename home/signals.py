"""Set-up that must exist on every installation, run after each migrate."""

from django.db.models.signals import post_migrate
from django.dispatch import receiver

from .setup import ensure_groups


@receiver(post_migrate)
def create_role_groups(sender, **kwargs):
    if sender.name == "home":
        ensure_groups()
