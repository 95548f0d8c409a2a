"""The funding catalogue in the Wagtail admin: funders, sources and calls under one "Funding"
menu, kept by the coordinators (`funding.catalogue.permissions.can_manage_catalogue`)."""

from django.contrib.admin.utils import quote
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import path, reverse, reverse_lazy
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

import funding.catalogue.dashboard as calls_dashboard
import funding.catalogue.permissions as permissions
import funding.dossiers.dashboard as dossiers_dashboard
from accounts import roles
from core.dashboard import PANEL_SIZE, Queue, QueueItem, QueuePanel
from core.listings import ListingViewSetMixin, LocalDateTimeColumn, language_column
from core.workflow.badges import badge_colour, state_of
from funding.catalogue.models import Funder, FundingCall, FundingSource
from funding.dossiers.admin import ReviewProcessViewSet
from funding.dossiers.models import FunderMembership
from funding.matching.views.matrix import funding_matrix
from projects.experiments.admin.forms import CanonicalRelationsViewSetMixin
from projects.experiments.permissions import can_steer_pipeline
from projects.network.widgets import SearchableSelect


class CataloguePermissionPolicy(BasePermissionPolicy):
    """Every admin action on the catalogue is the coordinators' (and superusers'); editors and
    moderators, who hold page permissions, get none of them whatever their model permissions."""

    def user_has_permission(self, user, action) -> bool:
        return permissions.can_manage_catalogue(user)

    def user_has_any_permission(self, user, actions) -> bool:
        return permissions.can_manage_catalogue(user)

    def users_with_any_permission(self, actions):
        return (
            get_user_model()
            .objects.filter(Q(is_superuser=True) | Q(groups__name=roles.COORDINATORS))
            .filter(is_active=True)
            .distinct()
        )


class CatalogueViewSet(CanonicalRelationsViewSetMixin, ListingViewSetMixin, SnippetViewSet):
    """Snippet views that ask `funding.catalogue.permissions` rather than model permissions, search
    without accents, and relate to canonical rows named in the editor's language."""

    @property
    def permission_policy(self):
        return CataloguePermissionPolicy(self.model)


class FunderViewSet(CatalogueViewSet):
    model = Funder
    icon = "group"
    list_display = ["name", "kind", "website", language_column()]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "description"]
    list_per_page = 50


class FundingSourceViewSet(CatalogueViewSet):
    model = FundingSource
    icon = "folder-open-inverse"
    list_display = ["name", "kind", "funder", "parent", language_column()]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "description", "funder__name"]
    list_per_page = 50

    def get_queryset(self, request):
        return FundingSource.objects.select_related("funder", "parent", "locale")


class FundingCallViewSet(CatalogueViewSet):
    model = FundingCall
    icon = "doc-full"
    list_display = [
        "name",
        Column("source", label=_("Source"), accessor="source.name", sort_key="source__name"),
        Column(
            "territory",
            label=_("Territory"),
            accessor=lambda call: call.territory.name if call.territory_id else _("Anywhere"),
        ),
        Column("status", label=_("Status"), accessor=lambda call: call.status_label()),
        LocalDateTimeColumn("closes_at", label=_("Closing date"), sort_key="closes_at"),
        "import_source",
        language_column(),
    ]
    list_filter = ["recurrence", "source__kind", "is_illustrative", "import_source"]
    search_fields = ["name", "summary", "description", "source__name", "external_id"]
    list_per_page = 50
    ordering = ["name"]

    def get_queryset(self, request):
        return FundingCall.objects.select_related("source", "territory", "locale")


class FunderMembershipViewSet(CatalogueViewSet):
    """Who reviews for which funder, in which role: coordinators give people access to the
    funders' space (staff also reach the admin for their funder's review processes)."""

    model = FunderMembership
    icon = "user"
    list_display = [
        "user",
        "funder",
        Column("role", label=_("Role"), accessor="get_role_display", sort_key="role"),
        DateColumn("created_at", label=_("Since")),
    ]
    list_filter = ["funder", "role"]
    search_fields = ["user__full_name", "user__email", "funder__name"]
    list_per_page = 50
    panels = [
        FieldPanel("user", widget=SearchableSelect),
        FieldPanel("funder", widget=SearchableSelect),
        FieldPanel("role"),
    ]

    def get_queryset(self, request):
        return FunderMembership.objects.select_related("user", "funder")


class FundingViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Funding")
    menu_icon = "doc-full"
    menu_order = 260
    items = (
        FundingCallViewSet,
        FundingSourceViewSet,
        FunderViewSet,
        FunderMembershipViewSet,
        ReviewProcessViewSet,
    )


register_snippet(FundingViewSetGroup)


# ---------------------------------------------------------------------------------------------
# The coordinators' funding matrix (experiments by calls), a view of its own beside the pipeline.
# ---------------------------------------------------------------------------------------------
class FundingMatrixMenuItem(MenuItem):
    """Shown to the people who steer the pipeline; the view itself checks again (403)."""

    def is_shown(self, request) -> bool:
        return can_steer_pipeline(request.user)


@hooks.register("register_admin_urls")
def register_funding_matrix_url():
    return [path("funding-matrix/", funding_matrix, name="funding_matrix")]


@hooks.register("register_admin_menu_item")
def register_funding_matrix_menu_item():
    return FundingMatrixMenuItem(
        _("Funding matrix"),
        reverse_lazy("funding_matrix"),
        name="funding-matrix",
        icon_name="table",
        order=245,
    )


# ---------------------------------------------------------------------------------------------
# The coordinators' dashboard: dossiers waiting for a funder, calls closing soon.
# ---------------------------------------------------------------------------------------------
def _dossiers_queue() -> Queue:
    found = dossiers_dashboard.dossiers_awaiting_funder(PANEL_SIZE)
    now = timezone.now()
    items = []
    for dossier in found.dossiers:
        days = max((now - (dossier.submitted_at or dossier.state_changed_at)).days, 0)
        items.append(
            QueueItem(
                label=f"{dossier.experiment.title} — {dossier.call.name}",
                url=reverse(
                    "funding:dossier",
                    kwargs={"pk": dossier.experiment_id, "dossier_pk": dossier.pk},
                ),
                detail=ngettext(
                    "%(funder)s, submitted %(days)s day ago",
                    "%(funder)s, submitted %(days)s days ago",
                    days,
                )
                % {"funder": dossier.call.source.funder.name, "days": days},
                badge=badge_colour(state_of(dossier)),
                badge_label=dossier.get_state_display(),
            )
        )
    return Queue(items, found.total)


def _calls_queue() -> Queue:
    found = calls_dashboard.calls_closing_soon(PANEL_SIZE)
    edit = FundingCall.snippet_viewset.get_url_name("edit")
    items = [
        QueueItem(
            label=call.name,
            url=reverse(edit, args=(quote(call.pk),)),
            detail=_("%(funder)s, closes on %(date)s")
            % {
                "funder": call.source.funder.name,
                "date": date_format(call.local_closes_at, "SHORT_DATETIME_FORMAT"),
            },
        )
        for call in found.calls
    ]
    return Queue(items, found.total)


@hooks.register("construct_homepage_panels")
def add_funding_panels(request, panels):
    """Dossiers waiting for a funder and calls closing soon, for those who steer the pipeline."""
    if not can_steer_pipeline(request.user):
        return
    panels.append(
        QueuePanel(
            name="dossiers-awaiting-funder",
            heading=_("Dossiers awaiting a funder"),
            order=60,
            load=_dossiers_queue,
            empty=_("No dossier is waiting for a funder."),
        )
    )
    panels.append(
        QueuePanel(
            name="calls-closing-soon",
            heading=ngettext(
                "Calls closing within %(days)s day",
                "Calls closing within %(days)s days",
                calls_dashboard.CLOSING_WITHIN_DAYS,
            )
            % {"days": calls_dashboard.CLOSING_WITHIN_DAYS},
            order=70,
            load=_calls_queue,
            empty=_("No call closes in the coming days."),
            more_url=reverse(FundingCall.snippet_viewset.get_url_name("list")),
        )
    )
