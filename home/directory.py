"""Searching the directory of organisations: the visitor's filters and what they select.

Every filter works from a plain GET form (no JavaScript): theme, territory (matched both ways
through the territories' `ancestors` closure), kind, legal form, active members only, and free
text (name or description, accents and case ignored). Organisations are always the canonical
rows (default language); their text is shown in the visitor's language with `localize_all`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from core.text import Fold, search_terms
from core.translation import localize_all
from projects.network.models import Organisation, Territory, Theme

# Territory kinds in the order their groups appear in the territory list.
TERRITORY_GROUPS = list(Territory.Kind)


def territory_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every territory, grouped by kind from the narrowest, as (slug, name) choices."""
    grouped: dict[str, list[tuple[str, str]]] = {kind: [] for kind in TERRITORY_GROUPS}
    for slug, name, kind in Territory.objects.order_by("rank", "name").values_list(
        "slug", "name", "kind"
    ):
        grouped.setdefault(kind, []).append((slug, name))
    labels = dict(Territory.Kind.choices)
    return [(labels.get(kind, kind), options) for kind, options in grouped.items() if options]


def organisations_in_territory(queryset: QuerySet, territory: Territory) -> QuerySet:
    """Organisations based in or active on a territory inside, containing or equal to it.

    Filtering on the département finds an organisation based in Gap; filtering on Gap finds one
    active on the whole département.
    """
    related = Territory.objects.related_both_ways(territory).values("pk")
    active_there = Organisation.territories.through.objects.filter(territory_id__in=related)
    return queryset.filter(
        Q(commune_id__in=related) | Q(pk__in=active_there.values("organisation_id"))
    )


def organisations_matching(queryset: QuerySet, query: str, locale: Locale) -> QuerySet:
    """Organisations whose name or description holds every word of ``query``.

    Accents and case are ignored. The description is searched in French and in the visitor's
    language when the organisation has a translation.
    """
    terms = search_terms(query)
    if not terms:
        return queryset
    queryset = queryset.alias(folded_name=Fold("name"), folded_description=Fold("description"))
    translations = Organisation.objects.filter(
        translation_key=OuterRef("translation_key"), locale=locale
    ).alias(folded_description=Fold("description"))
    for term in terms:
        queryset = queryset.filter(
            Q(folded_name__contains=term)
            | Q(folded_description__contains=term)
            | Exists(translations.filter(folded_description__contains=term))
        )
    return queryset


class OrganisationFilter(django_filters.FilterSet):
    """The directory's filters, read from the query string."""

    q = django_filters.CharFilter(
        label=_("Name or description"),
        method="filter_text",
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    theme = django_filters.ChoiceFilter(
        label=_("Theme"), method="filter_theme", empty_label=_("All themes")
    )
    territory = django_filters.ChoiceFilter(
        label=_("Territory"),
        method="filter_territory",
        empty_label=_("All territories"),
        help_text=_("Organisations based in it, in a place inside it, or working on all of it."),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Organisation.Kind.choices, empty_label=_("All kinds")
    )
    legal_form = django_filters.ChoiceFilter(
        label=_("Legal form"),
        choices=Organisation.LegalForm.choices,
        empty_label=_("All legal forms"),
    )
    active = django_filters.BooleanFilter(
        label=_("Active members of the cluster only"),
        method="filter_active",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Organisation
        fields = ["q", "theme", "territory", "kind", "legal_form", "active"]

    def __init__(self, data=None, queryset=None, *, themes: list[Theme], locale: Locale, **kw):
        super().__init__(data, queryset, **kw)
        self.locale = locale
        self.themes_by_slug = {theme.slug: theme for theme in themes}
        self.filters["theme"].extra["choices"] = [(theme.slug, theme.name) for theme in themes]
        self.filters["territory"].extra["choices"] = territory_choices()

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return organisations_matching(queryset, value, self.locale)

    def filter_theme(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(themes=self.themes_by_slug[value])

    def filter_territory(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        territory = Territory.objects.filter(slug=value).first()
        if territory is None:  # removed between rendering the form and submitting it
            return queryset.none()
        return organisations_in_territory(queryset, territory)

    def filter_active(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        return queryset.filter(is_active_member=True) if value else queryset

    @property
    def active_filters(self) -> dict[str, object]:
        """The filters the visitor set (valid ones only)."""
        if not self.is_bound or not hasattr(self.form, "cleaned_data"):
            return {}
        return {key: value for key, value in self.form.cleaned_data.items() if value}


def directory_themes(locale: Locale) -> list[Theme]:
    """The canonical themes in theme order, named in ``locale``."""
    return localize_all(Theme.objects.canonical().order_by("number"), locale)


@dataclass(frozen=True)
class MapPoint:
    """One organisation on the map: its name, detail address and coordinates."""

    name: str
    url: str
    lat: float
    lng: float

    def as_json(self) -> dict:
        return {"name": self.name, "url": self.url, "lat": self.lat, "lng": self.lng}


def map_points(queryset: QuerySet, url_for_slug: Callable[[str], str]) -> list[MapPoint]:
    """The filtered organisations that have coordinates, in one query (all pages of results)."""
    rows = (
        queryset.exclude(latitude=None)
        .exclude(longitude=None)
        .order_by("name", "pk")
        .values_list("name", "slug", "latitude", "longitude")
    )
    return [
        MapPoint(name=name, url=url_for_slug(slug), lat=_coordinate(lat), lng=_coordinate(lng))
        for name, slug, lat, lng in rows
    ]


def _coordinate(value: Decimal) -> float:
    return float(round(value, 5))
