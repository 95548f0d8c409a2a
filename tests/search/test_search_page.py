"""The search page, its suggestions and the API, over the demo data (indexed by the loader), and
the index kept in sync after commit."""

from dataclasses import replace

import pytest
from django.urls import reverse
from django.utils import translation

import core.cache.pages as page_cache
from projects.experiments.models import Experiment
from search.backends import get_backend
from search.documents import Kind
from tests.factories import ExperimentFactory

pytestmark = pytest.mark.django_db

DEMO_EXPERIMENT = "Trésorerie mutualisée entre associations du Gapençais"


def url(name: str, language: str = "fr") -> str:
    with translation.override(language):
        return reverse(name)


def test_translated_addresses():
    assert url("search:search", "en") == "/en/search/"
    assert url("search:search", "fr").startswith("/fr/")
    assert url("search:search", "it").startswith("/it/")


def test_demo_data_is_indexed():
    assert get_backend().count() > 0
    kinds = {hit.kind for hit in get_backend().search(_query("association")).hits}
    assert kinds >= {"page"}


def _query(text):
    from search.services import query_for

    return query_for(None, text=text, language="fr", per_page=100)


def test_visitor_finds_treasury_without_accents(client):
    response = client.get(url("search:search"), {"q": "tresorerie"})
    assert response.status_code == 200
    html = response.content.decode()
    assert DEMO_EXPERIMENT in html
    assert "<mark>trésorerie</mark>" in html or "<mark>Trésorerie</mark>" in html
    assert 'data-facet="type"' in html
    assert 'data-facet="theme"' in html


def test_narrowing_by_type_and_theme(client):
    response = client.get(url("search:search"), {"q": "tresorerie", "type": "call"})
    hits = response.context["hits"]
    assert hits and {hit.kind for hit in hits} == {"call"}
    response = client.get(
        url("search:search"), {"q": "tresorerie", "theme": "diversification-financiere"}
    )
    assert response.status_code == 200
    assert response.context["results"].total >= 1


def test_empty_and_meaningless_queries_get_help(client):
    for params in ({}, {"q": ""}, {"q": "!!! ?"}):
        response = client.get(url("search:search"), params)
        assert response.status_code == 200
        assert 'id="search-tips-title"' in response.content.decode()
        assert "hits" not in response.context


def test_bad_filters_answer_400_with_the_form_errors(client):
    response = client.get(url("search:search", "en"), {"q": "x", "theme": "no-such-theme"})
    assert response.status_code == 400
    assert "no-such-theme" in response.content.decode()


def test_page_past_the_end_shows_the_last_page(client):
    response = client.get(url("search:search"), {"q": "association", "page": "400"})
    assert response.status_code == 200
    page = response.context["page_obj"]
    assert page.number == page.paginator.num_pages


def test_suggestions(client):
    response = client.get(url("search:suggestions"), {"q": "treso"})
    assert response.status_code == 200
    titles = [s["title"] for s in response.json()["suggestions"]]
    assert DEMO_EXPERIMENT in titles
    assert client.get(url("search:suggestions"), {"q": "t"}).json() == {"suggestions": []}


def test_header_has_a_search_field(client):
    html = client.get("/fr/").content.decode()
    assert f'action="{url("search:search")}"' in html
    assert 'data-suggest-url="' in html


def test_api_lists_results_paginated(client):
    response = client.get("/api/v1/search/", {"q": "tresorerie", "lang": "fr", "page_size": 2})
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"count", "next", "previous", "results"}
    assert data["count"] >= 3
    assert data["next"] and data["previous"] is None
    assert set(data["results"][0]) == {"type", "title", "url", "extract", "state"}
    experiment = next(
        (r for r in _all_api_results(client, "tresorerie") if r["type"] == "experiment"), None
    )
    assert experiment is not None and experiment["state"] == "seeking_funding"


def _all_api_results(client, text: str, **params) -> list[dict]:
    response = client.get("/api/v1/search/", {"q": text, "lang": "fr", "page_size": 100, **params})
    return response.json()["results"]


def test_api_bad_input(client):
    assert client.get("/api/v1/search/", {"q": "x", "lang": "de"}).status_code == 400
    assert client.get("/api/v1/search/", {"q": "x", "type": "nope"}).status_code == 400
    assert client.get("/api/v1/search/", {"q": ""}).json()["count"] == 0


@pytest.fixture
def secret(db, django_capture_on_commit_callbacks, demo_user):
    """A private experiment of the demo lead, indexed through the sync after commit."""
    with django_capture_on_commit_callbacks(execute=True):
        experiment = ExperimentFactory(
            title="Zorblax confidentiel",
            summary="Un projet zorblax privé.",
            lead=demo_user("porteur"),
        )
    return experiment


def _everything_an_outsider_sees(client, text: str) -> str:
    page = client.get(url("search:search"), {"q": text}).content.decode()
    typed = client.get(url("search:search"), {"q": text, "type": "experiment"}).content.decode()
    suggestions = client.get(url("search:suggestions"), {"q": text}).content.decode()
    api = client.get("/api/v1/search/", {"q": text, "lang": "fr"}).content.decode()
    return page + typed + suggestions + api


def test_private_experiment_is_invisible_to_outsiders(client, secret, demo_user):
    assert "Zorblax confidentiel" not in _everything_an_outsider_sees(client, "zorblax")
    response = client.get(url("search:search"), {"q": "zorblax"})
    assert response.context["results"].total == 0
    assert response.context["results"].facets["type"] == {}
    client.force_login(demo_user("partenaire"))
    assert "Zorblax confidentiel" not in _everything_an_outsider_sees(client, "zorblax")


