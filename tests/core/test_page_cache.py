"""Full-page cache: anonymous pages are served from the cache, purged when content changes."""

import logging
import socket
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Page, PageViewRestriction

import core.cache.pages as page_cache
from core.cache.middleware import is_cacheable_response
from core.cache.purges import declared_purge_models
from home.models import HomePage, MainMenu, SiteSettings, StandardPage
from projects.experiments.models import Experiment
from projects.network.models import Organisation, Territory, Theme, WorkingGroup
from projects.sharing.models import SharingPhoto, SharingPost

TAKE_PART = {"fr": "/fr/participer/", "en": "/en/take-part/", "it": "/it/partecipare/"}
SIGN_IN = "/fr/compte/connexion/"
SIGN_OUT = "/fr/compte/deconnexion/"


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    """The cache is off in the test settings; these tests are about it."""
    settings.PAGE_CACHE_SECONDS = 600


def _take_part(language: str = "fr") -> StandardPage:
    slug = TAKE_PART[language].strip("/").split("/")[1]
    return StandardPage.objects.get(locale__language_code=language, slug=slug)


def _publish_title(page: Page, title: str) -> None:
    page.title = title
    page.save_revision().publish()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _redis_at_closed_port(backend: str) -> dict:
    return {
        "BACKEND": backend,
        "LOCATION": f"redis://127.0.0.1:{_closed_port()}/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/fr/", "/en/", "/it/", *TAKE_PART.values()])
def test_second_anonymous_request_is_a_hit_served_without_queries(
    client, url, django_assert_num_queries
):
    first = client.get(url)
    assert first.status_code == 200
    assert first["X-Cache"] == "MISS"
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.status_code == 200
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


@pytest.mark.django_db
def test_head_request_shares_the_get_entry(client):
    client.get("/fr/")
    assert client.head("/fr/")["X-Cache"] == "HIT"


@pytest.mark.django_db
def test_signed_in_users_are_never_served_from_nor_stored_in_the_cache(client, demo_user):
    client.get("/fr/")  # an anonymous visit fills the cache
    client.force_login(demo_user("porteur"))
    signed_in = client.get("/fr/")
    assert signed_in.status_code == 200
    assert "X-Cache" not in signed_in
    assert f'action="{SIGN_OUT}"' in signed_in.content.decode()  # the member's own header
    # What a signed-in member saw is never stored for anonymous visitors.
    client.get(TAKE_PART["fr"])
    assert Client().get(TAKE_PART["fr"])["X-Cache"] == "MISS"


@pytest.mark.django_db
def test_language_versions_are_separate_entries(client):
    for language in ("fr", "en", "it"):
        assert client.get(f"/{language}/")["X-Cache"] == "MISS"
    for language in ("fr", "en", "it"):
        response = client.get(f"/{language}/")
        assert response["X-Cache"] == "HIT"
        assert f'<html lang="{language}">' in response.content.decode()


def test_entry_key_depends_on_language_host_path_and_version():
    factory = RequestFactory()
    request = factory.get("/fr/participer/")
    with translation.override("fr"):
        french = page_cache.entry_key(request, 1)
    with translation.override("it"):
        italian = page_cache.entry_key(request, 1)
    other_host = factory.get("/fr/participer/", HTTP_HOST="other.example.org")
    with translation.override("fr"):
        assert page_cache.entry_key(other_host, 1) != french
        assert page_cache.entry_key(request, 2) != french
        assert page_cache.entry_key(factory.get("/fr/"), 1) != french
    assert italian != french


@pytest.mark.django_db
def test_filtered_listings_are_keyed_by_the_sorted_query(client):
    assert client.get("/fr/?theme=2&kind=enterprise")["X-Cache"] == "MISS"
    assert client.get("/fr/?kind=enterprise&theme=2")["X-Cache"] == "HIT"
    assert client.get("/fr/?kind=institution&theme=2")["X-Cache"] == "MISS"
    # A query string longer than any filter form produces is served but never looked up.
    assert "X-Cache" not in client.get(f"/fr/?q={'x' * 600}")


@pytest.mark.django_db
def test_publishing_a_page_purges_the_cache(client):
    url = TAKE_PART["fr"]
    client.get(url)
    assert client.get(url)["X-Cache"] == "HIT"
    _publish_title(_take_part("fr"), "S'impliquer dans le cluster")
    response = client.get(url)
    assert response["X-Cache"] == "MISS"
    assert "S&#x27;impliquer dans le cluster" in response.content.decode()


