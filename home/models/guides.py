"""The six mini-guides, one per cooperation theme, and their index page."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.pdf import PdfUnavailable, render_guide_pdf
from core.revisions import UnchangedRevisionMixin
from core.translation import localize, localize_all
from home.blocks.guides import GuideBodyBlock
from home.guides import GuideSection, guide_sections, theme_leads


def canonical_locale() -> dict:
    """Choices limited to canonical rows (default language): relations point at those."""
    return {"locale__language_code": Locale.get_default().language_code}


class GuideIndexPage(UnchangedRevisionMixin, Page):
    """The list of mini-guides of one language, in theme order."""

    intro = models.TextField(_("Introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.GuidePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("guide index page")
        verbose_name_plural = _("guide index pages")

    def guides(self) -> list["GuidePage"]:
        """The live guides under this index, in theme order, each with its theme and lead.

        A fixed number of queries whatever the number of guides: themes are joined, their
        text is localized in one query and the leads are fetched in two.
        """
        guides = list(
            GuidePage.objects.live()
            .public()
            .child_of(self)
            .select_related("theme")
            .order_by("theme__number", "title")
        )
        themes = localize_all([guide.theme for guide in guides])
        leads = theme_leads(themes)
        for guide in guides:
            guide.theme_lead = leads.get(guide.theme_id)
        return guides

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guides"] = self.guides()
        return context


class GuidePage(RoutablePageMixin, UnchangedRevisionMixin, Page):
    """A mini-guide: what the network knows about one cooperation theme, in structured sections.

    Context and stakes, alternatives compared, inspiring experiences elsewhere, initiatives under
    way in the department, practical resources and contacts (the theme lead first). Each guide
    has a print-ready PDF at ``<guide url>pdf/``.
    """

    theme = models.ForeignKey(
        "projects.Theme",
        verbose_name=_("Theme"),
        on_delete=models.PROTECT,
        related_name="guides",
        limit_choices_to=canonical_locale,
        help_text=_("One guide per theme and language; its lead organisation is the contact."),
    )
    summary = models.TextField(
        pgettext_lazy("abstract", "Summary"),
        help_text=_("Two or three sentences, shown in the list of guides."),
    )
    published_on = models.DateField(
        _("Publication date"),
        default=datetime.date.today,
        help_text=_("The date printed on the guide and its PDF, not when the page goes live."),
    )
    body = StreamField(GuideBodyBlock(), verbose_name=_("Sections"))

    content_panels = [
        *Page.content_panels,
        # A plain list of the (six, canonical) themes rather than the snippet chooser.
        FieldPanel("theme", widget=forms.Select),
        FieldPanel("summary"),
        FieldPanel("published_on"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("theme"),
    ]
    # The theme is a relation: every translation points at the same canonical (French) theme.
    override_translatable_fields = [SynchronizedField("theme"), SynchronizedField("published_on")]

    parent_page_types = ["home.GuideIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("guide")
        verbose_name_plural = _("guides")

    def clean(self) -> None:
        super().clean()
        if not self.theme_id:
            return
        if self.theme.locale_id != Locale.get_default().pk:
            raise ValidationError(
                {"theme": _("Choose the theme in the default language (French).")}
            )
        others = GuidePage.objects.filter(theme_id=self.theme_id, locale_id=self.locale_id)
        if self.pk:
            others = others.exclude(pk=self.pk)
        other = others.first()
        if other is not None:
            raise ValidationError(
                {
                    "theme": _(
                        "There is already a guide on this theme in this language: “%(title)s”. "
                        "Edit that guide instead, or choose another theme."
                    )
                    % {"title": other.title}
                }
            )

    # --- Display ------------------------------------------------------------------------------

    def sections(self) -> list[GuideSection]:
        """The sections in order, for the table of contents and the body."""
        return guide_sections(self.body, contacts_heading=gettext("Contacts"))

    def display_context(self) -> dict:
        """Theme and lead in the active language, and the sections: for the page and the PDF."""
        theme = localize(self.theme)
        lead = theme_leads([theme]).get(theme.pk)
        return {"theme": theme, "theme_lead": lead, "sections": self.sections()}

    @property
    def pdf_url(self) -> str:
        return self.url + self.reverse_subpage("pdf")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.display_context())
        return context

    def get_pdf_context(self, *, language: str, url: str) -> dict:
        """The context of the print template (rendered with ``language`` active)."""
        return {
            "page": self,
            "language": language,
            "page_full_url": url,
            "platform_name": "Cluster 05 Innovation Sociale",
            **self.display_context(),
        }

    @path("pdf/", name="pdf")
    def pdf(self, request):
        """The guide as a print-ready PDF (503 with an explanation when PDFs can't be made)."""
        try:
            pdf = render_guide_pdf(self, base_url=request.build_absolute_uri(self.url))
        except PdfUnavailable:
            with translation.override(self.locale.language_code):
                response = self.render(request, template="home/guide_pdf_unavailable.html")
                response.render()
            response.status_code = 503
            response["Retry-After"] = "3600"
            return response
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{self.slug}.pdf"'
        return response
