"""News of the cluster, listed newest first and published as an RSS feed per language."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.revisions import UnchangedRevisionMixin
from core.translation import localize_all
from home.blocks.common import BodyBlock
from home.feeds import NewsFeed
from home.forms import ThemeFilterForm
from home.listing import localize_related, paginate
from home.models.relations import canonical_only
from projects.network.widgets import TerritoryPickerWidget

# The renditions listings show, fetched with the images so that thumbnails cost no query each.
THUMBNAIL_SPEC = "fill-480x270"


class NewsPageQuerySet(PageQuerySet):
    """Named filters of the news."""

    def newest_first(self) -> "NewsPageQuerySet":
        return self.order_by("-date", "-first_published_at", "-pk")

    def for_listing(self) -> "NewsPageQuerySet":
        """What a listing or the feed shows, fetched in a fixed number of queries."""
        images = get_image_model().objects.prefetch_renditions(THUMBNAIL_SPEC)
        return self.prefetch_related("themes", Prefetch("image", queryset=images))


NewsPageManager = PageManager.from_queryset(NewsPageQuerySet)


class NewsIndexPage(RoutablePageMixin, UnchangedRevisionMixin, Page):
    """The news of the cluster, newest first, filterable by theme, with an RSS feed."""

    intro = models.TextField(_("Introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.NewsPage"]
    max_count_per_parent = 1

    per_page = 10
    feed_size = 20

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def news(self) -> NewsPageQuerySet:
        """The published news of this index (so of its language) that visitors may see."""
        return NewsPage.objects.child_of(self).live().public().newest_first()

    def feed_url(self, request: HttpRequest | None = None) -> str:
        return self.get_url(request) + self.reverse_subpage("rss").lstrip("/")

    @path("")
    def index_route(self, request: HttpRequest) -> HttpResponse:
        form = ThemeFilterForm(request.GET or None)
        items = self.news().for_listing()
        valid = form.is_valid() if request.GET else True
        criteria = form.filters() if valid else {}
        if "theme" in criteria:
            items = items.filter(themes__slug=criteria["theme"])
        news = paginate(items, request, per_page=self.per_page)
        localize_related(news.object_list, "themes")
        response = self.render(
            request,
            context_overrides={"filter_form": form, "is_filtered": bool(criteria), "news": news},
        )
        if not valid:
            response.status_code = 400
        return response

    @path("rss/", name="rss")
    def rss(self, request: HttpRequest) -> HttpResponse:
        """RSS 2.0 feed of the latest news of this language."""
        return NewsFeed()(request, index=self)


class NewsPage(UnchangedRevisionMixin, Page):
    """A piece of news: its date, themes and territories, an image with its alt text, a body."""

    date = models.DateField(
        _("Date"),
        default=datetime.date.today,
        db_index=True,
        help_text=_("The news' date, shown with it; lists put the most recent first."),
    )
    themes = ParentalManyToManyField(
        "projects.Theme",
        blank=True,
        related_name="news",
        verbose_name=_("Themes"),
        limit_choices_to=canonical_only,
        help_text=_("The cooperation themes it concerns: the news list filters on them."),
    )
    territories = ParentalManyToManyField(
        "projects.Territory",
        blank=True,
        related_name="news",
        verbose_name=_("Territories"),
        help_text=_(
            "The places it concerns. Type a few letters to find a place; choose as many as needed."
        ),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at the top of the news and on its card in the list."),
    )
    image_alt = models.CharField(
        _("Image description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the image shows, for people who cannot see it. Leave empty to use the "
            "image's description, given at upload."
        ),
    )
    summary = models.TextField(
        pgettext_lazy("abstract", "Summary"), help_text=_("Shown in the list and the RSS feed")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("Body"))

    objects = NewsPageManager()

    override_translatable_fields = [
        SynchronizedField("themes"),
        SynchronizedField("territories"),
    ]
    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("territories", widget=TerritoryPickerWidget),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")

    def clean(self) -> None:
        super().clean()
        if self.image_id and not self.image_alt.strip():
            # The description asked at upload, stored here so that translators translate it.
            self.image_alt = (self.image.description or "").strip()[:250]
        if self.image_id and not self.image_alt:
            raise ValidationError(
                {"image_alt": _("Describe the image for people who cannot see it.")}
            )

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["themes"] = localize_all(self.themes.order_by("number"))
        context["territories"] = list(self.territories.order_by("rank", "name"))
        return context