@pytest.mark.django_db
def test_saving_an_organisation_purges_the_cache(client):
    client.get("/fr/")
    assert client.get("/fr/")["X-Cache"] == "HIT"
    organisation = Organisation.objects.canonical().first()
    organisation.description = "Une nouvelle description."
    organisation.save()
    assert client.get("/fr/")["X-Cache"] == "MISS"


def _unpublish(page: Page) -> None:
    page.unpublish()


def _delete(page: Page) -> None:
    page.delete()


def _move(page: Page) -> None:
    page.move(_take_part("fr"), pos="last-child")


def _publish_scheduled(page: Page) -> None:
    page.title = "Mentions légales (mise à jour programmée)"
    page.go_live_at = timezone.now() + timedelta(hours=1)
    page.save_revision().publish()  # scheduled: the live version stays as it is
    version = page_cache.current_version()
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        call_command("publish_scheduled", verbosity=0)
    assert page_cache.current_version() != version


@pytest.mark.django_db
@pytest.mark.parametrize("change", [_unpublish, _delete, _move, _publish_scheduled])
def test_page_changes_purge_the_cache(client, change):
    legal = StandardPage.objects.get(locale__language_code="fr", slug="mentions-legales")
    client.get("/fr/")
    assert client.get("/fr/")["X-Cache"] == "HIT"
    change(legal)
    assert client.get("/fr/")["X-Cache"] == "MISS"


@pytest.mark.django_db
def test_saving_a_draft_does_not_purge():
    page = _take_part("fr")
    version = page_cache.current_version()
    page.title = "Brouillon"
    page.save_revision()
    assert page_cache.current_version() == version


def _save_first(model):
    def change():
        obj = model.objects.first()
        obj.save()

    change.__name__ = f"save_{model.__name__}"
    return change


def _link_territories():
    commune = Territory.objects.filter(kind=Territory.Kind.COMMUNE).first()
    commune.parents.add(Territory.objects.filter(kind=Territory.Kind.MASSIF).first())


def _delete_working_group():
    WorkingGroup.objects.canonical().first().delete()


def _save_site_settings():
    settings_ = SiteSettings.load()
    settings_.contact_phone = "04 92 00 00 00"
    settings_.save()


def _restrict_a_page():
    PageViewRestriction.objects.create(page=_take_part("fr"), restriction_type="login")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [
        _save_first(Theme),
        _save_first(Territory),
        _save_first(WorkingGroup),
        _save_first(MainMenu),
        _save_site_settings,
        _link_territories,
        _delete_working_group,
        _restrict_a_page,
    ],
    ids=lambda change: change.__name__,
)
def test_registered_models_purge_the_cache(change):
    version = page_cache.current_version()
    change()
    assert page_cache.current_version() != version


def test_network_and_shell_models_are_registered():
    assert {Theme, Territory, Organisation, WorkingGroup, MainMenu, SiteSettings} <= (
        page_cache.purge_models()
    )


@pytest.mark.django_db
def test_form_submissions_do_not_purge():
    version = page_cache.current_version()
    FormSubmission.objects.create(page=HomePage.objects.first(), form_data={"message": "Bonjour"})
    assert page_cache.current_version() == version


@pytest.mark.django_db
def test_registering_a_model_makes_its_changes_purge():
    version = page_cache.current_version()
    Group.objects.create(name="Not listed")
    assert page_cache.current_version() == version
    page_cache.register_purge_model(Group)
    try:
        Group.objects.create(name="Listed")
        assert page_cache.current_version() != version
    finally:
        page_cache.unregister_purge_model(Group)
    version = page_cache.current_version()
    Group.objects.create(name="No longer listed")
    assert page_cache.current_version() == version


def test_models_declare_that_they_purge():
    declared = set(declared_purge_models())
    assert {SharingPost, SharingPhoto, Theme, MainMenu} <= declared
    assert all(model.purges_page_cache is True for model in declared)
    assert declared <= page_cache.purge_models()


@pytest.mark.django_db
def test_post_requests_are_never_cached(client):
    response = client.post(TAKE_PART["fr"], {"anything": "1"})
    assert "X-Cache" not in response
    assert client.get(TAKE_PART["fr"])["X-Cache"] == "MISS"


