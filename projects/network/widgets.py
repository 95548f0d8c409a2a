"""Selects that search, for the long lists of the network: territories, organisations, communes.

Each widget renders a native ``<select>`` (``multiple`` for the ``…Multiple`` and picker ones)
marked ``data-searchable-select``. When JavaScript runs, ``site/static/js/searchable-select.js``
turns it into a Tom Select control (vendored in ``site/static/vendor/tom-select/``): type to
filter, accents and case ignored; pick several entries without modifier keys; remove one with its
button or Backspace; everything works from the keyboard. Without JavaScript the native control
stays, with the same options, groups and labels.

The territory widgets group the options by kind (communes, EPCI, départements…) and label each
territory with its place in the hierarchy, « Gap — Communauté d'agglomération Gap-Tallard-Durance
> Hautes-Alpes > Provence-Alpes-Côte d'Azur > France » (single angle quotes on screen), computed
in one query for the whole list.

Nothing here depends on the Wagtail admin: the public site's forms can use the same widgets, with
the same media (the script, Tom Select and a small style sheet that inherits the page's fonts and
colours).
"""

from dataclasses import dataclass

from django import forms
from django.forms.models import ModelChoiceIteratorValue
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

TOM_SELECT_JS = "vendor/tom-select/tom-select.complete.min.js"
TOM_SELECT_CSS = "vendor/tom-select/tom-select.default.min.css"
SCRIPT = "js/searchable-select.js"
STYLE = "css/searchable-select.css"

# Between a territory's containers in its label: a single right-pointing angle quote.
PATH_SEPARATOR = " \u203a "
# Rows shown by the native multiple select when JavaScript does not run.
NATIVE_MULTIPLE_SIZE = 10

# A territory's main line of containers (`Territory.Kind` values), narrowest first; the other
# containers are shown as "also in". Values rather than the enum: the models' panels import this
# module, so it must not import the models itself.
MAIN_LINE = ("epci", "departement", "region", "nation")
SIDE_LINE = ("pays", "massif", "cross_border")
# Side containers of these main-line ones go without saying (the Hautes-Alpes are in the Massif
# des Alpes): a commune shows its LEADER area, not the massif of its département.
WIDE_LINE = ("departement", "region", "nation")


class SearchableSelectMixin:
    """What the searchable selects share: the data attributes the script reads, and media."""

    placeholder = _("Type to search…")

    def __init__(self, attrs=None, choices=(), *, placeholder=None):
        super().__init__(attrs, choices)
        if placeholder is not None:
            self.placeholder = placeholder

    @property
    def media(self) -> forms.Media:
        return forms.Media(css={"all": [TOM_SELECT_CSS, STYLE]}, js=[TOM_SELECT_JS, SCRIPT])

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs.setdefault("data-searchable-select", "")
        widget_attrs.setdefault("data-placeholder", str(self.placeholder))
        widget_attrs.setdefault("data-no-results", gettext("Nothing matches what you typed."))
        widget_attrs.setdefault("data-remove-label", pgettext("chosen option", "Remove"))
        widget_attrs.setdefault("data-clear-label", gettext("Clear the choice"))
        if self.allow_multiple_selected:
            widget_attrs.setdefault("size", NATIVE_MULTIPLE_SIZE)
        return context


class SearchableSelect(SearchableSelectMixin, forms.Select):
    """One choice in a long list (an organisation, a funder, a source)."""


class SearchableSelectMultiple(SearchableSelectMixin, forms.SelectMultiple):
    """Several choices in a long list (members, organisers, co-funders)."""


@dataclass(frozen=True)
class Place:
    """A territory as a picker shows it: name, kind, main containers and the other ones."""

    name: str
    kind: str
    path: str
    also: str

    @property
    def label(self) -> str:
        """The option's text, also read by the native control: the name, then the path."""
        return f"{self.name} — {self.path}" if self.path else self.name

    @property
    def kind_label(self) -> str:
        from projects.network.models import Territory

        return str(Territory.Kind(self.kind).label)


def territory_places(territories: list) -> dict[int, Place]:
    """Each territory's `Place`, by primary key, from the stored ancestors (two queries)."""
    from projects.network.models import Territory

    if not territories:
        return {}
    links = Territory.ancestors.through.objects
    containers: dict[int, list[tuple[int, str, str]]] = {}
    rows = (
        links.filter(from_territory_id__in=[territory.pk for territory in territories])
        .order_by("to_territory__rank", "to_territory__name")
        .values_list(
            "from_territory_id", "to_territory_id", "to_territory__kind", "to_territory__name"
        )
    )
    for territory_id, container_id, kind, name in rows:
        containers.setdefault(territory_id, []).append((container_id, kind, name))
    wide_ids = {pk for found in containers.values() for pk, kind, _ in found if kind in WIDE_LINE}
    above_wide: dict[int, set[int]] = {}
    for wide_id, container_id in links.filter(from_territory_id__in=wide_ids).values_list(
        "from_territory_id", "to_territory_id"
    ):
        above_wide.setdefault(wide_id, set()).add(container_id)
    places = {}
    for territory in territories:
        found = containers.get(territory.pk, [])
        main: list[list[str]] = []
        for kind in MAIN_LINE:
            names = [name for _pk, their_kind, name in found if their_kind == kind]
            if names:
                main.append(names)
        implied = set().union(
            *(above_wide.get(pk, set()) for pk, kind, _ in found if kind in WIDE_LINE)
        )
        side = [name for pk, kind, name in found if kind in SIDE_LINE and pk not in implied]
        places[territory.pk] = Place(
            name=territory.name,
            kind=territory.kind,
            path=PATH_SEPARATOR.join(" / ".join(names) for names in main),
            also=(gettext("Also in: %(places)s") % {"places": ", ".join(side)}) if side else "",
        )
    return places


class TerritoryChoicesMixin(SearchableSelectMixin):
    """Territories grouped by kind, each labelled with its place in the hierarchy."""

    placeholder = _("Type a place name…")

    def optgroups(self, name, value, attrs=None):
        # A comprehension, not list(): list() asks a ModelChoiceIterator its length first, which
        # costs a COUNT query.
        choices = [choice for choice in self.choices]  # noqa: C416
        territories = [
            option.instance
            for option, _label in choices
            if isinstance(option, ModelChoiceIteratorValue)
        ]
        self._places = territory_places(territories)
        loose, groups = [], {}
        for option, label in choices:
            place = self._places.get(getattr(option, "value", None))
            if place is None:
                loose.append((option, label))
            else:
                groups.setdefault(place.kind_label, []).append((option, place.label))
        original = self.choices
        self.choices = [*loose, *groups.items()]
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = original

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        place = getattr(self, "_places", {}).get(getattr(value, "value", None))
        if place is not None:
            option["attrs"]["data-name"] = place.name
            if place.path:
                option["attrs"]["data-path"] = place.path
            if place.also:
                option["attrs"]["data-also"] = place.also
        return option


class TerritorySelect(TerritoryChoicesMixin, forms.Select):
    """One territory (a commune, a call's territory) with its place in the hierarchy."""


class TerritoryPickerWidget(TerritoryChoicesMixin, forms.SelectMultiple):
    """Several territories, grouped by kind, each with its place in the hierarchy."""
