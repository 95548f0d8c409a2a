"""The cooperation network (themes, territories, organisations, groups) and the coordinators'
pipeline of experiments in the Wagtail admin."""

from urllib.parse import urlencode

from django import forms
from django.contrib.admin.utils import quote
from django.contrib.auth.models import Permission
from django.templatetags.static import static
from django.urls import path, reverse, reverse_lazy
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail.utils.urlpatterns import decorate_urlpatterns

import projects.experiments.admin.access as admin_access
import projects.experiments.admin.pipeline as pipeline
import projects.experiments.admin.views as admin_views
import projects.experiments.dashboard as dashboard
import projects.experiments.permissions as experiment_permissions
import projects.sharing.permissions as sharing_permissions
from core.dashboard import PANEL_SIZE, Queue, QueueItem, QueuePanel
from core.listings import ListingViewSetMixin, YesNoColumn, language_column
from core.workflow.badges import StateBadgeColumn, badge_colour, state_of
from projects.experiments.admin.forms import CanonicalRelationsViewSetMixin, ExperimentSheetForm
from projects.experiments.models import Experiment
from projects.network import admin as network_admin
from projects.network.listings import MembershipRequestViewSet, OrganisationMembershipViewSet
from projects.network.models import Organisation, Territory, Theme, WorkingGroup
from projects.network.widgets import SearchableSelect, TerritoryPickerWidget


class NetworkViewSet(CanonicalRelationsViewSetMixin, ListingViewSetMixin, SnippetViewSet):
    """A snippet of the network: accent-insensitive search, and relations to translatable
    snippets that offer the canonical rows named in the editor's language."""


class ThemeViewSet(NetworkViewSet):
    model = Theme
    icon = "tag"
    list_display = ["number", "name", "slug", language_column()]
    search_fields = ["name", "slug", "description"]
    ordering = ["number"]


class TerritoryViewSet(NetworkViewSet):
    model = Territory
    icon = "site"
    list_display = [
        "name",
        "kind",
        "code",
        Column(
            "parents",
            label=_("Directly inside"),
            accessor=lambda territory: ", ".join(p.name for p in territory.parents.all()),
        ),
    ]
    list_filter = ["kind", "country"]
    search_fields = ["name", "code", "slug"]
    list_per_page = 50

    def get_queryset(self, request):
        return Territory.objects.prefetch_related("parents")


class OrganisationViewSet(NetworkViewSet):
    model = Organisation
    icon = "group"
    list_display = [
        "name",
        "kind",
        "legal_form",
        "commune",
        YesNoColumn("is_active_member", label=_("Active member"), sort_key="is_active_member"),
        Column(
            "verified_at",
            label=_("Verified"),
            accessor=lambda o: _("Yes") if o.verified_at else _("No"),
            sort_key="verified_at",
        ),
        language_column(),
    ]
    list_filter = ["kind", "legal_form", "is_active_member", "themes"]
    search_fields = ["name", "description", "slug", "siret", "rna"]
    list_per_page = 50

    def get_queryset(self, request):
        return Organisation.objects.select_related("commune", "locale")

    def get_edit_handler(self):
        # The model's panels and the identity panel (numbers, register, verification).
        return ObjectList([*Organisation.panels, network_admin.identity_panel()]).bind_to_model(
            Organisation
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("registry-lookup/", network_admin.registry_lookup, name="registry_lookup"),
            path(
                "<int:pk>/verification/",
                network_admin.VerificationView.as_view(),
                name="verification",
            ),
        ]


class WorkingGroupViewSet(NetworkViewSet):
    model = WorkingGroup
    icon = "user"
    list_display = ["name", "kind", "theme", "lead_organisation", language_column()]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "lead_organisation__name"]

    def get_queryset(self, request):
        return WorkingGroup.objects.select_related("theme", "lead_organisation", "locale")


class NetworkViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Cooperation network")
    menu_icon = "group"
    menu_order = 250
    items = (
        OrganisationViewSet,
        MembershipRequestViewSet,
        OrganisationMembershipViewSet,
        WorkingGroupViewSet,
        ThemeViewSet,
        TerritoryViewSet,
    )


register_snippet(NetworkViewSetGroup)