@pytest.mark.django_db
def test_pages_with_a_csrf_token_are_never_served_to_another_visitor():
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page_one = first.get(SIGN_IN)
    page_two = second.get(SIGN_IN)
    assert page_one["X-Cache"] == page_two["X-Cache"] == "MISS"
    token = page_two.context["csrf_token"]
    assert str(token) != str(page_one.context["csrf_token"])
    answer = second.post(
        SIGN_IN,
        {"csrfmiddlewaretoken": token, "username": "nobody@example.org", "password": "wrong"},
    )
    assert answer.status_code != 403


@pytest.mark.django_db
def test_a_waiting_message_bypasses_the_cache(client):
    client.get("/fr/")
    client.cookies["messages"] = "anything"
    assert "X-Cache" not in client.get("/fr/")


@pytest.mark.django_db
@override_settings(PAGE_CACHE_SECONDS=0)
def test_a_zero_lifetime_disables_the_cache(client):
    client.get("/fr/")
    assert "X-Cache" not in client.get("/fr/")


def _response(**headers) -> HttpResponse:
    response = HttpResponse("<p>page</p>", content_type=headers.pop("content_type", "text/html"))
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


@pytest.mark.parametrize(
    ("response", "cacheable"),
    [
        (_response(), True),
        (_response(Cache_Control="private"), False),
        (_response(Cache_Control="max-age=0, no-cache, no-store, must-revalidate"), False),
        (_response(content_type="application/json"), False),
        (HttpResponse("missing", status=404), False),
        (_response(Vary="*"), False),
    ],
)
def test_only_public_html_pages_are_stored(response, cacheable):
    request = RequestFactory().get("/fr/")
    assert is_cacheable_response(request, response) is cacheable


def test_responses_setting_a_cookie_or_using_the_csrf_token_are_not_stored():
    request = RequestFactory().get("/fr/")
    with_cookie = _response()
    with_cookie.set_cookie("anything", "1")
    assert not is_cacheable_response(request, with_cookie)
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    assert not is_cacheable_response(request, _response())


@pytest.mark.django_db
def test_a_failing_cache_backend_serves_pages_uncached(client, caplog):
    broken = _redis_at_closed_port("django.core.cache.backends.redis.RedisCache")
    caches = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with override_settings(CACHES={**caches, "broken": broken}, PAGE_CACHE_ALIAS="broken"):
        with caplog.at_level(logging.WARNING, logger="core.cache.middleware"):
            first = client.get("/fr/")
            second = client.get("/fr/")
        assert first.status_code == second.status_code == 200
        assert second.get("X-Cache") != "HIT"
        assert "Page cache unavailable" in caplog.text
        # Purges fail quietly too: the change itself goes through.
        organisation = Organisation.objects.canonical().first()
        organisation.save()


@pytest.mark.django_db
def test_the_site_keeps_serving_when_redis_is_down(client, caplog):
    broken = _redis_at_closed_port("core.cache.backends.ResilientRedisCache")
    with override_settings(CACHES={"default": broken}):
        with caplog.at_level(logging.WARNING):
            responses = [client.get("/fr/"), client.get(TAKE_PART["it"])]
            Organisation.objects.canonical().first().save()
        assert [response.status_code for response in responses] == [200, 200]
        assert all(response.get("X-Cache") != "HIT" for response in responses)
        assert "Redis cache unavailable" in caplog.text


@pytest.mark.django_db
def test_an_experiment_made_private_leaves_the_cached_public_pages_at_once():
    """The public listing and page of an experiment are cached for visitors; when its lead takes
    it off the public pages, neither may keep showing it."""
    experiment = Experiment.objects.public().first()
    assert experiment is not None, "the demo has public experiments"
    client = Client()
    with translation.override("fr"):
        listing = reverse("projects:public_list")
        page = reverse("projects:public_detail", args=[experiment.slug])
    assert client.get(listing)["X-Cache"] == "MISS"
    assert client.get(page).status_code == 200
    assert client.get(listing)["X-Cache"] == "HIT"
    assert client.get(page)["X-Cache"] == "HIT"
    experiment.is_public = False
    experiment.save(update_fields=["is_public"])
    assert client.get(page).status_code == 404
    shown = client.get(listing)
    assert shown["X-Cache"] == "MISS"
    assert experiment.title not in shown.content.decode()
