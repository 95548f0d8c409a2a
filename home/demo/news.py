"""The news of the demo, written from the seed's facts (`home/demo/data/news.yaml`). Dates are
relative to the loading day; pages are keyed on their slug, so loading again creates nothing.
"""

import datetime
import io
from dataclasses import dataclass

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from home.demo.content import read
from home.demo.editorial import PARIS, Text, is_translated, rich_paragraphs, text
from home.demo.i18n import Catalogue
from home.demo.pages import ensure_child, page_fields, stream, translate_everywhere
from home.models import HomePage, NewsIndexPage, NewsPage


@dataclass
class DemoNews:
    """One piece of news: French texts, or (fr, en, it) triples when the demo translates it."""

    slug: Text
    days: int  # from the loading day, negative
    themes: list[int]
    territories: list[str]
    title: Text
    summary: Text
    body: list[Text]
    image_alt: Text = ""  # given when the demo draws the chart of the ESS's share of jobs


def share_chart() -> object:
    """A bar chart of the ESS's share of private jobs (drawn once, found by title afterwards)."""
    Image = get_image_model()
    title = read("news")["chart_title"]
    image = Image.objects.filter(title=title).first()
    if image is None:
        canvas = PILImage.new("RGB", (1200, 675), "#f2f6f7")
        draw = ImageDraw.Draw(canvas)
        draw.rectangle((100, 260, 1100, 420), fill="#c9d3d8")
        draw.rectangle((100, 260, 300, 420), fill="#9c3d12")  # a fifth of the bar
        buffer = io.BytesIO()
        canvas.save(buffer, format="PNG")
        image = Image(title=title)
        image.file = ImageFile(buffer, name="part-ess-emplois-prives.png")
        image.save()
    return image


def ensure_news(index: NewsIndexPage, item: DemoNews, network: dict, t: Catalogue) -> NewsPage:
    slug = text(item.slug, t)
    fields = {
        "title": text(item.title, t),
        "summary": text(item.summary, t),
        "body": stream(("rich_text", rich_paragraphs(item.body, t))),
        "image_alt": text(item.image_alt, t) if item.image_alt else "",
    }
    existing = index.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    return ensure_child(
        index,
        NewsPage,
        slug=slug,
        date=timezone.localdate(timezone=PARIS) + datetime.timedelta(days=item.days),
        themes=[network["themes"][number] for number in item.themes],
        territories=[network["territories"][slug] for slug in item.territories],
        image=share_chart() if item.image_alt else None,
        **fields,
    )


def load(network: dict, home: HomePage) -> list:
    """The news index with its translations and the demo news; returns the menu page."""
    t = Catalogue()
    data = read("news")
    index = ensure_child(home, NewsIndexPage, **page_fields(data["index"], t))
    translate_everywhere(index, t)
    for item in (DemoNews(**spec) for spec in data["news"]):
        item_catalogue = Catalogue()
        page = ensure_news(index, item, network, item_catalogue)
        if is_translated(item.slug, item.title, item.summary, *item.body):
            translate_everywhere(page, item_catalogue)
    return [index]
