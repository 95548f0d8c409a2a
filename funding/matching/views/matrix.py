"""The coordinators' funding matrix in the Wagtail admin (experiments by calls), with its CSV.

Reached from the admin menu (`funding/wagtail_hooks.py`); like the pipeline views, refused with
a plain 403 to anyone who does not steer the pipeline (`projects.experiments.permissions`).
"""

from django import forms
from django.contrib.admin.utils import quote
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.translation import localize_all
from funding.catalogue.models import FundingSource
from funding.matching.matrix import (
    DEFAULT_STATES,
    MATRIX_STATES,
    build_matrix,
    matrix_csv,
    page_of_calls,
)
from projects.experiments.admin.access import pipeline_access
from projects.experiments.models import Experiment
from projects.network.models import Theme


class MatrixFilterForm(forms.Form):
    """The matrix's filters, read from the query string (the page works without JavaScript)."""

    state = forms.MultipleChoiceField(
        label=gettext_lazy("Experiments"),
        choices=[(state.value, state.label) for state in MATRIX_STATES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    theme = forms.TypedChoiceField(
        label=gettext_lazy("Theme"), coerce=int, required=False, empty_value=None
    )
    kind = forms.MultipleChoiceField(
        label=gettext_lazy("Kind of source"),
        choices=FundingSource.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    all_calls = forms.BooleanField(
        label=gettext_lazy("Also show the calls that match no experiment"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        themes = localize_all(Theme.objects.canonical().order_by("number"))
        self.fields["theme"].choices = [
            ("", gettext_lazy("All")),
            *((t.pk, t.name) for t in themes),
        ]

    def experiments(self):
        """The experiments of the rows, in the order shown (one query when evaluated)."""
        data = self.cleaned_data if self.is_valid() else {}
        states = data.get("state") or [state.value for state in DEFAULT_STATES]
        queryset = Experiment.objects.filter(state__in=states)
        if data.get("theme"):
            queryset = queryset.filter(themes=data["theme"])
        return queryset.select_related("lead_organisation").order_by("title", "pk")

    def source_kinds(self) -> list[str]:
        return (self.cleaned_data.get("kind") or []) if self.is_valid() else []

    def only_relevant(self) -> bool:
        return not (self.is_valid() and self.cleaned_data.get("all_calls"))


class FundingMatrixView(WagtailAdminTemplateMixin, TemplateView):
    """Experiments looking for funding by calls not closed: score and planned amount per cell."""

    template_name = "funding/admin/matrix.html"
    page_title = gettext_lazy("Funding matrix")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        # Without its own crumb the header would name only the dashboard (« Accueil »).
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get(self, request, *args, **kwargs):
        self.form = MatrixFilterForm(request.GET or None)
        self.matrix = build_matrix(
            self.form.experiments(),
            source_kinds=self.form.source_kinds(),
            only_relevant=self.form.only_relevant(),
        )
        if request.GET.get("export") == "csv":
            response = HttpResponse(matrix_csv(self.matrix), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="funding-matrix.csv"'
            return response
        return super().get(request, *args, **kwargs)

    def _link(self, **changes) -> str:
        query = self.request.GET.copy()
        for key in ("page", "export"):
            query.pop(key, None)
        for key, value in changes.items():
            query[key] = value
        return f"{self.request.path}?{query.urlencode()}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for row in self.matrix.rows:
            row.url = reverse("experiments:inspect", args=(quote(row.experiment.pk),))
        page = page_of_calls(self.matrix, self.request.GET.get("page", 1))
        context.update(
            form=self.form,
            matrix=self.matrix,
            page=page,
            shown=page.matrix,
            # The pager's links keep the filters and change the page only; the CSV has every call.
            page_links=[(number, self._link(page=number)) for number in page.numbers],
            csv_url=self._link(export="csv"),
        )
        return context


funding_matrix = pipeline_access(FundingMatrixView.as_view())
