"""The page presenting the cluster's working groups."""

from django.db import models
from django.db.models import F, Prefetch
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, Page
from wagtail.search import index

from core.revisions import UnchangedRevisionMixin
from core.translation import localize_all
from home.sections import section_page
from projects.network.models import Organisation, WorkingGroup


def latest_meeting(group: WorkingGroup):
    """The group's most recent meeting note (a StreamField child), or None."""
    meetings = [block for block in group.meeting_notes if block.block_type == "meeting"]
    return max(meetings, key=lambda block: block.value["date"], default=None)


class WorkingGroupsPage(UnchangedRevisionMixin, Page):
    """The thematic and territorial working groups: lead organisation, members, latest meeting.

    Groups are the canonical snippets edited under "Cooperation network"; this page shows them
    in the visitor's language and links organisations to the directory when there is one.
    """

    intro = models.TextField(_("Introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("working groups page")
        verbose_name_plural = _("working groups pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        locale = Locale.get_active()
        groups = localize_all(
            WorkingGroup.objects.canonical()
            .select_related("theme", "territory", "lead_organisation")
            .prefetch_related(
                Prefetch(
                    "members",
                    queryset=Organisation.objects.order_by("name").only("pk", "name", "slug"),
                )
            )
            .order_by(F("theme__number").asc(nulls_last=True), "kind", "name"),
            locale,
        )
        localize_all([group.theme for group in groups if group.theme is not None], locale)
        directory = section_page("home.OrganisationDirectoryPage", locale)
        base_url = directory.url if directory else None
        for group in groups:
            group.latest_meeting = latest_meeting(group)
            group.organisations = [
                _with_url(organisation, directory, base_url) for organisation in group.members.all()
            ]
            group.lead = (
                _with_url(group.lead_organisation, directory, base_url)
                if group.lead_organisation
                else None
            )
        context["groups"] = groups
        return context


def _with_url(organisation: Organisation, directory, base_url: str | None) -> Organisation:
    organisation.directory_url = (
        directory.organisation_url(organisation.slug, base_url) if directory else ""
    )
    return organisation
