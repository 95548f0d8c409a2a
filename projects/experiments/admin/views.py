"""The coordinators' pipeline in the Wagtail admin: listing, detail, sheet, board, transitions.

Every view here is served by `ExperimentViewSet` (projects/wagtail_hooks.py), whose URL patterns
are all wrapped by `pipeline_access` (`admin/access.py`): only the coordinators reach them, and
everyone else gets a plain 403 rather than Wagtail's redirect to the dashboard.
"""

from collections import OrderedDict
from urllib.parse import urlencode

import django_filters
from django import forms
from django.contrib import messages as django_messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Prefetch, Q, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import EditView, IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.coreutils import multigetattr
from wagtail.log_actions import log

import projects.experiments.admin.pipeline as pipeline
from core.spreadsheets import formula_safe
from core.translation import localize_all
from core.workflow import WorkflowError
from projects.experiments.admin.access import forbidden
from projects.experiments.admin.forms import SHEET_FIELDS, TransitionForm
from projects.experiments.models import Experiment, ExperimentEvent, ExperimentMember
from projects.experiments.services import WORKFLOW, next_steps, run_transition, transitions_for
from projects.network.models import Organisation, Territory, Theme


def _state_rank() -> Case:
    """The workflow order of states, to sort on (alphabetical order means nothing here)."""
    ranks = (When(state=state, then=Value(rank)) for rank, state in enumerate(Experiment.State))
    return Case(*ranks, output_field=IntegerField())


# ------------------------------------------------------------------------------ listing
class ExperimentFilterSet(WagtailFilterSet):
    """Filters of the listing: states, a canonical theme, a territory, a lead organisation."""

    state = django_filters.MultipleChoiceFilter(
        label=gettext_lazy("State"),
        choices=Experiment.State.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    theme = django_filters.ChoiceFilter(
        label=gettext_lazy("Theme"), field_name="themes", empty_label=gettext_lazy("All")
    )
    territory = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Territory"),
        queryset=Territory.objects.all(),
        method="filter_territory",
        empty_label=gettext_lazy("All"),
        help_text=gettext_lazy("Experiments on this territory or on a territory inside it."),
    )
    lead_organisation = django_filters.ChoiceFilter(
        label=gettext_lazy("Lead organisation"), empty_label=gettext_lazy("All")
    )

    class Meta:
        model = Experiment
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        themes = localize_all(Theme.objects.canonical().order_by("number"))
        self.filters["theme"].extra["choices"] = [(theme.pk, theme.name) for theme in themes]
        leads = (
            Organisation.objects.canonical()
            .filter(pk__in=Experiment.objects.values("lead_organisation"))
            .order_by("name")
        )
        self.filters["lead_organisation"].extra["choices"] = [(o.pk, o.name) for o in leads]

    def filter_territory(self, queryset, name, value):
        inside = Territory.objects.filter(Q(pk=value.pk) | Q(ancestors=value))
        links = Experiment.territories.through.objects.filter(territory__in=inside)
        return queryset.filter(pk__in=links.values("experiment_id"))


class ExperimentIndexView(IndexView):
    """Every experiment, filtered, searched, ordered and exported by coordinators."""

    board_url_name = None
    # Sort keys that are not plain fields: more days in a state is an earlier entry into it.
    computed_orderings = {
        "days_in_state": ("-state_changed_at", "-pk"),
        "-days_in_state": ("state_changed_at", "pk"),
        "state": ("state_rank", "-state_changed_at"),
        "-state": ("-state_rank", "state_changed_at"),
    }

    def get_base_queryset(self):
        queryset = (
            super()
            .get_base_queryset()
            .select_related("lead_organisation")
            .prefetch_related("themes")
        )
        if self.is_export:
            queryset = queryset.prefetch_related(
                "territories", "partner_links__organisation", "budget_lines"
            )
        return queryset

    def order_queryset(self, queryset):
        if self.ordering in self.computed_orderings:
            return queryset.annotate(state_rank=_state_rank()).order_by(
                *self.computed_orderings[self.ordering]
            )
        return super().order_queryset(queryset)

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = object_list = list(object_list)
        pipeline.localize_themes(object_list)
        return paginator, page, object_list, is_paginated

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # The title opens the detail (audit trail, what is missing, actions), not the form.
        column_class = self._get_title_column_class(column_class)
        return self._get_custom_column(
            field_name, column_class, get_url=self.get_inspect_url, **kwargs
        )

    def get_edit_url(self, instance):
        if self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", instance
        ):
            return super().get_edit_url(instance)
        return None

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(_("Pipeline board"), url=reverse(self.board_url_name), icon_name="grid"),
        ]

    def as_spreadsheet(self, queryset, spreadsheet_format):
        # Fetch the rows once (the writers iterate this same queryset, now cached) with their
        # themes in the admin language.
        pipeline.localize_themes(queryset)
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def stream_csv(self, queryset):
        # Render the rows now: a lazy stream would run after Wagtail's admin-language override
        # has ended, and come out in the default language.
        return iter(list(super().stream_csv(queryset)))

    def write_csv_row(self, writer, row_dict):
        # Titles and names are typed by anyone: never a formula in the coordinator's spreadsheet
        # (Wagtail already turns formulas into text in the XLSX export).
        return super().write_csv_row(
            writer, {name: formula_safe(value) for name, value in row_dict.items()}
        )

    def to_row_dict(self, item):
        return OrderedDict(
            (
                name,
                pipeline.EXPORT_VALUES[name](item)
                if name in pipeline.EXPORT_VALUES
                else multigetattr(item, name),
            )
            for name in self.list_export
        )


