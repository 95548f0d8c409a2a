"""Signal receivers of the editorial app: set-up after migrate, page cache purges, images
stored without their metadata."""

from django.db.models.signals import post_delete, post_migrate, post_save, pre_save
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

import core.cache.pages as cache
from core.images import strip_image_file
from home.models import HomePage
from home.setup import ensure_default_site_address, ensure_groups, grant_page_permissions


@receiver(post_migrate)
def create_role_groups(sender, **kwargs):
    if sender.name == "home":
        ensure_groups()
        ensure_default_site_address()


@receiver(pre_save, sender=get_image_model(), dispatch_uid="images:strip-metadata")
def strip_image_metadata(sender, instance, raw=False, **kwargs):
    """Editors' images are served as uploaded too (the original, and renditions made from it):
    store them without the camera's metadata (GPS position, device, date)."""
    if not raw:
        strip_image_file(instance)


@receiver(page_published, dispatch_uid="page-cache:page-published")
@receiver(page_unpublished, dispatch_uid="page-cache:page-unpublished")
@receiver(post_page_move, dispatch_uid="page-cache:page-moved")
def purge_on_page_change(sender, instance, **kwargs):
    """Publication (scheduled ones included), unpublication and moves change public pages."""
    cache.purge(f"page {instance.pk} published, unpublished or moved")


@receiver(post_delete, dispatch_uid="page-cache:page-deleted")
def purge_on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        cache.purge(f"page {instance.pk} deleted")


@receiver(post_save, dispatch_uid="page-cache:page-saved")
def purge_on_live_page_save(sender, instance, update_fields=None, **kwargs):
    """A full save of a live page changes what visitors see (scripts, imports, copies).

    Draft saves only update revision bookkeeping (``update_fields``) and purge nothing.
    """
    if update_fields is None and isinstance(instance, Page) and instance.live:
        cache.purge(f"live page {instance.pk} saved")


@receiver(post_save, sender=HomePage)
def open_new_language_to_editors(sender, instance: HomePage, created: bool, raw=False, **kwargs):
    """A new language's home page (a translation) gets the editors' and moderators' permissions."""
    if created and not raw:
        grant_page_permissions(instance)
