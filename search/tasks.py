"""Background work of the search layer, run by django-tasks (immediately, or by a worker)."""

from django_tasks import task

from core.cache import pages as page_cache

from . import registry
from .apps import PAGE_CACHE_NAMESPACE
from .backends import get_backend


@task()
def reindex_objects(keys: list[list]) -> None:
    """Rewrite the documents of each (kind, object id): from the object as it is now, or none
    when it is gone or should not be found any more."""
    backend = get_backend()
    for kind, object_id in keys:
        source = registry.source(kind)
        backend.replace(kind, object_id, source.documents(object_id))
    # Anonymous visitors' search pages sit in the page cache: they must not outlive the index.
    page_cache.purge("search index updated", namespace=PAGE_CACHE_NAMESPACE)
