"""Finding one's way: the menu's six sections, the theme pages, the home page's links and the
breadcrumbs (home/navigation.py, home/themes.py, home/breadcrumbs.py)."""

import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from funding.catalogue.pages import FundingCatalogPage
from home import navigation
from home.models import (
    ExchangeIndexPage,
    GuideIndexPage,
    GuidePage,
    MainMenu,
    NewsIndexPage,
    OrganisationDirectoryPage,
    StandardPage,
    WorkingGroupsPage,
)
from projects.experiments.models import Experiment
from projects.network.models import Theme
from tests.factories import ExperimentFactory

LANGUAGES = ["fr", "en", "it"]


def _menu(html: str) -> str:
    return html.split('<nav class="main-nav"')[1].split("</nav>")[0]


def _tops(menu: str) -> list[str]:
    return re.findall(r'<li class="main-nav__item">', menu)


# --- The tree, without the database ------------------------------------------------------------


def test_tree_groups_links_by_page_type_and_area():
    entries = [
        ("/en/guides/", "Guides", "GuideIndexPage", ""),
        ("/en/organisations/", "Directory", "OrganisationDirectoryPage", ""),
        ("/en/sharing/", "Sharing board", "", "sharing_board"),
        ("https://example.org/", "Elsewhere", "", ""),
        ("/en/guides/", "Guides again", "GuideIndexPage", ""),
    ]
    with translation.override("en"):
        tree = navigation.build_tree(entries, "/en/guides/some-guide/")
        experiments = reverse("projects:public_list")
    sections = {section.key: section for section in tree}
    assert [link.text for link in sections["cluster"].links] == ["Guides", "Elsewhere"]
    assert sections["cluster"].is_current
    assert [link.url for link in sections["network"].links] == ["/en/organisations/"]
    # The platform's own pages come even when the editors' menu lacks them, never twice.
    assert experiments in [link.url for link in sections["experiments"].links]
    assert [link.url for link in sections["sharing"].links] == ["/en/sharing/"]
    assert sections["sharing"].single is not None
    # Sections with nothing to show are left out; never more than six.
    assert "funding" not in sections and "news" not in sections
    assert len(navigation.SECTIONS) <= 6


# --- The header -------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_menu_has_six_sections_reaching_every_section(client, language):
    html = client.get(f"/{language}/").content.decode()
    menu = _menu(html)
    assert len(_tops(menu)) == 6
    with translation.override(language):
        wanted = [
            reverse("projects:public_list"),
            reverse("projects:propose_public"),
            reverse("projects:sharing_board"),
        ]
        for model in (
            GuideIndexPage,
            ExchangeIndexPage,
            OrganisationDirectoryPage,
            WorkingGroupsPage,
            FundingCatalogPage,
            NewsIndexPage,
        ):
            wanted.append(model.objects.live().get(locale__language_code=language).url)
    for url in wanted:
        assert f'href="{url}"' in menu, url
    # Sub-lists are disclosures that work without JavaScript.
    assert menu.count("<details") == menu.count("<summary") >= 3


@pytest.mark.django_db
def test_menu_marks_the_current_section(client):
    html = client.get("/en/organisations/").content.decode()
    menu = _menu(html)
    assert 'href="/en/organisations/" aria-current="page"' in menu
    assert "main-nav__top is-current" in menu


def _render_menu(language: str) -> str:
    request = RequestFactory().get(f"/{language}/")
    with translation.override(language):
        return Template("{% load site_tags %}{% main_menu %}").render(Context({"request": request}))


@pytest.mark.django_db
def test_menu_queries_do_not_grow_with_its_links(django_assert_num_queries):
    _render_menu("en")  # warm Wagtail's site root cache
    with django_assert_num_queries(3):
        before = _render_menu("en")
    menu = MainMenu.objects.get(locale__language_code="en")
    pages = StandardPage.objects.live().filter(locale__language_code="en")[:2]
    raw = [{"type": b["type"], "value": b["value"]} for b in menu.items.raw_data]
    raw += [{"type": "link", "value": {"page": p.pk, "url": "", "label": ""}} for p in pages]
    menu.items = raw
    menu.save()
    with django_assert_num_queries(3):
        after = _render_menu("en")
    assert after.count("<li") > before.count("<li")


