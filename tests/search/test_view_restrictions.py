"""A page's view restriction takes it and its subtree out of anonymous search at once, and its
removal brings them back: search page, suggestions and API, through the page cache."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, PageViewRestriction

from search.services import rebuild_index

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    """The cache is off in the test settings; these answers must hold with it on."""
    settings.PAGE_CACHE_SECONDS = 600


PARENT, CHILD = "Zorblax parent", "Zorblax enfant"


def _search_url(name: str) -> str:
    with translation.override("fr"):
        return reverse(name)


def found(client) -> dict[str, str]:
    """What an anonymous visitor gets for « zorblax » on the page, the suggestions, the API."""
    page = client.get(_search_url("search:search"), {"q": "zorblax"})
    suggestions = client.get(_search_url("search:suggestions"), {"q": "zorbl"})
    api = client.get("/api/v1/search/", {"q": "zorblax", "lang": "fr"})
    assert page.status_code == suggestions.status_code == api.status_code == 200
    return {
        "page": page.content.decode(),
        "suggestions": suggestions.content.decode(),
        "api": api.content.decode(),
    }


def _rename(page: Page, title: str) -> Page:
    page = page.specific
    page.title = title
    page.save_revision().publish()
    return page


@pytest.fixture
def tree(django_capture_on_commit_callbacks):
    """A live French page with a live child, both renamed « Zorblax … » and indexed."""
    parent = next(
        page
        for page in Page.objects.live().public().filter(depth=3, locale__language_code="fr")
        if page.get_children().live().exists()
    )
    child = parent.get_children().live().first()
    with django_capture_on_commit_callbacks(execute=True):
        parent = _rename(parent, PARENT)
        child = _rename(child, CHILD)
    return parent, child


def _results(html: str) -> str:
    """The page's main content: its results (the header's menu may link to any page)."""
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def _visible(answers: dict[str, str], page: Page) -> dict[str, bool]:
    url = page.get_url()
    texts = {**answers, "page": _results(answers["page"])}
    return {
        where: page.title in text or f'"{url}"' in text or f"{url}</" in text
        for where, text in texts.items()
    }


def _restrict(page: Page, kind: str) -> PageViewRestriction:
    if kind == PageViewRestriction.PASSWORD:
        return PageViewRestriction.objects.create(page=page, restriction_type=kind, password="x")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind)
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.set([Group.objects.get_or_create(name="Zorblax readers")[0]])
    return restriction


@pytest.mark.parametrize(
    "kind",
    [PageViewRestriction.LOGIN, PageViewRestriction.GROUPS, PageViewRestriction.PASSWORD],
)
def test_restriction_hides_the_subtree_and_its_removal_brings_it_back(
    client, tree, kind, django_capture_on_commit_callbacks
):
    parent, child = tree
    everywhere = {"page": True, "suggestions": True, "api": True}
    nowhere = {"page": False, "suggestions": False, "api": False}
    before = found(client)  # also fills the page cache with the public answers
    assert _visible(before, parent) == _visible(before, child) == everywhere

    with django_capture_on_commit_callbacks(execute=True):
        restriction = _restrict(parent, kind)
    after = found(client)
    assert _visible(after, parent) == _visible(after, child) == nowhere
    rebuild_index()  # a rebuild knows the restriction of an ancestor too
    assert _visible(found(client), child) == nowhere

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    back = found(client)
    assert _visible(back, parent) == _visible(back, child) == everywhere


def test_changing_a_restrictions_groups_keeps_the_page_out(
    client, tree, django_capture_on_commit_callbacks
):
    parent, child = tree
    with django_capture_on_commit_callbacks(execute=True):
        restriction = _restrict(parent, PageViewRestriction.GROUPS)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        restriction.groups.clear()
    assert callbacks  # the subtree is re-indexed
    assert not any(_visible(found(client), child).values())


def test_the_admins_privacy_form_reindexes(
    client, admin_client, tree, django_capture_on_commit_callbacks
):
    """Wagtail's own privacy dialog saves the restriction: the page leaves search."""
    parent, child = tree
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("wagtailadmin_pages:set_privacy", args=[parent.pk]),
            {"restriction_type": PageViewRestriction.LOGIN, "password": "", "groups": []},
        )
    assert response.status_code == 200
    assert PageViewRestriction.objects.filter(page=parent).exists()
    assert not any(_visible(found(client), child).values())
