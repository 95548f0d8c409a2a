"""The sitemap: every live public page of every language, with its translations as alternates."""

from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class MultilingualSitemap(Sitemap):
    """Wagtail's sitemap extended to the translated trees, with ``hreflang`` alternates.

    The site's root page is the French home page; its English and Italian translations are the
    roots of their own trees, which Wagtail's sitemap would leave out. Each page lists its live
    public translations and ``x-default`` (the French version), as Google documents for
    multilingual sites. Page types that add URLs through ``get_sitemap_urls`` keep them.
    """

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = reduce(or_, (Q(path__startswith=root.path) for root in roots))
        return (
            Page.objects.live()
            .public()
            .filter(in_a_tree)
            .select_related("locale")
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _alternates_by_key(self, pages: list[Page]) -> dict:
        """Translation key → [(language code, absolute URL)] of the live public versions."""
        keys = {page.translation_key for page in pages}
        versions = (
            Page.objects.live()
            .public()
            .filter(translation_key__in=keys)
            .select_related("locale")
            .order_by("path")
        )
        alternates: dict = {}
        for version in versions:
            url = version.get_full_url(self.request)
            if url:
                alternates.setdefault(version.translation_key, []).append(
                    (version.locale.language_code, url)
                )
        return alternates

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        alternates = self._alternates_by_key(pages)
        urls = []
        last_mods = set()
        for item in pages:
            own_url = item.get_full_url(self.request)
            for url_info in item.get_sitemap_urls(self.request):
                url_info = dict(url_info)
                if url_info.get("location") == own_url:
                    url_info["alternates"] = _alternate_entries(
                        alternates.get(item.translation_key, [])
                    )
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


def _alternate_entries(versions: list[tuple[str, str]]) -> list[dict[str, str]]:
    entries = [{"lang_code": code, "location": url} for code, url in versions]
    default = next((url for code, url in versions if code == settings.LANGUAGE_CODE), None)
    if default:
        entries.append({"lang_code": "x-default", "location": default})
    return entries
