"""RSS 2.0 feed of the news, one per language, built with Django's syndication framework."""

import datetime
from typing import TYPE_CHECKING

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils.feedgenerator import Rss201rev2Feed

from home.listing import localize_related

if TYPE_CHECKING:
    from home.models import NewsIndexPage, NewsPage


class NewsFeed(Feed):
    """The latest news of one news index (so of one language), with absolute links.

    Called as ``NewsFeed()(request, index=news_index_page)``; Django adds the request's scheme
    and host to every link.
    """

    feed_type = Rss201rev2Feed

    def get_object(self, request: HttpRequest, *, index: "NewsIndexPage") -> "NewsIndexPage":
        self.request = request
        # The feed speaks the language of its index, whatever the active language.
        self.language = index.locale.language_code
        return index

    def title(self, index: "NewsIndexPage") -> str:
        return f"{index.title} · Cluster 05 IS"

    def link(self, index: "NewsIndexPage") -> str:
        return index.get_url(self.request)

    def feed_url(self, index: "NewsIndexPage") -> str:
        return index.feed_url(self.request)

    def description(self, index: "NewsIndexPage") -> str:
        return index.intro or index.title

    def items(self, index: "NewsIndexPage") -> list["NewsPage"]:
        items = list(index.news().prefetch_related("themes")[: index.feed_size])
        localize_related(items, "themes")
        return items

    def item_title(self, item: "NewsPage") -> str:
        return item.title

    def item_description(self, item: "NewsPage") -> str:
        return item.summary

    def item_link(self, item: "NewsPage") -> str:
        return item.get_url(self.request)

    def item_guid(self, item: "NewsPage") -> str:
        # Stable when the title or slug changes; one per language version.
        return f"tag:cluster05-is,2019:news:{item.translation_key}:{self.language}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: "NewsPage") -> datetime.datetime:
        # Naive: Django makes it aware in the site's time zone (Europe/Paris).
        return datetime.datetime.combine(item.date, datetime.time.min)

    def item_categories(self, item: "NewsPage") -> list[str]:
        return [theme.name for theme in item.themes.all()]
