"""Keeping the index in step with the content: after each commit, through a Django task.

Saves and deletions of every model a source declares, changes of their themes and territories,
and Wagtail's publish/unpublish signals schedule `reindex_objects` with
`transaction.on_commit`: nothing is indexed that a rollback undoes, and with
`TASKS_BACKEND=database` requests never wait for the index. Workflow transitions save the
experiment, so they are covered by the saves. A page's view restriction (signed-in people,
groups, a password) saved or removed re-indexes the page and everything under it: only pages
without a restriction, on them or above them, are indexed.
"""

from collections.abc import Iterable
from contextlib import suppress

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.cache import pages as page_cache
from home.demo import demo_load_started, demo_loaded

from . import registry
from .apps import PAGE_CACHE_NAMESPACE
from .documents import Kind
from .tasks import reindex_objects

# Bulk loads (the demo loader) pause the per-object sync and rebuild the index once at the end.
_paused = {"depth": 0}


def schedule(keys: Iterable[tuple[str, int]]) -> None:
    """Re-index these (kind, object id) once the current transaction commits."""
    if _paused["depth"]:
        return
    keys = [[kind, int(object_id)] for kind, object_id in dict.fromkeys(keys)]
    if keys:
        transaction.on_commit(lambda: reindex_objects.enqueue(keys))


def schedule_instance(instance) -> None:
    """Re-index what a change of ``instance`` concerns, worked out after the commit (so that a
    save costs no query inside the transaction)."""
    if _paused["depth"]:
        return

    def enqueue() -> None:
        with suppress(ObjectDoesNotExist):  # a parent already deleted in the same cascade
            keys = [[kind, object_id] for kind, object_id in dict.fromkeys(keys_for(instance))]
            if keys:
                reindex_objects.enqueue(keys)

    transaction.on_commit(enqueue)


def keys_for(instance) -> list[tuple[str, int]]:
    """The indexed objects that a change of ``instance`` concerns."""
    return [
        (str(source.kind), object_id)
        for source in registry.sources_for(type(instance))
        for object_id in source.object_ids(instance)
    ]


@receiver(post_save, dispatch_uid="search:post-save")
def _saved(sender, instance, raw=False, **kwargs) -> None:
    if raw or not registry.sources_for(sender):
        return
    # Cached result pages go at once (an experiment made private must leave them before the
    # task rewrites its document); the task purges them again once the index is written.
    page_cache.purge(f"{sender._meta.label} saved", namespace=PAGE_CACHE_NAMESPACE)
    schedule_instance(instance)


@receiver(post_delete, dispatch_uid="search:post-delete")
def _deleted(sender, instance, **kwargs) -> None:
    if not registry.sources_for(sender):
        return
    page_cache.purge(f"{sender._meta.label} deleted", namespace=PAGE_CACHE_NAMESPACE)
    # The object is gone: its documents go (sources answer none for a missing object), and
    # objects that depend on it (a funder's calls) are rewritten.
    schedule((str(source.kind), instance.pk) for source in registry.sources_for(sender))
    schedule_instance(instance)


@receiver(m2m_changed, dispatch_uid="search:m2m-changed")
def _relations_changed(sender, instance, action, reverse=False, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear") or reverse:
        return
    if registry.sources_for(type(instance)):
        schedule_instance(instance)


@receiver(page_published, dispatch_uid="search:page-published")
@receiver(page_unpublished, dispatch_uid="search:page-unpublished")
def _page_changed(sender, instance, **kwargs) -> None:
    schedule_instance(instance)


def _schedule_subtree(page_id: int) -> None:
    """Re-index a page and its descendants (their addresses or visibility changed)."""
    if _paused["depth"]:
        return
    page = Page.objects.filter(pk=page_id).only("path").first()
    if page is None:  # the page itself is being deleted: its own signals remove it
        return
    pages = Page.objects.filter(path__startswith=page.path).values_list("pk", flat=True)
    schedule((str(Kind.PAGE), pk) for pk in pages)


@receiver(post_page_move, dispatch_uid="search:page-moved")
def _page_moved(sender, instance, **kwargs) -> None:
    """A moved page and everything under it have new addresses."""
    _schedule_subtree(instance.pk)


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="search:restriction-saved")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="search:restriction-deleted")
def _restriction_changed(sender, instance, raw=False, **kwargs) -> None:
    """A page restricted (or no longer) leaves (or rejoins) public search with its subtree."""
    if not raw:
        _schedule_subtree(instance.page_id)


@receiver(
    m2m_changed, sender=PageViewRestriction.groups.through, dispatch_uid="search:restriction-groups"
)
def _restriction_groups_changed(sender, instance, action, reverse=False, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear") and not reverse:
        _schedule_subtree(instance.page_id)


@receiver(demo_load_started, dispatch_uid="search:demo-load-started")
def _pause(sender, **kwargs) -> None:
    _paused["depth"] += 1


@receiver(demo_loaded, dispatch_uid="search:demo-loaded")
def _resume(sender, complete: bool, **kwargs) -> None:
    _paused["depth"] = max(0, _paused["depth"] - 1)
    if complete and not _paused["depth"]:
        from .services import rebuild_index

        rebuild_index()
