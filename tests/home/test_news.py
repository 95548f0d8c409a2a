"""News: page tree, listing (newest first, theme filter, pages), RSS feed per language, demo."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, NewsIndexPage, NewsPage
from home.models.news import THUMBNAIL_SPEC
from projects.network.models import Theme
from tests.factories import NewsIndexPageFactory, NewsPageFactory

INDEX_URLS = {"fr": "/fr/actualites/", "en": "/en/news/", "it": "/it/notizie/"}
SURVEY_URLS = {
    "fr": "/fr/actualites/enquete-innovations-sociales-fragiles/",
    "en": "/en/news/survey-social-innovations-fragile/",
    "it": "/it/notizie/indagine-innovazioni-sociali-fragili/",
}
SURVEY_TITLES = {
    "fr": "Enquête : des innovations sociales nombreuses mais fragiles",
    "en": "Survey: many social innovations, but fragile ones",
    "it": "Indagine: innovazioni sociali numerose ma fragili",
}


def today_minus(n: int) -> datetime.date:
    return datetime.date.today() - datetime.timedelta(days=n)


@pytest.fixture
def index(db) -> NewsIndexPage:
    """An empty news index beside the demo's one."""
    home = HomePage.objects.get(locale__language_code="fr")
    return NewsIndexPageFactory(parent=home, slug="nouvelles-de-test")


def titles(html: str) -> list[str]:
    return re.findall(r'<h2 class="card__title"><a href="[^"]+">([^<]+)</a>', html)


class TestPageTree(WagtailPageTestCase):
    def test_index_only_under_the_home_page(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})

    def test_news_only_under_the_index(self):
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, set())
        self.assertCanNotCreateAt(HomePage, NewsPage)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en", "it"])
def test_index_renders_in_each_language_with_its_feed_link(client, language):
    response = client.get(INDEX_URLS[language])
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert html.count("<h1") == 1
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert f'href="{INDEX_URLS[language]}rss/"' in html
    assert SURVEY_TITLES[language].replace("'", "&#x27;") in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en", "it"])
def test_translated_news_renders_in_each_language(client, language):
    response = client.get(SURVEY_URLS[language])
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert html.count("<h1") == 1
    assert SURVEY_TITLES[language] in html.replace("&#x27;", "'")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en", "it"])
def test_image_has_its_alt_text_in_the_page_language(client, language):
    page = NewsPage.objects.get(locale__language_code=language, image__isnull=False)
    html = client.get(page.url).content.decode()
    assert re.search(r'<img [^>]*alt="' + re.escape(page.image_alt.replace("'", "&#x27;")), html)
    index_html = client.get(INDEX_URLS[language]).content.decode()
    assert f'alt="{page.image_alt}"'.replace("'", "&#x27;") in index_html


@pytest.mark.django_db
def test_an_image_needs_its_alt_text(index):
    image = get_image_model().objects.create(title="Photo", file=get_test_image_file())
    page = NewsPage(title="Nouvelle", slug="nouvelle", summary="…", image=image, image_alt=" ")
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "image_alt" in error.value.message_dict
    page.image_alt = "Des bénévoles devant le local partagé"
    page.clean()


@pytest.mark.django_db
def test_newest_first_ten_per_page(client, index):
    for n in range(12):
        NewsPageFactory(parent=index, title=f"Nouvelle {n:02d}", date=today_minus(n))
    NewsPageFactory(parent=index, title="Brouillon", date=today_minus(0), live=False)
    html = client.get(index.url).content.decode()
    assert titles(html) == [f"Nouvelle {n:02d}" for n in range(10)]
    assert 'href="?page=2"' in html
    html = client.get(index.url, {"page": 2}).content.decode()
    assert titles(html) == ["Nouvelle 10", "Nouvelle 11"]


@pytest.mark.django_db
def test_filter_by_theme_without_javascript(client, index):
    themes = {t.slug: t for t in Theme.objects.canonical()}
    NewsPageFactory(parent=index, title="Trésorerie", themes=[themes["diversification-financiere"]])
    NewsPageFactory(parent=index, title="Locaux", themes=[themes["locaux-materiels"]])
    html = client.get(index.url, {"theme": "locaux-materiels"}).content.decode()
    assert titles(html) == ["Locaux"]
    assert '<option value="locaux-materiels" selected>' in html
    response = client.get(index.url, {"theme": "nope"})
    assert response.status_code == 400
    assert sorted(titles(response.content.decode())) == ["Locaux", "Trésorerie"]


@pytest.mark.django_db
def test_listing_queries_do_not_grow_with_the_news(client, index):
    themes = list(Theme.objects.canonical()[:3])
    image = get_image_model().objects.create(title="Photo", file=get_test_image_file())
    image.get_rendition(THUMBNAIL_SPEC)

    def fill(first: int, count: int) -> None:
        for n in range(first, first + count):
            NewsPageFactory(
                parent=index,
                title=f"Nouvelle {n}",
                date=today_minus(n),
                themes=themes,
                image=image,
                image_alt="Une photo",
            )

    def queries() -> int:
        client.get(index.url)
        with CaptureQueriesContext(connection) as context:
            assert client.get(index.url).status_code == 200
        return len(context)

    fill(0, 4)  # fewer than a page, so that more items on screen would show in the count
    few = queries()
    fill(4, 196)
    assert queries() == few


# ---------------------------------------------------------------------------------------------
# RSS
# ---------------------------------------------------------------------------------------------
@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en", "it"])
def test_rss_feed_per_language_with_absolute_links(client, language):
    response = client.get(f"{INDEX_URLS[language]}rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own feed)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("language") == language
    assert channel.findtext("link") == f"http://testserver{INDEX_URLS[language]}"
    items = channel.findall("item")
    index = NewsIndexPage.objects.get(locale__language_code=language)
    expected = list(index.news())
    assert [item.findtext("title") for item in items] == [page.title for page in expected]
    assert SURVEY_TITLES[language] in [item.findtext("title") for item in items]
    for item in items:
        assert item.findtext("link").startswith(f"http://testserver{INDEX_URLS[language]}")
        assert item.findtext("description")
        assert item.findtext("pubDate")
        assert item.findtext("guid").endswith(f":{language}")


@pytest.mark.django_db
def test_rss_categories_are_theme_names_in_the_feed_language(client):
    root = ET.fromstring(client.get(f"{INDEX_URLS['it']}rss/").content)  # noqa: S314
    categories = {c.text for c in root.iter("category")}
    assert "Diversificazione finanziaria" in categories
    assert "Diversification financière" not in categories


# ---------------------------------------------------------------------------------------------
# Demo
# ---------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_demo_has_news_from_the_seed():
    french = NewsPage.objects.filter(locale__language_code="fr").live()
    assert french.count() >= 6
    text = " ".join(f"{p.title} {p.summary}" for p in french)
    for fact in ("6 381", "Hors-Pistes", "French Impact", "mini-guides"):
        assert fact in text
    assert "lorem" not in text.lower()
    for language in ("en", "it"):
        assert NewsPage.objects.filter(locale__language_code=language).live().count() >= 1