# ------------------------------------------------------------------------------ detail and sheet
class ExperimentInspectView(InspectView):
    """One experiment read-only: sheet, budget, partners, members, audit trail, next step."""

    template_name = "projects/admin/inspect.html"
    page_title = gettext_lazy("Experiment")
    board_url_name = None
    transition_url_name = None

    def get_object(self, queryset=None):
        events = ExperimentEvent.objects.select_related("actor").order_by("-created_at", "-pk")
        members = ExperimentMember.objects.select_related("user", "organisation").order_by(
            "role", "user__full_name"
        )
        return get_object_or_404(
            Experiment.objects.with_sheet()
            .select_related("created_by")
            .prefetch_related(
                Prefetch("events", queryset=events), Prefetch("memberships", queryset=members)
            ),
            pk=self.pk,
        )

    def get_fields(self):
        return []  # the template lays the sheet out itself

    @cached_property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            Button(_("Pipeline board"), url=reverse(self.board_url_name), icon_name="grid"),
        ]

    def get_edit_url(self):
        if self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", self.object
        ):
            return super().get_edit_url()
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        experiment = self.object
        localize_all(experiment.themes.all())
        transitions = [t for t in transitions_for(experiment, self.request.user) if t.possible]
        for info in transitions:
            info.url = _transition_url(self.transition_url_name, experiment, info.name)
        events = list(experiment.events.all())
        for event in events:
            event.action_label = WORKFLOW.label(event.transition)
        context.update(
            {
                "experiment": experiment,
                "days_in_state": pipeline.days_in_state(experiment),
                "next_steps": next_steps(experiment),
                "coordinator_actions": [t for t in transitions if t.permitted],
                "lead_actions": [t for t in transitions if not t.permitted],
                "events": events,
                "edit_url": self.get_edit_url(),
                "inspect_url": self.request.path,
                "cooperation_forms": _labels(
                    experiment.cooperation_forms, Experiment.CooperationForm
                ),
                "support_needed": _labels(experiment.support_needed, Experiment.Support),
            }
        )
        return context


def _labels(values: list, choices) -> list[str]:
    labels = dict(choices.choices)
    return [str(labels.get(value, value)) for value in values or []]


def _transition_url(url_name: str, experiment: Experiment, name: str) -> str:
    return reverse(url_name, args=(quote(experiment.pk), name))


class ExperimentEditView(EditView):
    """Coordinators correct the sheet; the state only ever changes through transitions."""

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.permission_policy.user_has_permission_for_instance(
            request.user, "change", self.object
        ):
            return forbidden(request, _("A closed experiment cannot be edited any more."))
        return super().dispatch(request, *args, **kwargs)

    def save_instance(self):
        # Write the sheet's columns only: a transition run meanwhile (state, its timestamp) or
        # funding recorded by the platform must not be overwritten by this older copy.
        instance = self.form.save(commit=False)
        instance.save(update_fields=[*_concrete(SHEET_FIELDS), "updated_at"])
        self.form.save_m2m()
        self.has_content_changes = self.form.has_changed()
        log(instance=instance, action="wagtail.edit", content_changed=self.has_content_changes)
        return instance

    def get_success_url(self):
        return reverse(self.inspect_url_name, args=(quote(self.object.pk),))

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


def _concrete(names) -> list[str]:
    """The names among ``names`` stored in the experiment's own row (not many-to-many)."""
    return [name for name in names if not Experiment._meta.get_field(name).many_to_many]