# ---------------------------------------------------------------------------------------------
# The coordinators' pipeline of experiments (a ModelViewSet, not a snippet: experiments are not
# content, and every view here is for coordinators only; see projects/experiments/admin/views.py).
# ---------------------------------------------------------------------------------------------
class ExperimentViewSet(ListingViewSetMixin, ModelViewSet):
    """Listing, export, detail, sheet editing, board and transitions for coordinators."""

    model = Experiment
    name = "experiments"
    icon = "tasks"
    menu_order = 240
    add_to_admin_menu = True
    add_to_reference_index = False  # nothing links to experiments from content
    copy_view_enabled = False
    inspect_view_enabled = True

    index_view_class = admin_views.ExperimentIndexView
    inspect_view_class = admin_views.ExperimentInspectView
    edit_view_class = admin_views.ExperimentEditView

    list_display = [
        "title",
        Column(
            "lead_organisation",
            label=_("Lead organisation"),
            accessor="lead_organisation.name",
            sort_key="lead_organisation__name",
        ),
        StateBadgeColumn("state", label=_("State"), sort_key="state"),
        Column(
            "days_in_state",
            label=_("Days in state"),
            accessor=pipeline.days_in_state,
            sort_key="days_in_state",
        ),
        Column(
            "themes",
            label=_("Themes"),
            accessor=lambda experiment: ", ".join(t.name for t in experiment.themes.all()),
        ),
        DateColumn("updated_at", label=_("Last update"), sort_key="updated_at"),
    ]
    filterset_class = admin_views.ExperimentFilterSet
    search_fields = ["title", "lead_organisation__name"]
    ordering = "-updated_at"
    list_per_page = 50

    list_export = [
        "title",
        "lead_organisation",
        "state",
        "state_changed_at",
        "days_in_state",
        "themes",
        "territories",
        "partners",
        "budget_total",
        "self_financing",
        "funding_need",
        "secured_funding",
        "funding_gap",
        "start_date",
        "end_date",
        "created_at",
        "updated_at",
    ]
    export_headings = {
        "state": _("State"),
        "state_changed_at": _("In this state since"),
        "days_in_state": _("Days in state"),
        "themes": _("Themes"),
        "territories": _("Territories"),
        "partners": _("Partners"),
        "budget_total": _("Budget total (€)"),
        "self_financing": _("Self-financing (€)"),
        "funding_need": _("Funding need (€)"),
        "secured_funding": _("Secured funding (€)"),
        "funding_gap": _("Funding gap (€)"),
        "updated_at": _("Last update"),
    }
    export_filename = "experiments"

    panels = [
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("lead_organisation", widget=SearchableSelect),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("territories", widget=TerritoryPickerWidget),
        MultiFieldPanel(
            [
                FieldPanel("description"),
                FieldPanel("objectives"),
                FieldPanel("expected_results"),
                FieldPanel("indicators"),
            ],
            heading=_("The project"),
        ),
        MultiFieldPanel(
            [FieldPanel("cooperation_forms"), FieldPanel("support_needed")],
            heading=_("Cooperation"),
        ),
        FieldRowPanel(
            [FieldPanel("self_financing"), FieldPanel("start_date"), FieldPanel("end_date")],
            heading=_("Budget and dates"),
        ),
        FieldPanel("is_public"),
    ]

    @property
    def permission_policy(self):
        return admin_access.PipelinePermissionPolicy(self.model)

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=ExperimentSheetForm).bind_to_model(
            self.model
        )

    def get_permissions_to_register(self):
        # Access follows the Coordination group (projects.experiments.permissions), not model
        # permissions: offering those in the group editor would suggest they mean something.
        return Permission.objects.none()

    def get_common_view_kwargs(self, **kwargs):
        # Experiments are never added, copied or deleted here, and their history is the audit
        # trail shown by the inspect view: no URL for Wagtail's generic ones.
        return super().get_common_view_kwargs(
            **{
                "add_url_name": None,
                "delete_url_name": None,
                "history_url_name": None,
                "usage_url_name": None,
                "board_url_name": self.get_url_name("board"),
                "transition_url_name": self.get_url_name("transition"),
                **kwargs,
            }
        )

    @property
    def board_view(self):
        return self.construct_view(admin_views.BoardView, header_icon="grid")

    @property
    def transition_view(self):
        return self.construct_view(admin_views.TransitionView, header_icon="resubmit")

    def get_urlpatterns(self):
        urlpatterns = [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("board/", self.board_view, name="board"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
            path("<int:pk>/edit/", self.edit_view, name="edit"),
            path("<int:pk>/transition/<slug:name>/", self.transition_view, name="transition"),
        ]
        return decorate_urlpatterns(urlpatterns, admin_access.pipeline_access)


@hooks.register("insert_global_admin_css")
def searchable_select_admin_css():
    """The searchable selects drawn like the admin's own fields (see
    projects/network/widgets.py)."""
    return format_html(
        '<link rel="stylesheet" href="{}">', static("projects/admin/searchable-select.css")
    )


@hooks.register("register_admin_viewset")
def register_experiment_viewset():
    return ExperimentViewSet()


class SharingReportsMenuItem(MenuItem):
    """The coordinators' way from the admin to the sharing board's reports (a site page)."""

    def is_shown(self, request) -> bool:
        return sharing_permissions.can_moderate_sharing(request.user)


@hooks.register("register_admin_menu_item")
def register_sharing_reports_menu_item():
    return SharingReportsMenuItem(
        _("Sharing board reports"),
        reverse_lazy("projects:sharing_reports"),
        name="sharing-reports",
        icon_name="warning",
        order=260,
    )


@hooks.register("register_log_actions")
def register_organisation_verification_actions(actions):
    """The coordinators' verification of organisations, in each organisation's history."""
    actions.register_action(
        network_admin.verification.VERIFY_ACTION, _("Verify"), _("Organisation verified")
    )
    actions.register_action(
        network_admin.verification.UNVERIFY_ACTION,
        _("Remove verification"),
        _("Verification removed"),
    )


# ---------------------------------------------------------------------- the coordinators' dashboard
@hooks.register("insert_global_admin_css")
def state_badges_admin_css():
    """State badges coloured from the workflow declaration and the dashboard's panels, on every
    admin page (listings, board, matrix, home)."""
    return format_html('<link rel="stylesheet" href="{}">', static("core/admin/states.css"))


def _experiment_items(experiments, *, since_label) -> list[QueueItem]:
    now = timezone.now()
    return [
        QueueItem(
            label=experiment.title,
            url=reverse("experiments:inspect", args=(quote(experiment.pk),)),
            detail=since_label(
                experiment.lead_organisation.name, pipeline.days_in_state(experiment, now)
            ),
            badge=badge_colour(state_of(experiment)),
            badge_label=experiment.get_state_display(),
        )
        for experiment in experiments
    ]


def _ideas_queue() -> Queue:
    found = dashboard.ideas_awaiting_decision(PANEL_SIZE)
    items = _experiment_items(
        found.experiments,
        since_label=lambda lead, days: ngettext(
            "%(lead)s, proposed %(days)s day ago", "%(lead)s, proposed %(days)s days ago", days
        )
        % {"lead": lead, "days": days},
    )
    return Queue(items, found.total)


def _stuck_queue() -> Queue:
    found = dashboard.stuck_experiments(PANEL_SIZE)
    items = _experiment_items(
        found.experiments,
        since_label=lambda lead, days: ngettext(
            "%(lead)s, in this state for %(days)s day",
            "%(lead)s, in this state for %(days)s days",
            days,
        )
        % {"lead": lead, "days": days},
    )
    return Queue(items, found.total)


@hooks.register("construct_homepage_panels")
def add_pipeline_panels(request, panels):
    """Ideas awaiting a decision and experiments stuck in a state, for those who steer the
    pipeline (nobody else sees them, nor pays their queries)."""
    if not experiment_permissions.can_steer_pipeline(request.user):
        return
    listing = reverse("experiments:index")
    active = Experiment.State.where("terminal", present=False)
    stuck_query = urlencode([*(("state", s.value) for s in active), ("ordering", "-days_in_state")])
    panels.append(
        QueuePanel(
            name="ideas-awaiting-decision",
            heading=_("Ideas awaiting a decision"),
            order=50,
            load=_ideas_queue,
            empty=_("No idea is waiting for a decision."),
            more_url=f"{listing}?state={Experiment.State.IDEA}",
        )
    )
    panels.append(
        QueuePanel(
            name="stuck-experiments",
            heading=ngettext(
                "Experiments in the same state for more than %(days)s day",
                "Experiments in the same state for more than %(days)s days",
                dashboard.STUCK_AFTER_DAYS,
            )
            % {"days": dashboard.STUCK_AFTER_DAYS},
            order=80,
            load=_stuck_queue,
            empty=_("No experiment has been stuck in a state that long."),
            more_url=f"{listing}?{stuck_query}",
        )
    )
