"""The funding catalogue in the Wagtail admin: funders, sources and calls under one "Funding"
menu, kept by the coordinators (`funding.permissions.can_manage_catalogue`)."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from accounts import roles
from funding import permissions
from funding.models import Funder, FunderMembership, FundingCall, FundingSource


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


class CatalogueViewSet(SnippetViewSet):
    """Snippet views that ask `funding.permissions` rather than model permissions."""

    @property
    def permission_policy(self):
        return CataloguePermissionPolicy(self.model)


class FunderViewSet(CatalogueViewSet):
    model = Funder
    icon = "group"
    list_display = ["name", "kind", "website"]
    list_filter = ["kind"]
    search_fields = ["name", "description"]
    list_per_page = 50


class FundingSourceViewSet(CatalogueViewSet):
    model = FundingSource
    icon = "folder-open-inverse"
    list_display = ["name", "kind", "funder", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "description"]
    list_per_page = 50


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
        DateColumn("closes_at", label=_("Closing date"), sort_key="closes_at"),
        "import_source",
    ]
    list_filter = ["recurrence", "source__kind", "is_illustrative", "import_source"]
    search_fields = ["name", "summary", "description"]
    list_per_page = 50
    ordering = ["name"]

    def get_queryset(self, request):
        return FundingCall.objects.select_related("source", "territory", "locale")


class FunderMembershipViewSet(CatalogueViewSet):
    """Who reviews for which funder: coordinators give people access to the funders' space."""

    model = FunderMembership
    icon = "user"
    list_display = ["user", "funder", DateColumn("created_at", label=_("Since"))]
    list_filter = ["funder"]
    list_per_page = 50
    panels = [
        FieldPanel("user", widget=forms.Select),
        FieldPanel("funder", widget=forms.Select),
    ]

    def get_queryset(self, request):
        return FunderMembership.objects.select_related("user", "funder")


class FundingViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Funding")
    menu_icon = "doc-full"
    menu_order = 260
    items = (FundingCallViewSet, FundingSourceViewSet, FunderViewSet, FunderMembershipViewSet)


register_snippet(FundingViewSetGroup)
