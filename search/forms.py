"""The search form: words and facet filters, from a plain GET form (no JavaScript needed)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.experiments.models import Experiment
from projects.network.models import Territory, Theme

from .documents import Kind

MAX_QUERY_LENGTH = 200
MAX_PAGE = 500


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=MAX_QUERY_LENGTH)
    type = forms.MultipleChoiceField(
        label=_("Type"), required=False, choices=Kind.choices, widget=forms.CheckboxSelectMultiple
    )
    theme = forms.MultipleChoiceField(
        label=_("Theme"), required=False, widget=forms.CheckboxSelectMultiple
    )
    territory = forms.MultipleChoiceField(
        label=_("Territory"), required=False, widget=forms.CheckboxSelectMultiple
    )
    open = forms.BooleanField(label=_("Open calls only"), required=False)
    state = forms.MultipleChoiceField(
        label=_("Experiment state"),
        required=False,
        choices=Experiment.State.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Values are validated against what exists (slugs), labels come from `search.facets`.
        self.fields["theme"].choices = [
            (slug, slug) for slug in Theme.objects.canonical().values_list("slug", flat=True)
        ]
        self.fields["territory"].choices = [
            (slug, slug) for slug in Territory.objects.values_list("slug", flat=True)
        ]

    def criteria(self) -> dict:
        """The `SearchQuery` fields of a valid form."""
        data = self.cleaned_data
        return {
            "text": data["q"].strip(),
            "types": frozenset(data["type"]),
            "themes": frozenset(data["theme"]),
            "territories": frozenset(data["territory"]),
            "states": frozenset(data["state"]),
            "open_only": data["open"],
            "page": data["page"] or 1,
        }

    @property
    def is_filtered(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return any(data.get(name) for name in ("type", "theme", "territory", "open", "state"))
