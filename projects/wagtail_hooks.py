"""The cooperation network in the Wagtail admin: themes, territories, organisations, groups."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from projects.models import Organisation, Territory, Theme, WorkingGroup


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["number", "name", "slug"]
    ordering = ["number"]


class TerritoryViewSet(SnippetViewSet):
    model = Territory
    icon = "site"
    list_display = ["name", "kind", "code", "country"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "code"]
    list_per_page = 50


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "kind", "legal_form", "commune", "is_active_member"]
    list_filter = ["kind", "legal_form", "is_active_member", "themes"]
    search_fields = ["name", "description"]
    list_per_page = 50


class WorkingGroupViewSet(SnippetViewSet):
    model = WorkingGroup
    icon = "user"
    list_display = ["name", "kind", "theme", "lead_organisation"]
    list_filter = ["kind"]


class NetworkViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Cooperation network")
    menu_icon = "group"
    menu_order = 250
    items = (OrganisationViewSet, WorkingGroupViewSet, ThemeViewSet, TerritoryViewSet)


register_snippet(NetworkViewSetGroup)