# ------------------------------------------------------------------------------ board
class BoardView(WagtailAdminTemplateMixin, TemplateView):
    """The pipeline at a glance: one column per state, a card per experiment."""

    template_name = "projects/admin/board.html"
    page_title = gettext_lazy("Pipeline board")
    header_icon = "grid"
    index_url_name = None
    inspect_url_name = None
    transition_url_name = None

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("Experiments")},
            {"url": "", "label": self.get_page_title()},
        ]

    @cached_property
    def header_buttons(self):
        return [HeaderButton(_("Listing"), url=reverse(self.index_url_name), icon_name="list-ul")]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        columns = pipeline.board(self.request.user)
        back = urlencode({"next": self.request.path})
        index_url = reverse(self.index_url_name)
        for column in columns:
            column.listing_url = f"{index_url}?state={column.state}"
            for card in column.cards:
                card.url = reverse(self.inspect_url_name, args=(quote(card.experiment.pk),))
                for info in card.actions:
                    url = _transition_url(self.transition_url_name, card.experiment, info.name)
                    info.url = f"{url}?{back}"
        context["columns"] = columns
        context["total"] = sum(column.count for column in columns)
        return context


# ------------------------------------------------------------------------------ transitions
class TransitionView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm and run one transition of one experiment, with a comment, as a coordinator."""

    template_name = "projects/admin/transition.html"
    header_icon = "resubmit"
    index_url_name = None
    inspect_url_name = None
    board_url_name = None

    def dispatch(self, request, pk, name):
        self.name = name
        self.experiment = get_object_or_404(Experiment.objects.with_sheet(), pk=pk)
        self.info = self._info()
        if self.info is None:  # no transition people run has this name
            raise Http404
        if not self.info.permitted:
            return forbidden(request, _("Your role does not allow this action."))
        return super().dispatch(request, pk=pk, name=name)

    def _info(self):
        infos = transitions_for(self.experiment, self.request.user)
        return next((info for info in infos if info.name == self.name), None)

    def get_page_title(self):
        return self.info.label

    def get_page_subtitle(self):
        return self.experiment.title

    def get_breadcrumbs_items(self):
        inspect_url = reverse(self.inspect_url_name, args=(quote(self.experiment.pk),))
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("Experiments")},
            {"url": inspect_url, "label": self.experiment.title},
            {"url": "", "label": self.info.label},
        ]

    def get_next_url(self) -> str:
        return get_valid_next_url_from_request(self.request) or reverse(self.board_url_name)

    def get(self, request, *args, **kwargs):
        form = TransitionForm(info=self.info, initial={"expected_state": self.experiment.state})
        return self.render(form, status=200 if self.info.possible else 409)

    def post(self, request, *args, **kwargs):
        form = TransitionForm(request.POST, info=self.info)
        if not form.is_valid():
            messages.error(request, _("The action was not run: see the errors below."))
            return self.render(form, status=400)
        try:
            experiment = run_transition(
                self.experiment,
                self.name,
                by=request.user,
                comment=form.cleaned_data["comment"],
                expected_state=form.cleaned_data["expected_state"],
            )
        except PermissionDenied as denied:
            return forbidden(request, str(denied))
        except WorkflowError as error:
            return self.refused(form, error)
        messages.success(
            request,
            _("“%(title)s”: %(action)s. It is now “%(state)s”.")
            % {
                "title": experiment.title,
                "action": self.info.label,
                "state": experiment.get_state_display(),
            },
        )
        return redirect(self.get_next_url())

    def refused(self, form: TransitionForm, error: WorkflowError) -> TemplateResponse:
        """Re-render with the service's reason and what is missing, keeping the comment."""
        detail = format_html(
            '<ul class="errorlist">{}</ul>',
            format_html_join("", "<li>{}</li>", ((item.message,) for item in error.missing)),
        )
        django_messages.error(
            self.request, messages.render(error.message, None, detail if error.missing else "")
        )
        # Show the experiment as it is now; the comment stays, and the hidden state becomes
        # the one now displayed, so that confirming again acts on what the user sees.
        self.experiment = Experiment.objects.with_sheet().get(pk=self.experiment.pk)
        self.info = self._info()
        form = TransitionForm(
            info=self.info,
            initial={
                "expected_state": self.experiment.state,
                "comment": form.cleaned_data["comment"],
            },
        )
        return self.render(form, status=error.status, error=error)

    def render(self, form: TransitionForm, *, status: int, error=None) -> TemplateResponse:
        context = self.get_context_data(
            form=form,
            error=error,
            experiment=self.experiment,
            info=self.info,
            # A refusal lists what is missing in its message already.
            missing=[] if error and error.missing else self.info.missing,
            next_url=self.get_next_url(),
            inspect_url=reverse(self.inspect_url_name, args=(quote(self.experiment.pk),)),
            target_label=Experiment.State(self.info.target).label if self.info.target else "",
            days_in_state=pipeline.days_in_state(self.experiment),
        )
        return self.render_to_response(context, status=status)
