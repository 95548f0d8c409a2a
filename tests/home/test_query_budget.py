"""Uncached pages stay within their SQL budget, whatever the size of the menu."""

import pytest
from django.test import override_settings

from home.demo.pages import link, stream
from home.models import MainMenu, StandardPage

# bench/pages.py holds uncached public pages to this many queries.
PAGE_QUERY_BUDGET = 15


@pytest.mark.django_db
@override_settings(PAGE_CACHE_SECONDS=0)
@pytest.mark.parametrize("url", ["/fr/", "/en/", "/it/", "/fr/participer/", "/it/partecipare/"])
def test_uncached_pages_stay_within_the_query_budget(client, url, django_assert_max_num_queries):
    client.get(url)  # Wagtail's site root paths and other first-request caches
    with django_assert_max_num_queries(PAGE_QUERY_BUDGET):
        assert client.get(url).status_code == 200


def _menu_with(language: str, count: int) -> None:
    pages = list(StandardPage.objects.live().filter(locale__language_code="fr"))
    menu = MainMenu.objects.get(locale__language_code=language)
    menu.items = stream(*[("link", link(pages[n % len(pages)])) for n in range(count)])
    menu.save()


def _queries(client, url: str, django_assert_max_num_queries) -> int:
    client.get(url)
    with django_assert_max_num_queries(PAGE_QUERY_BUDGET) as captured:
        client.get(url)
    return len(captured)


@pytest.mark.django_db
@override_settings(PAGE_CACHE_SECONDS=0)
@pytest.mark.parametrize("language", ["fr", "it"])
def test_menu_links_cost_the_same_queries_for_one_or_many(
    client, language, django_assert_max_num_queries
):
    url = f"/{language}/"
    _menu_with(language, 1)
    one = _queries(client, url, django_assert_max_num_queries)
    _menu_with(language, 8)
    many = _queries(client, url, django_assert_max_num_queries)
    assert many == one
    html = client.get(url).content.decode()
    # Links point at the visitor's language version of each page.
    expected = "/it/note-legali/" if language == "it" else "/fr/mentions-legales/"
    assert f'<a href="{expected}"' in html.split("main-nav__list", 1)[1]
