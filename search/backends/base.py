"""The interface every search backend implements, and the helpers they share."""

import datetime
from collections.abc import Iterable, Mapping

from django.utils import timezone

from search.documents import Document, SearchQuery, SearchResults, Suggestion

# At most this many values of the territory facet are counted and shown.
MAX_FACET_VALUES = 12
SUGGESTIONS = 8


class SearchBackend:
    """Stores documents and answers queries. One instance per process (see `get_backend`)."""

    name = ""

    def replace(self, kind: str, object_id: int, documents: list[Document]) -> None:
        """Make ``documents`` the only documents of the object (none: remove it)."""
        raise NotImplementedError

    def rebuild(self, documents: Iterable[Document]) -> int:
        """Replace the whole index with ``documents`` (searches keep answering meanwhile);
        returns how many were indexed."""
        raise NotImplementedError

    def search(self, query: SearchQuery) -> SearchResults:
        raise NotImplementedError

    def suggest(self, query: SearchQuery, limit: int = SUGGESTIONS) -> list[Suggestion]:
        """Titles starting with the query's words (the last one as a prefix)."""
        raise NotImplementedError

    def rank_calls(self, text: str, call_ids: Iterable[int], language: str) -> Mapping[int, float]:
        """How well each funding call's text answers ``text`` (an experiment's), from 0 to 1
        (1: the best of these calls); calls that share nothing with it are left out."""
        raise NotImplementedError

    def count(self) -> int:
        """How many documents the index holds."""
        raise NotImplementedError


def query_now(query: SearchQuery) -> datetime.datetime:
    return query.now or timezone.now()


def paris_today(now: datetime.datetime) -> datetime.date:
    """Calls' and posts' dates are Paris dates (`funding.catalogue.models.paris_today`)."""
    from funding.catalogue.models import paris_today as today

    return today(now)
