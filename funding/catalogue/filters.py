"""The catalogue's filters, shared by the public page (a plain GET form) and the API.

Both read the same criteria and apply the same queryset methods: open now, kind of source,
theme, territory (both ways), legal form, aid type, closing date, amount, and whether closed
calls are shown. The page names themes and territories by slug in drop-downs; the API
(`funding.catalogue.api.CallApiFilter`) takes a slug or an id.
"""

import datetime

import django_filters
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from funding.catalogue.models import AidType, FundingCall, FundingSource
from projects.network.models import Organisation, Territory, Theme

EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2999, 12, 31)


def territory_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every territory, grouped by kind from the narrowest, as (slug, name) choices."""
    labels = dict(Territory.Kind.choices)
    grouped: dict[str, list[tuple[str, str]]] = {kind: [] for kind in Territory.Kind.values}
    for slug, name, kind in Territory.objects.order_by("rank", "name").values_list(
        "slug", "name", "kind"
    ):
        grouped.setdefault(kind, []).append((slug, name))
    return [(labels.get(kind, kind), options) for kind, options in grouped.items() if options]


class BaseCallFilter(django_filters.FilterSet):
    """Criteria common to the page and the API."""

    kind = django_filters.ChoiceFilter(
        label=_("Kind of source"),
        choices=FundingSource.Kind.choices,
        method="filter_kind",
        empty_label=_("All kinds"),
    )
    legal_form = django_filters.ChoiceFilter(
        label=_("Open to the legal form"),
        choices=Organisation.LegalForm.choices,
        method="filter_legal_form",
        empty_label=_("Any legal form"),
    )
    aid_type = django_filters.ChoiceFilter(
        label=_("Aid type"),
        choices=AidType.choices,
        method="filter_aid_type",
        empty_label=_("All aid types"),
    )
    closes_before = django_filters.DateFilter(
        label=_("Closing on or before"),
        method="filter_closes_before",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Calls without a closing date are left out."),
        # Dates far off would overflow once turned into moments in Paris and in UTC.
        validators=[MinValueValidator(EARLIEST), MaxValueValidator(LATEST)],
    )
    amount = django_filters.NumberFilter(
        label=_("Amount sought (€)"),
        method="filter_amount",
        min_value=0,
        max_digits=12,
        decimal_places=2,
        help_text=_("Calls that may grant this amount."),
    )

    class Meta:
        model = FundingCall
        fields: list[str] = []

    def filter_open(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        # An unticked box means "no restriction", not "closed ones only".
        return queryset.open_now() if value else queryset

    def filter_include_closed(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        return queryset  # applied in `filter_queryset`, which knows whether it was given

    def filter_kind(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.of_kind(value)

    def filter_theme(self, queryset: QuerySet, name: str, value) -> QuerySet:
        theme = value if isinstance(value, Theme) else self._theme(value)
        return queryset.with_theme(theme) if theme else queryset.none()

    def filter_territory(self, queryset: QuerySet, name: str, value) -> QuerySet:
        if not isinstance(value, Territory):
            value = Territory.objects.filter(slug=value).first()
        if value is None:  # removed between rendering the form and submitting it
            return queryset.none()
        return queryset.on_territory_both_ways(value)

    def filter_legal_form(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.for_legal_form(value)

    def filter_aid_type(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.with_aid_type(value)

    def filter_closes_before(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.closing_by(value)

    def filter_amount(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.for_amount(value)

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("include_closed"):
            queryset = queryset.not_closed()
        return queryset.narrowest_first()

    def _theme(self, slug: str) -> Theme | None:
        return Theme.objects.canonical().filter(slug=slug).first()

    @property
    def active_filters(self) -> dict[str, object]:
        """The criteria the visitor set (valid ones only)."""
        if not self.is_bound or not hasattr(self.form, "cleaned_data"):
            return {}
        return {
            key: value
            for key, value in self.form.cleaned_data.items()
            if value not in (None, "", False)
        }


class CatalogueFilter(BaseCallFilter):
    """The public catalogue's form: drop-downs by slug, check boxes, no JavaScript needed."""

    open = django_filters.BooleanFilter(
        label=_("Open now only"), method="filter_open", widget=forms.CheckboxInput
    )
    theme = django_filters.ChoiceFilter(
        label=_("Theme"),
        method="filter_theme",
        empty_label=_("All themes"),
        help_text=_("Calls on this theme and calls open to any theme."),
    )
    territory = django_filters.ChoiceFilter(
        label=_("Territory"),
        method="filter_territory",
        empty_label=_("All territories"),
        help_text=_("Calls on it, on a territory containing it or inside it, or open anywhere."),
    )
    include_closed = django_filters.BooleanFilter(
        label=_("Show closed calls too"),
        method="filter_include_closed",
        widget=forms.CheckboxInput,
    )

    class Meta(BaseCallFilter.Meta):
        fields = [
            "open",
            "kind",
            "theme",
            "territory",
            "legal_form",
            "aid_type",
            "closes_before",
            "amount",
            "include_closed",
        ]

    def __init__(self, data=None, queryset=None, *, themes: list[Theme], **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.themes_by_slug = {theme.slug: theme for theme in themes}
        self.filters["theme"].extra["choices"] = [(theme.slug, theme.name) for theme in themes]
        self.filters["territory"].extra["choices"] = territory_choices()

    def _theme(self, slug: str) -> Theme | None:
        return self.themes_by_slug.get(slug)
