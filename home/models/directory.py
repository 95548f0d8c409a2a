"""The directory of organisations: a filterable list with a map, and one page per organisation."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, QueryDict
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Locale, Page
from wagtail.search import index

from core.revisions import UnchangedRevisionMixin
from core.text import Fold
from core.translation import localize_all
from home.directory import OrganisationFilter, directory_themes, map_points
from home.sections import section_page
from projects.network.models import Organisation, Theme, WorkingGroup


class OrganisationDirectoryPage(RoutablePageMixin, UnchangedRevisionMixin, Page):
    """The public directory of the network's organisations (ESS enterprises and institutions).

    Lists the canonical organisations with filters that work without JavaScript, a map built
    from the same results when JavaScript and Leaflet are available, and a detail view per
    organisation at ``o/<slug>/``.
    """

    PER_PAGE = 24

    intro = models.TextField(_("Introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("directory of organisations")
        verbose_name_plural = _("directories of organisations")

    def organisation_url(self, slug: str, base_url: str | None = None) -> str:
        """The address of an organisation's detail view in this directory."""
        base = base_url if base_url is not None else self.url
        return base + self.reverse_subpage("organisation", kwargs={"slug": slug})

    @path("")
    def index_route(self, request):
        """The list: filters, result count, a page of organisations, the map's data."""
        locale = Locale.get_active()
        themes = directory_themes(locale)
        filterset = OrganisationFilter(
            _filter_data(request),
            queryset=Organisation.objects.canonical().order_by(Fold("name"), "pk"),
            themes=themes,
            locale=locale,
        )
        invalid = filterset.is_bound and not filterset.is_valid()
        results = filterset.qs
        paginator = Paginator(
            results.select_related("commune").prefetch_related(
                Prefetch("themes", queryset=Theme.objects.only("pk"))
            ),
            self.PER_PAGE,
        )
        page_obj = paginator.get_page(request.GET.get("page"))
        base_url = self.get_url(request)
        organisations = localize_all(page_obj.object_list, locale)
        themes_by_pk = {theme.pk: theme for theme in themes}
        for organisation in organisations:
            organisation.detail_url = self.organisation_url(organisation.slug, base_url)
            organisation.display_themes = sorted(
                (themes_by_pk[t.pk] for t in organisation.themes.all() if t.pk in themes_by_pk),
                key=lambda theme: theme.number,
            )
        query = request.GET.copy()
        query.pop("page", None)
        context = self.get_context(request)
        context.update(
            {
                "filter": filterset,
                "form": filterset.form,
                "has_filters": bool(filterset.active_filters),
                "paginator": paginator,
                "page_obj": page_obj,
                "page_range": list(
                    paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
                ),
                "organisations": organisations,
                "filter_query": query.urlencode(),
                "map_points": [
                    point.as_json()
                    for point in map_points(
                        results, lambda slug: self.organisation_url(slug, base_url)
                    )
                ],
                "map_tile_url": settings.MAP_TILE_URL,
                "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
            }
        )
        return TemplateResponse(
            request, self.get_template(request), context, status=400 if invalid else 200
        )

    @path("o/<slug:slug>/", name="organisation")
    def organisation_view(self, request, slug: str):
        """One organisation: who it is, where it works, its themes and its working groups."""
        locale = Locale.get_active()
        organisation = (
            Organisation.objects.canonical()
            .select_related("commune", "logo")
            .prefetch_related(
                Prefetch("themes", queryset=Theme.objects.order_by("number")),
                "territories",
            )
            .filter(slug=slug)
            .first()
        )
        if organisation is None:
            raise Http404(_("No organisation at this address."))
        localize_all([organisation], locale)
        groups = localize_all(
            WorkingGroup.objects.canonical()
            .filter(Q(members=organisation) | Q(lead_organisation=organisation))
            .select_related("theme")
            .distinct(),
            locale,
        )
        groups_page = section_page("home.WorkingGroupsPage", locale) if groups else None
        for group in groups:
            group.is_led = group.lead_organisation_id == organisation.pk
            group.anchor_url = f"{groups_page.url}#group-{group.slug}" if groups_page else ""
        context = self.get_context(request)
        context.update(
            {
                "organisation": organisation,
                "themes": localize_all(organisation.themes.all(), locale),
                "territories": [
                    t for t in organisation.territories.all() if t.pk != organisation.commune_id
                ],
                "working_groups": groups,
            }
        )
        return TemplateResponse(request, "home/organisation_detail.html", context)


def _filter_data(request: HttpRequest) -> QueryDict | None:
    """The query string as filter data, or None when the visitor set nothing."""
    data = request.GET.copy()
    data.pop("page", None)
    return data or None
