"""Helpers of the search tests: documents indexed into the configured backend inside the test's
transaction (rolled back at its end), on SQLite and on PostgreSQL alike."""

import datetime

import pytest

from search.backends import get_backend
from search.documents import Document, Kind, SearchQuery


def doc(object_id: int, title: str, body: str = "", **fields) -> Document:
    fields.setdefault("kind", Kind.PAGE)
    fields.setdefault("language", "fr")
    fields.setdefault("url", f"/fr/test/{object_id}/")
    return Document(object_id=object_id, title=title, body=body, **fields)


@pytest.fixture
def index(db):
    """index(*documents): put documents in the index (replacing those of the same objects)."""
    backend = get_backend()

    def add(*documents: Document) -> None:
        by_object: dict[tuple, list[Document]] = {}
        for document in documents:
            by_object.setdefault((document.kind, document.object_id), []).append(document)
        for (kind, object_id), found in by_object.items():
            backend.replace(kind, object_id, found)

    return add


def query(text: str, **fields) -> SearchQuery:
    fields.setdefault("language", "fr")
    fields.setdefault("now", datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC))
    return SearchQuery(text=text, **fields)
