"""The programme's dashboard: the year's targets set by editors beside live figures."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from core.revisions import UnchangedRevisionMixin
from home import dashboard


def current_year() -> int:
    return timezone.localdate().year


def _target(verbose_name, default: int, help_text=""):
    return models.PositiveSmallIntegerField(
        verbose_name,
        default=default,
        validators=[MinValueValidator(1), MaxValueValidator(10_000)],
        help_text=help_text,
    )


class DashboardPage(UnchangedRevisionMixin, Page):
    """Where the programme stands: each target of the year and the figure counted live.

    The defaults are the seed's targets for a year (15 exchanges of experience, 6 mini-guides,
    3 experiments launched, a lead for each of the 5 themes); the sharing board's targets (posts,
    matches, fulfilled exchanges) are not in the seed and are for editors to set. Figures come
    from `home.dashboard`.
    """

    intro = models.TextField(_("Introduction"), blank=True)
    year = models.PositiveSmallIntegerField(
        _("Year"),
        default=current_year,
        validators=[MinValueValidator(2019), MaxValueValidator(2100)],
        help_text=_("The year the targets are for; exchanges are counted in that year."),
    )
    target_exchanges = _target(_("Exchanges of experience"), 15)
    target_guides = _target(_("Mini-guides"), 6)
    target_experiments = _target(
        _("Cooperation experiments launched"),
        3,
        help_text=_("Shown once the experiment workflow provides the figure."),
    )
    target_theme_leads = _target(_("Themes with a lead organisation"), 5)
    target_active_members = _target(_("Active member organisations"), 30)
    target_sharing_posts = _target(_("Offers and requests shared"), 40)
    target_sharing_matches = _target(_("Offers and requests matched"), 15)
    target_sharing_fulfilled = _target(_("Exchanges fulfilled"), 10)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("year"),
                FieldRowPanel([FieldPanel("target_exchanges"), FieldPanel("target_guides")]),
                FieldRowPanel([FieldPanel("target_experiments"), FieldPanel("target_theme_leads")]),
                FieldPanel("target_active_members"),
                FieldRowPanel(
                    [
                        FieldPanel("target_sharing_posts"),
                        FieldPanel("target_sharing_matches"),
                        FieldPanel("target_sharing_fulfilled"),
                    ]
                ),
            ],
            heading=_("Targets for the year"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("dashboard")
        verbose_name_plural = _("dashboards")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["figures"] = dashboard.figures(self, self.year)
        return context
