"""What the search layer indexes: plain documents, whatever the backend.

A source (see `search/registry.py`) turns an object of the platform into one document per
language it is shown in. Backends store documents and answer `SearchQuery`s with `SearchResults`;
neither side knows the other's models.
"""

import datetime
from dataclasses import dataclass, field, replace

from django.db import models
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """The kinds of result, in the order the type facet lists them."""

    PAGE = "page", _("Pages")
    ORGANISATION = "organisation", _("Organisations")
    CALL = "call", _("Funding calls")
    SHARING = "sharing", _("Sharing board")
    EXPERIMENT = "experiment", _("Experiments")


@dataclass(frozen=True)
class Document:
    """One object in one language, as the backends index it.

    ``themes`` are canonical theme slugs; ``territories`` territory slugs, each with every
    territory containing it (a search on the département finds what is in Gap). Time-dependent
    facts are stored as dates and checked at query time: ``opens_on``/``closes_at`` (a call is
    open now or not), ``expires_on`` (a sharing post leaves results when it expires).
    ``restricted``: a members' document, found only by the people who may open the object's
    private space (`SearchQuery.experiment_space_ids`); an object may have both a public document
    (what its public page shows) and a members' one (everything) in the same language.
    """

    kind: str
    object_id: int
    language: str
    title: str
    url: str
    body: str = ""
    themes: tuple[str, ...] = ()
    territories: tuple[str, ...] = ()
    state: str = ""
    restricted: bool = False
    opens_on: datetime.date | None = None
    closes_at: datetime.datetime | None = None
    expires_on: datetime.date | None = None

    @property
    def key(self) -> str:
        """Unique among every document: kind, object, language and audience."""
        audience = "-members" if self.restricted else ""
        return f"{self.kind}-{self.object_id}-{self.language}{audience}"


# Facets, in display order. "open" is a yes/no facet (calls open now).
FACETS = ("type", "theme", "territory", "open", "state")


@dataclass(frozen=True)
class SearchQuery:
    """A visitor's query: words, facet filters, visibility, page.

    ``experiment_ids`` are the experiments the person may see (public ones and their own):
    experiment documents outside it never come out, not in hits, counts nor suggestions.
    ``experiment_space_ids`` are those whose private space the person may open: they find the
    members' document of these (every field) instead of the public one (what the public page
    shows), and nobody else ever finds a members' document.
    """

    text: str
    language: str
    experiment_ids: frozenset[int] = frozenset()
    experiment_space_ids: frozenset[int] = frozenset()
    types: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()
    territories: frozenset[str] = frozenset()
    states: frozenset[str] = frozenset()
    open_only: bool = False
    page: int = 1
    per_page: int = 20
    now: datetime.datetime | None = None

    def without(self, facet: str) -> "SearchQuery":
        """The same query without the filter of ``facet`` (facet counts are disjunctive: a
        facet's counts ignore its own selection, so that other values stay reachable)."""
        cleared = {
            "type": {"types": frozenset()},
            "theme": {"themes": frozenset()},
            "territory": {"territories": frozenset()},
            "state": {"states": frozenset()},
            "open": {"open_only": False},
        }[facet]
        return replace(self, **cleared)


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: int
    title: str
    url: str
    extract: SafeString
    state: str = ""

    @property
    def kind_label(self) -> str:
        return str(Kind(self.kind).label)

    @property
    def state_label(self) -> str:
        from projects.experiments.models import Experiment

        return str(dict(Experiment.State.choices).get(self.state, self.state))


@dataclass
class SearchResults:
    """A page of hits, the total, and the facet counts as {facet: {value: count}}."""

    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    terms: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Suggestion:
    kind: str
    title: str
    url: str
