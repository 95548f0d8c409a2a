"""What search engines and social networks read about a page."""

import html

from django.db import models
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page

# Search engines show about this many characters of a description.
META_DESCRIPTION_LENGTH = 160


class SeoMixin(models.Model):
    """A page's search and sharing metadata: its meta description and its social image.

    Page models adopt it before ``Page`` (``class GuidePage(SeoMixin, Page)``). The description
    is the promote tab's *search description*, else the first non-empty field named in
    ``meta_description_fields`` (an intro or summary); override ``get_meta_description`` for
    anything else. The social image is synchronised across translations by wagtail-localize.
    """

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown when the page is shared on social networks. Best at 1200 by 630 pixels; its "
            "description is the alternative text."
        ),
    )

    meta_description_fields: tuple[str, ...] = ("intro", "summary")
    og_type = "website"

    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel([FieldPanel("social_image")], heading=_("For social networks")),
    ]

    class Meta:
        abstract = True

    def get_meta_description(self) -> str:
        """One or two sentences describing the page, plain text."""
        if self.search_description.strip():
            return self.search_description.strip()
        for name in self.meta_description_fields:
            value = getattr(self, name, None)
            if value:
                return summarise(str(value))
        return ""

    def get_social_image(self):
        return self.social_image


def summarise(text: str, length: int = META_DESCRIPTION_LENGTH) -> str:
    """Plain text from text or HTML, cut at a word boundary to fit a meta description."""
    plain = " ".join(html.unescape(strip_tags(text)).split())
    return Truncator(plain).chars(length)
