"""A theme's page: what the platform holds on one cooperation theme, for anyone to read.

It gathers the theme's mini-guide, its exchanges of experience, the public experiments on it,
the calls for projects open to it and the sharing board's posts of the matching categories.
Only public items: live and public pages, experiments made public, published calls still open,
posts on the board. A fixed number of queries whatever the theme holds.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.utils import translation
from wagtail.models import Locale, Page

from core.translation import localize, localize_all
from funding.catalogue.models import FundingCall
from funding.catalogue.pages import FundingCatalogPage
from home.models import ExchangeIndexPage, ExchangePage, GuidePage
from projects.experiments.models import Experiment
from projects.network.models import Theme
from projects.sharing.models import SharingPost

# Sharing posts carry a category, not a theme: the categories that belong to each theme.
SHARING_CATEGORIES = {
    "locaux-materiels": (
        SharingPost.Category.PREMISES,
        SharingPost.Category.EQUIPMENT,
        SharingPost.Category.VEHICLE,
    ),
    "competences-emploi-formation": (
        SharingPost.Category.SKILLS,
        SharingPost.Category.SHARED_JOB,
    ),
}

LIMIT = 6  # items per kind: the page leads to the full, filtered listings


@dataclass
class ThemeDigest:
    theme: Theme
    guide: GuidePage | None = None
    exchanges: list = field(default_factory=list)
    experiments: list = field(default_factory=list)
    calls: list = field(default_factory=list)
    posts: list = field(default_factory=list)
    sharing_categories: tuple = ()
    catalogue_url: str = ""
    exchanges_url: str = ""


def public_theme(slug: str) -> Theme | None:
    """The canonical theme of that slug, or None."""
    return Theme.objects.canonical().filter(slug=slug).first()


def theme_digest(theme: Theme) -> ThemeDigest:
    """The public items on ``theme`` (a canonical theme), in the active language."""
    language = translation.get_language()
    guides = (
        GuidePage.objects.live()
        .public()
        .filter(theme=theme)
        .filter(Q(locale__language_code=language) | Q(locale__language_code=settings.LANGUAGE_CODE))
        .select_related("locale")
    )
    guide = next((g for g in guides if g.locale.language_code == language), None) or next(
        iter(guides), None
    )
    exchanges = list(
        ExchangePage.objects.live()
        .public()
        .filter(themes=theme, locale=Locale.get_active())
        .order_by("-start", "-pk")[:LIMIT]
    )
    experiments = list(
        Experiment.objects.public().filter(themes=theme).order_by("-state_changed_at")[:LIMIT]
    )
    calls = list(
        FundingCall.objects.canonical()
        .not_closed()
        .filter(themes=theme)
        .select_related("source__funder")
        .order_by("closes_at", "name")[:LIMIT]
    )
    listings = {
        page.content_type.model_class(): page.url
        for page in Page.objects.live()
        .public()
        .type(FundingCatalogPage, ExchangeIndexPage)
        .filter(locale=Locale.get_active())
        .select_related("content_type")
    }
    catalogue_url = listings.get(FundingCatalogPage, "")
    for call in calls:
        call.detail_url = catalogue_url + f"{call.slug}/" if catalogue_url else ""
    categories = SHARING_CATEGORIES.get(theme.slug, ())
    posts = []
    if categories:
        posts = list(
            SharingPost.objects.on_board()
            .filter(category__in=categories)
            .select_related("organisation")
            .order_by("-pk")[:LIMIT]
        )
    return ThemeDigest(
        theme=localize(theme),
        guide=guide,
        exchanges=exchanges,
        experiments=experiments,
        calls=localize_all(calls),
        posts=posts,
        sharing_categories=categories,
        catalogue_url=catalogue_url,
        exchanges_url=listings.get(ExchangeIndexPage, ""),
    )
