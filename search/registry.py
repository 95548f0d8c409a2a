"""Where each kind of result says what it indexes.

A `Source` turns the objects of one kind into `Document`s (one per language shown) and says which
model changes concern which of its objects. Sources register once (`register(source)`, from an
`AppConfig.ready`); the sync signals, the index rebuild and the search page only go through this
registry, so a later kind of content registers itself and is searched like the others.
"""

from collections.abc import Iterable, Iterator

from django.db.models import Model

from .documents import Document


class Source:
    """What one kind of result indexes. Subclasses set `kind` and `models` and implement the
    three methods."""

    kind: str = ""
    # Models whose saves and deletions may change documents of this kind (signals).
    models: tuple[type[Model], ...] = ()

    def all_documents(self) -> Iterator[Document]:
        """Every document of this kind, for a full rebuild (a fixed number of queries)."""
        raise NotImplementedError

    def documents(self, object_id: int) -> list[Document]:
        """The current documents of one object; none when it should not be found any more."""
        raise NotImplementedError

    def object_ids(self, instance: Model) -> Iterable[int]:
        """The indexed objects that a change of ``instance`` (one of `models`) concerns."""
        return [instance.pk]


_SOURCES: dict[str, Source] = {}


def register(source: Source) -> Source:
    """Add a source (idempotent per kind: registering a kind again replaces its source)."""
    if not source.kind:
        raise ValueError("A search source needs a kind")
    _SOURCES[source.kind] = source
    return source


def sources() -> list[Source]:
    return list(_SOURCES.values())


def source(kind: str) -> Source:
    return _SOURCES[kind]


def sources_for(model: type[Model]) -> list[Source]:
    """The sources that a change of a ``model`` instance concerns (subclasses included)."""
    return [s for s in _SOURCES.values() if any(issubclass(model, m) for m in s.models)]
