"""Searching on behalf of a person, and rebuilding the index.

Views and the API never build `SearchQuery` themselves: `query_for` adds what the person may see
(the experiments `projects.experiments.permissions` lets them see), so that a private experiment
cannot appear through any of them.
"""

from collections.abc import Iterator

from core.cache import pages as page_cache
from projects.experiments.models import Experiment

from . import registry
from .apps import PAGE_CACHE_NAMESPACE
from .backends import get_backend
from .documents import Document, SearchQuery, SearchResults, Suggestion


def visible_experiment_ids(user) -> frozenset[int]:
    """Experiments ``user`` may find: public summaries, and those whose private space they may
    open (`Experiment.objects.viewable_by`, the rule of `projects.experiments.permissions`). One
    query."""
    return frozenset(Experiment.objects.viewable_by(user).values_list("pk", flat=True))


def experiment_space_ids(user) -> frozenset[int]:
    """Experiments whose private space ``user`` may open (`Experiment.objects.visible_to`):
    they find every field of these; nobody else finds more than the public page shows. No query
    for visitors."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    return frozenset(Experiment.objects.visible_to(user).values_list("pk", flat=True))


def query_for(user, **criteria) -> SearchQuery:
    """A query with the person's visibility."""
    return SearchQuery(
        experiment_ids=visible_experiment_ids(user),
        experiment_space_ids=experiment_space_ids(user),
        **criteria,
    )


def search(user, **criteria) -> SearchResults:
    return run(query_for(user, **criteria))


def run(query: SearchQuery) -> SearchResults:
    """A query already carrying the person's visibility (from `query_for`)."""
    return get_backend().search(query)


def suggest(user, **criteria) -> list[Suggestion]:
    return get_backend().suggest(query_for(user, **criteria))


def all_documents() -> Iterator[Document]:
    for source in registry.sources():
        yield from source.all_documents()


def rebuild_index() -> int:
    """Index every document of every source again (zero downtime; see the backends)."""
    count = get_backend().rebuild(all_documents())
    page_cache.purge("search index rebuilt", namespace=PAGE_CACHE_NAMESPACE)
    return count
