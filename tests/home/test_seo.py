"""Search engines and social networks: sitemap, robots.txt and the tags of each page's head."""

from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, PageViewRestriction

from home.models import HomePage, StandardPage
from tests.factories import ImageFactory

ORIGIN = "http://testserver"
LANGUAGES = ["fr", "en", "it"]
OG_LOCALES = {"fr": "fr_FR", "en": "en_GB", "it": "it_IT"}
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


class HeadTags(HTMLParser):
    """Collects the <meta> and <link> tags of a page's head."""

    def __init__(self, html: str):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict[str, str]] = []
        self.feed(html[: html.index("</head>")])

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            name = attrs.get("property") or attrs["name"]
            self.meta.setdefault(name, []).append(attrs.get("content", ""))
        elif tag == "link":
            self.links.append(attrs)

    def one(self, name: str) -> str:
        values = self.meta.get(name, [])
        assert len(values) == 1, f"{name}: {values}"
        return values[0]

    def link(self, rel: str, **attrs) -> list[dict[str, str]]:
        return [
            link
            for link in self.links
            if link.get("rel") == rel and all(link.get(k) == v for k, v in attrs.items())
        ]


def _sitemap(client) -> dict[str, dict[str, str]]:
    """Each <loc> of the sitemap with its alternates {hreflang: href}."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own sitemap)
    entries: dict[str, dict[str, str]] = {}
    for url in root.findall("s:url", NS):
        location = url.find("s:loc", NS).text
        assert location not in entries, f"{location} listed twice"
        entries[location] = {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
    return entries


def _page(model, language: str, slug: str | None = None) -> Page:
    filters = {"locale__language_code": language}
    if slug:
        filters["translation_key"] = StandardPage.objects.get(
            locale__language_code="fr", slug=slug
        ).translation_key
    return model.objects.live().get(**filters)


@pytest.mark.django_db
def test_sitemap_lists_every_live_page_of_every_language_once(client):
    entries = _sitemap(client)
    expected = {
        ORIGIN + page.url for page in Page.objects.live().public().filter(depth__gte=2).specific()
    }
    assert set(entries) == expected
    for language in LANGUAGES:
        assert f"{ORIGIN}/{language}/" in entries
    assert {location.split("/")[3] for location in entries} == set(LANGUAGES)


@pytest.mark.django_db
def test_sitemap_gives_each_page_its_translations_and_x_default(client):
    entries = _sitemap(client)
    take_part = {
        "fr": f"{ORIGIN}/fr/participer/",
        "en": f"{ORIGIN}/en/take-part/",
        "it": f"{ORIGIN}/it/partecipare/",
    }
    for location in take_part.values():
        assert entries[location] == {**take_part, "x-default": take_part["fr"]}
    assert entries[f"{ORIGIN}/it/"]["x-default"] == f"{ORIGIN}/fr/"


@pytest.mark.django_db
def test_sitemap_leaves_out_unpublished_and_private_pages(client):
    _page(StandardPage, "en", slug="mentions-legales").unpublish()
    PageViewRestriction.objects.create(
        page=_page(StandardPage, "fr", slug="participer"), restriction_type="login"
    )
    entries = _sitemap(client)
    assert f"{ORIGIN}/en/legal-notice/" not in entries
    assert "en" not in entries[f"{ORIGIN}/fr/mentions-legales/"]
    assert f"{ORIGIN}/fr/participer/" not in entries
    assert entries[f"{ORIGIN}/en/take-part/"].get("x-default") is None


@pytest.mark.django_db
def test_robots_txt_allows_pages_and_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /" not in lines  # never the whole site
    assert "Disallow: /admin/" in lines
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in lines
    disallowed = [line.split(": ", 1)[1] for line in lines if line.startswith("Disallow:")]
    for language in LANGUAGES:
        with translation.override(language):
            profile, login = reverse("accounts:profile"), reverse("accounts:login")
        assert any(profile.startswith(p) and login.startswith(p) for p in disallowed), language


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("model", "slug"), [(HomePage, None), (StandardPage, "participer")])
def test_pages_carry_description_canonical_and_open_graph_tags(client, language, model, slug):
    page = _page(model, language, slug)
    tags = HeadTags(client.get(page.url).content.decode())
    canonical = ORIGIN + page.url
    assert [link["href"] for link in tags.link("canonical")] == [canonical]
    description = tags.one("description")
    assert 20 < len(description) <= 160
    assert tags.one("og:description") == description
    assert tags.one("og:url") == canonical
    assert tags.one("og:title") == (page.seo_title or page.title)
    assert tags.one("og:type") == ("website" if model is HomePage else "article")
    assert tags.one("og:locale") == OG_LOCALES[language]
    assert sorted(tags.meta["og:locale:alternate"]) == sorted(
        OG_LOCALES[code] for code in LANGUAGES if code != language
    )
    assert tags.one("twitter:card") == "summary"
    assert "og:image" not in tags.meta
    hreflang = {link["hreflang"]: link["href"] for link in tags.link("alternate")}
    assert set(hreflang) == {*LANGUAGES, "x-default"}
    assert all(href.startswith(ORIGIN + "/") for href in hreflang.values())
    assert hreflang["x-default"] == hreflang["fr"] == ORIGIN + _page(model, "fr", slug).url


@pytest.mark.django_db
def test_search_description_wins_over_the_introduction(client):
    page = _page(StandardPage, "fr", "participer")
    page.search_description = "Comment rejoindre le Cluster 05 et ses groupes de travail."
    page.save_revision().publish()
    tags = HeadTags(client.get(page.url).content.decode())
    assert tags.one("description") == page.search_description


@pytest.mark.django_db
def test_introduction_is_summarised_as_plain_text():
    page = _page(StandardPage, "fr", "participer")
    page.intro = "<b>Tout</b> le monde &amp; " + "chaque structure " * 30
    description = page.get_meta_description()
    assert len(description) <= 160
    assert "<b>" not in description
    assert description.startswith("Tout le monde & chaque")


@pytest.mark.django_db
def test_social_image_gives_an_absolute_open_graph_image(client):
    image = ImageFactory()
    page = _page(StandardPage, "fr", "participer")
    page.social_image = image
    page.save_revision().publish()
    tags = HeadTags(client.get(page.url).content.decode())
    assert tags.one("og:image").startswith(f"{ORIGIN}/media/")
    assert tags.one("og:image").endswith(".jpg")
    assert (tags.one("og:image:width"), tags.one("og:image:height")) == ("1200", "630")
    assert tags.one("og:image:alt") == image.description
    assert tags.one("twitter:card") == "summary_large_image"


@pytest.mark.django_db
def test_other_views_get_an_absolute_canonical_address(client):
    with translation.override("en"):
        url = reverse("accounts:login")
    tags = HeadTags(client.get(url).content.decode())
    assert [link["href"] for link in tags.link("canonical")] == [ORIGIN + url]
    assert "og:title" not in tags.meta
