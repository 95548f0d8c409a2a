"""The home page and standard text pages."""

from django.db import models
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.revisions import UnchangedRevisionMixin
from home.blocks.common import BodyBlock, HomeBodyBlock
from home.models.seo import SeoMixin, summarise


class HomePage(SeoMixin, UnchangedRevisionMixin, Page):
    """The home page of one language: presents the cluster, its figures and how to take part."""

    body = StreamField(HomeBodyBlock(), blank=True, verbose_name=_("Body"))

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    def get_admin_display_title(self) -> str:
        """The title and the page's language, in that language: « Accueil (français) », « Home
        (English) ». The site has one home page per language under the root, often with the
        same title; the explorer, the page chooser and the breadcrumbs tell them apart with it.
        The public title stays the title."""
        title = super().get_admin_display_title()
        code = self.locale.language_code
        try:
            language = get_language_info(code)["name_local"]
        except KeyError:
            language = self.locale.get_display_name() or code
        return f"{title} ({language})"

    @property
    def has_hero(self) -> bool:
        """The hero block carries the page's h1; without one the template prints the title."""
        return any(block.block_type == "hero" for block in self.body)

    def get_meta_description(self) -> str:
        """The search description, else the hero's text, which presents the cluster."""
        description = super().get_meta_description()
        if not description:
            for block in self.body:
                if block.block_type == "hero" and block.value.get("text"):
                    return summarise(block.value["text"])
        return description

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class StandardPage(SeoMixin, UnchangedRevisionMixin, Page):
    """A page of text: legal notice, privacy, about, how to take part."""

    intro = models.TextField(_("Introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("Body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    og_type = "article"

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
