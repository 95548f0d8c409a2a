"""The text part of the funding matcher, from the search layer (see
`funding/matching/relevance.py`)."""

from collections.abc import Iterable, Mapping

from .backends import get_backend


def call_relevance(text: str, call_ids: Iterable[int], language: str = "fr") -> Mapping[int, float]:
    """How well each call's indexed text answers an experiment's ``text``, from 0 to 1: the
    full-text rank on the database, `more_like_this` on Elasticsearch; 1 is the best call."""
    return get_backend().rank_calls(text, call_ids, language)