@pytest.mark.parametrize("who", ["porteur", "coordination"])
def test_private_experiment_is_found_by_who_may_open_it(client, secret, demo_user, who):
    client.force_login(demo_user(who))
    response = client.get(url("search:search"), {"q": "zorblax"})
    assert [hit.title for hit in response.context["hits"]] == ["Zorblax confidentiel"]
    assert response.context["hits"][0].url == reverse(
        "projects:experiment", kwargs={"pk": secret.pk}
    )
    suggestions = client.get(url("search:suggestions"), {"q": "zorbl"}).json()["suggestions"]
    assert [s["title"] for s in suggestions] == ["Zorblax confidentiel"]


def test_experiment_made_private_disappears_at_once(client, django_capture_on_commit_callbacks):
    experiment = Experiment.objects.public().first()
    assert client.get(url("search:search"), {"q": experiment.title}).context["results"].total
    # Before its document is rewritten (no task has run), it is already gone.
    Experiment.objects.filter(pk=experiment.pk).update(is_public=False)
    results = client.get(url("search:search"), {"q": experiment.title}).context["results"]
    assert experiment.pk not in {hit.object_id for hit in results.hits if hit.kind == "experiment"}


def test_anonymous_search_pages_are_cached_until_the_index_changes(
    client, django_user_model, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 600
    experiment = Experiment.objects.public().first()
    address = url("search:search")
    first = client.get(address, {"q": experiment.title})
    assert first["X-Cache"] == "MISS"
    assert client.get(address, {"q": experiment.title})["X-Cache"] == "HIT"
    # Made private: gone at once for visitors, cached page or not.
    with django_capture_on_commit_callbacks(execute=True):
        experiment.is_public = False
        experiment.save()
    again = client.get(address, {"q": experiment.title})
    assert again["X-Cache"] == "MISS"
    hits = again.context["results"].hits
    assert experiment.pk not in {hit.object_id for hit in hits if hit.kind == "experiment"}
    # An index update alone (a task) purges the cached pages too.
    assert client.get(address, {"q": "tresorerie"})["X-Cache"] == "MISS"
    assert client.get(address, {"q": "tresorerie"})["X-Cache"] == "HIT"
    from search.tasks import reindex_objects

    home = "/fr/"
    assert client.get(home)["X-Cache"] == "MISS"
    assert client.get(home)["X-Cache"] == "HIT"
    reindex_objects.call([[Kind.EXPERIMENT, experiment.pk]])
    assert client.get(address, {"q": "tresorerie"})["X-Cache"] == "MISS"
    # …and only the search pages: the rest of the site stays cached.
    assert client.get(home)["X-Cache"] == "HIT"
    # A site-wide purge (an editor's change to a menu) makes the search pages stale too.
    assert client.get(address, {"q": "tresorerie"})["X-Cache"] == "HIT"
    page_cache.purge("test")
    assert client.get(address, {"q": "tresorerie"})["X-Cache"] == "MISS"
    # Signed-in people's results are theirs: private, never from the shared cache.
    client.force_login(django_user_model.objects.create_user("reader@example.org", "x-Pass-9"))
    signed_in = client.get(address, {"q": "tresorerie"})
    assert "private" in signed_in["Cache-Control"]
    assert signed_in.get("X-Cache") != "HIT"


def test_saving_reindexes_after_commit(django_capture_on_commit_callbacks):
    from search.services import query_for

    experiment = Experiment.objects.public().first()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        experiment.title = "Zorblax renommée"
        experiment.save()
    assert callbacks  # scheduled, not run inside the transaction
    assert get_backend().search(query_for(None, text="zorblax", language="fr")).total == 0
    for callback in callbacks:
        callback()
    for language in ("fr", "en", "it"):
        results = get_backend().search(query_for(None, text="zorblax", language=language))
        assert [hit.title for hit in results.hits] == ["Zorblax renommée"]


def test_deleting_removes_from_the_index(django_capture_on_commit_callbacks):
    from search.services import query_for

    with django_capture_on_commit_callbacks(execute=True):
        experiment = ExperimentFactory(title="Zorblax éphémère", is_public=False)
    ids = frozenset({experiment.pk})
    member_query = replace(
        query_for(None, text="zorblax", language="fr"),
        experiment_ids=ids,
        experiment_space_ids=ids,
    )
    assert get_backend().search(member_query).total == 1
    with django_capture_on_commit_callbacks(execute=True):
        experiment.delete()
    from search.models import SearchEntry

    assert not SearchEntry.objects.filter(kind=Kind.EXPERIMENT, object_id=experiment.pk).exists()


def test_unpublishing_a_page_removes_it(django_capture_on_commit_callbacks):
    from wagtail.models import Page

    from search.models import SearchEntry

    page = Page.objects.live().filter(depth__gt=2).first()
    assert SearchEntry.objects.filter(kind=Kind.PAGE, object_id=page.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        page.specific.unpublish()
    assert not SearchEntry.objects.filter(kind=Kind.PAGE, object_id=page.pk).exists()


def test_rebuild_command_is_idempotent(django_capture_on_commit_callbacks):
    from io import StringIO

    from django.core.management import call_command

    before = get_backend().count()
    out = StringIO()
    call_command("search_index", "--rebuild", stdout=out)
    assert f"Indexed {before} documents" in out.getvalue()
    assert get_backend().count() == before
