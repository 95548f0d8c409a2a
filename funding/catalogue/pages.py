"""The public catalogue of funding calls: a Wagtail page with a filtered list, one view per call
and an iCalendar file of each call's deadlines."""

from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.template.response import TemplateResponse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Locale, Page
from wagtail.search import index

import funding.catalogue.display as catalogue
from core.revisions import UnchangedRevisionMixin
from funding.catalogue.calendar import call_calendar_response
from funding.catalogue.filters import CatalogueFilter
from funding.catalogue.models import FundingCall

# Search engines show about this many characters of a description.
META_DESCRIPTION_LENGTH = 160


class FundingCatalogPage(RoutablePageMixin, UnchangedRevisionMixin, Page):
    """The public catalogue of funding calls (`/fr/financements/`).

    Lists the canonical calls with filters that work without JavaScript, ordered by narrowest
    territory then soonest deadline; each call has a page at ``<slug>/`` and its deadlines an
    iCalendar file at ``<slug>/deadlines.ics``.
    """

    PER_PAGE = 20

    intro = models.TextField(_("Introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("funding catalogue")
        verbose_name_plural = _("funding catalogues")

    def get_meta_description(self) -> str:
        """The search description, else the introduction, cut to fit."""
        text = self.search_description.strip() or self.intro
        return Truncator(" ".join(strip_tags(text).split())).chars(META_DESCRIPTION_LENGTH)

    def call_url(self, slug: str, base_url: str | None = None) -> str:
        """The address of a call's page in this catalogue."""
        base = base_url if base_url is not None else self.url
        return base + self.reverse_subpage("call", kwargs={"slug": slug})

    def calendar_url(self, slug: str, base_url: str | None = None) -> str:
        """The address of a call's iCalendar file (no trailing slash)."""
        base = base_url if base_url is not None else self.url
        return (base + self.reverse_subpage("call_calendar", kwargs={"slug": slug})).rstrip("/")

    @path("")
    def index_route(self, request: HttpRequest) -> TemplateResponse:
        """The list: filters, result count, a page of calls."""
        locale = Locale.get_active()
        themes = catalogue.themes_in(locale)
        filterset = CatalogueFilter(
            _filter_data(request),
            queryset=FundingCall.objects.canonical(),
            themes=themes,
        )
        invalid = not filterset.is_valid()
        results = filterset.qs  # the valid criteria still apply when another one is not
        paginator = Paginator(results.for_listing(), self.PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        base_url = self.get_url(request)
        calls = catalogue.prepare_calls(page_obj.object_list, locale, themes=themes)
        for call in calls:
            call.detail_url = self.call_url(call.slug, base_url)
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
                "calls": calls,
                "filter_query": query.urlencode(),
            }
        )
        return TemplateResponse(
            request, self.get_template(request), context, status=400 if invalid else 200
        )

    @path("<slug:slug>/", name="call")
    def call_view(self, request: HttpRequest, slug: str) -> TemplateResponse:
        """One call: every field, its deadlines in Paris time, where to apply."""
        locale = Locale.get_active()
        call = self._call(slug)
        call = catalogue.prepare_call(call, locale)
        context = self.get_context(request)
        context.update(
            {
                "call": call,
                "calendar_url": self.calendar_url(call.slug, self.get_url(request))
                if call.deadlines()
                else "",
                "canonical_url": request.build_absolute_uri(
                    self.call_url(call.slug, self.get_url(request))
                ),
            }
        )
        return TemplateResponse(request, "funding/funding_call.html", context)

    @path("<slug:slug>/deadlines.ics/", name="call_calendar")
    def call_calendar(self, request: HttpRequest, slug: str) -> HttpResponse:
        """The call's deadlines (pre-deposit, closing) as an iCalendar file."""
        call = catalogue.prepare_call(self._call(slug), Locale.get_active())
        if not call.deadlines():
            raise Http404(_("This call has no deadline."))
        return call_calendar_response(
            request, call, url=request.build_absolute_uri(self.call_url(call.slug))
        )

    def _call(self, slug: str) -> FundingCall:
        call = catalogue.call_for_page(slug)
        if call is None:
            raise Http404(_("No funding call at this address."))
        return call


def _filter_data(request: HttpRequest) -> QueryDict:
    """The query string as filter data (always bound: the default order and the hiding of
    closed calls apply to the unfiltered list too)."""
    data = request.GET.copy()
    data.pop("page", None)
    return data