@pytest.mark.django_db
def test_search_button_is_a_verb_with_a_label(client):
    html = client.get("/fr/").content.decode()
    form = html.split('class="site-search"')[1].split("</form>")[0]
    assert '<label class="visually-hidden" for="site-search-q">' in form
    assert '<button type="submit" class="button">Rechercher</button>' in form


# --- The home page ----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_links_lead_somewhere(client, language):
    html = client.get(f"/{language}/").content.decode()
    assert 'href=""' not in html
    with translation.override(language):
        take_part = StandardPage.objects.live().get(
            locale__language_code=language,
            depth=3,
            slug__in=["participer", "take-part", "partecipare"],
        )
        theme_urls = [
            reverse("home:theme", kwargs={"slug": theme.slug})
            for theme in Theme.objects.canonical()
        ]
    cards = html.split('class="cards-section"')[1].split("</section>")[0]
    assert all(f'href="{url}"' in cards for url in theme_urls)
    cta = html.split('class="cta"')[1].split("</section>")[0]
    assert f'href="{take_part.url}"' in cta


@pytest.mark.django_db
def test_take_part_page_links_the_ways_to_take_part(client):
    html = client.get("/en/take-part/").content.decode()
    main = html.split('<main id="main"')[1]
    with translation.override("en"):
        for route in ("projects:propose_public", "projects:sharing_board"):
            assert f'href="{reverse(route)}"' in main


# --- The theme page ---------------------------------------------------------------------------


def _theme(slug="locaux-materiels") -> Theme:
    return Theme.objects.canonical().get(slug=slug)


@pytest.mark.django_db
def test_theme_page_gathers_public_items_only(client, django_assert_max_num_queries):
    theme = _theme()
    shown = ExperimentFactory(
        title="Shown experiment", is_public=True, state=Experiment.State.FUNDED
    )
    hidden = ExperimentFactory(title="Private experiment", is_public=False)
    draft = ExperimentFactory(
        title="Public but an idea", is_public=True, state=Experiment.State.IDEA
    )
    for experiment in (shown, hidden, draft):
        experiment.themes.add(theme)
    guide = GuidePage.objects.live().get(theme=theme, locale__language_code="en")
    with translation.override("en"):
        url = reverse("home:theme", kwargs={"slug": theme.slug})
    # The header and footer included; that it does not grow is checked below.
    with django_assert_max_num_queries(30):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{guide.url}"' in html
    assert "Shown experiment" in html
    assert "Private experiment" not in html
    assert "Public but an idea" not in html
    assert html.count("<h1") == 1
    assert 'aria-label="Breadcrumb"' in html
    crumbs = html.split('aria-label="Breadcrumb"')[1].split("</nav>")[0]
    assert '<span aria-current="page">' in crumbs


@pytest.mark.django_db
def test_theme_page_queries_do_not_grow(client, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    theme = _theme()
    with translation.override("en"):
        url = reverse("home:theme", kwargs={"slug": theme.slug})
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    for _n in range(4):
        ExperimentFactory(is_public=True, state=Experiment.State.FUNDED).themes.add(theme)
    with CaptureQueriesContext(connection) as second:
        client.get(url)
    assert len(second) == len(first)


@pytest.mark.django_db
def test_unknown_theme_is_a_404(client):
    with translation.override("en"):
        url = reverse("home:theme", kwargs={"slug": "no-such-theme"})
    assert client.get(url).status_code == 404


# --- Breadcrumbs ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_content_pages_have_breadcrumbs(client):
    guide = GuidePage.objects.live().filter(locale__language_code="en").first()
    index = guide.get_parent()
    html = client.get(guide.url).content.decode()
    crumbs = html.split('<nav class="breadcrumb container" aria-label="Breadcrumb">')[1].split(
        "</nav>"
    )[0]
    assert 'href="/en/"' in crumbs
    assert f'href="{index.url}"' in crumbs
    assert f'<span aria-current="page">{guide.title}</span>' in crumbs


@pytest.mark.django_db
def test_home_page_has_no_breadcrumb(client):
    html = client.get("/en/").content.decode()
    assert 'class="breadcrumb' not in html
