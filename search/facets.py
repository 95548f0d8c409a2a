"""Facet counts turned into what the page and the API show: labels in the visitor's language,
whether each value is selected, in a stable order."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from core.translation import localize_all
from projects.experiments.models import Experiment
from projects.network.models import Territory, Theme

from .documents import Kind, SearchQuery, SearchResults


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str  # the query parameter
    label: str
    values: list[FacetValue]


def facets_for(results: SearchResults, query: SearchQuery) -> list[Facet]:
    """The facets of a page of results (two queries: theme and territory names)."""
    counts = results.facets
    kinds = dict(Kind.choices)
    facets = [
        Facet(
            "type",
            str(_("Type")),
            [
                FacetValue(
                    kind, str(label), counts.get("type", {}).get(kind, 0), kind in query.types
                )
                for kind, label in kinds.items()
                if counts.get("type", {}).get(kind) or kind in query.types
            ],
        )
    ]
    theme_counts = counts.get("theme", {})
    themes = localize_all(
        Theme.objects.canonical()
        .filter(slug__in=[*theme_counts, *query.themes])
        .order_by("number"),
        Locale.get_active(),
    )
    facets.append(
        Facet(
            "theme",
            str(_("Theme")),
            [
                FacetValue(t.slug, t.name, theme_counts.get(t.slug, 0), t.slug in query.themes)
                for t in themes
            ],
        )
    )
    territory_counts = counts.get("territory", {})
    names = dict(
        Territory.objects.filter(slug__in=[*territory_counts, *query.territories]).values_list(
            "slug", "name"
        )
    )
    ordered = sorted(names, key=lambda slug: (-territory_counts.get(slug, 0), names[slug]))
    facets.append(
        Facet(
            "territory",
            str(_("Territory")),
            [
                FacetValue(
                    slug, names[slug], territory_counts.get(slug, 0), slug in query.territories
                )
                for slug in ordered
            ],
        )
    )
    open_count = counts.get("open", {}).get("1", 0)
    if open_count or query.open_only:
        facets.append(
            Facet(
                "open",
                str(_("Funding calls")),
                [FacetValue("1", str(_("Open calls only")), open_count, query.open_only)],
            )
        )
    state_counts = counts.get("state", {})
    facets.append(
        Facet(
            "state",
            str(_("Experiment state")),
            [
                FacetValue(state, str(label), state_counts.get(state, 0), state in query.states)
                for state, label in Experiment.State.choices
                if state_counts.get(state) or state in query.states
            ],
        )
    )
    return [facet for facet in facets if facet.values]
