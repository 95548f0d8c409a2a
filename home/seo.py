"""Absolute addresses and the metadata that search engines and social networks read.

Absolute links come from the Wagtail site of the request (its hostname and port, set from
``SITE_URL`` on a fresh installation: ``home.setup.ensure_default_site_address``), so that a page
names the same canonical address whatever host header reached it.
"""

from dataclasses import dataclass, field
from urllib.parse import urljoin

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from wagtail.models import Page, Site

from home.languages import language_links
from home.models.seo import summarise

# Open Graph names a locale with a territory.
OG_LOCALES = {"fr": "fr_FR", "en": "en_GB", "it": "it_IT"}
SOCIAL_IMAGE_FILTER = "fill-1200x630|format-jpeg|jpegquality-85"


def site_root_url(request: HttpRequest) -> str:
    """The public origin of the request's site, e.g. ``https://cluster05.example.org``."""
    cached = getattr(request, "_c05_site_root_url", None)
    if cached is None:
        site = Site.find_for_request(request)
        cached = site.root_url if site else settings.SITE_URL.rstrip("/")
        request._c05_site_root_url = cached
    return cached


def absolute_url(request: HttpRequest, url: str) -> str:
    """``url`` made absolute on the site's origin (already absolute addresses are kept)."""
    return urljoin(site_root_url(request) + "/", url)


def og_locale(language_code: str) -> str:
    return OG_LOCALES.get(language_code, language_code)


@dataclass(frozen=True)
class SocialImage:
    url: str
    width: int
    height: int
    alt: str


@dataclass(frozen=True)
class PageMeta:
    """Everything the ``<head>`` says about the current page."""

    canonical_url: str
    description: str = ""
    title: str = ""
    og_type: str = "website"
    og_locale: str = ""
    og_locale_alternates: list[str] = field(default_factory=list)
    image: SocialImage | None = None

    @property
    def twitter_card(self) -> str:
        return "summary_large_image" if self.image else "summary"


def meta_description(page: Page) -> str:
    getter = getattr(page, "get_meta_description", None)
    if callable(getter):
        return getter()
    return summarise(page.search_description or "")


def social_image(request: HttpRequest, page: Page) -> SocialImage | None:
    getter = getattr(page, "get_social_image", None)
    image = getter() if callable(getter) else None
    if image is None:
        return None
    rendition = image.get_rendition(SOCIAL_IMAGE_FILTER)
    return SocialImage(
        url=absolute_url(request, rendition.url),
        width=rendition.width,
        height=rendition.height,
        alt=image.default_alt_text,
    )


def page_meta(request: HttpRequest, page: Page | None) -> PageMeta:
    """The metadata of a Wagtail page, or the bare canonical address of any other view."""
    if page is None:
        return PageMeta(canonical_url=absolute_url(request, request.path))
    language = translation.get_language()
    alternates = [
        og_locale(link.code)
        for link in language_links(request, page)
        if link.is_translation and link.code != language
    ]
    return PageMeta(
        canonical_url=absolute_url(request, page.get_url(request)),
        description=meta_description(page),
        title=page.seo_title or page.title,
        og_type=getattr(page, "og_type", "website"),
        og_locale=og_locale(language),
        og_locale_alternates=alternates,
        image=social_image(request, page),
    )
