"""Set-up that must exist on every installation, run after each migrate."""

from django.db.models.signals import post_migrate, post_save
from django.dispatch import receiver

from .models import HomePage
from .setup import ensure_groups, grant_page_permissions


@receiver(post_migrate)
def create_role_groups(sender, **kwargs):
    if sender.name == "home":
        ensure_groups()


@receiver(post_save, sender=HomePage)
def open_new_language_to_editors(sender, instance: HomePage, created: bool, raw=False, **kwargs):
    """A new language's home page (a translation) gets the editors' and moderators' permissions."""
    if created and not raw:
        grant_page_permissions(instance)
