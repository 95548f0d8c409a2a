"""Unreachable services: the cache (Redis), the search server (Elasticsearch), the e-mail server
(SMTP) and S3 are pointed at closed ports on 127.0.0.1 (a free port with nothing bound). Pages
that do not need the service keep working; those that do answer a clear 503 in the visitor's
language (JSON under /api/), never a 500."""

import json
import socket

import pytest
from django.core import mail
from django.core.files.storage import storages
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from accounts.models import Notification
from config.outages import unavailable_service
from projects.experiments.models import ExperimentEvent

PUBLIC_PAGES = ["/fr/", "/en/", "/fr/guides/", "/fr/structures/", "/fr/financements/"]


def closed_port() -> int:
    """A port nobody listens on: bound then released, so connections are refused at once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def outage_message(language: str) -> str:
    with translation.override(language):
        return gettext(
            "A service this page needs is temporarily unavailable. Nothing is lost: please try "
            "again in a few minutes."
        )


def redis_down() -> dict:
    return {
        "default": {
            "BACKEND": "core.cache.backends.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


def elasticsearch_down() -> dict:
    return {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch9",
            "URLS": [f"http://127.0.0.1:{closed_port()}"],
            "INDEX_PREFIX": "cluster05-faults_",
            "TIMEOUT": 2,
            "OPTIONS": {"max_retries": 0},
            "INDEX_SETTINGS": {},
        }
    }


def s3_down(settings) -> dict:
    endpoint = f"http://127.0.0.1:{closed_port()}"
    options = {
        "endpoint_url": endpoint,
        "access_key": "x",
        "secret_key": "x",
        "region_name": "us-east-1",
        "querystring_auth": False,
    }
    return {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**options, "bucket_name": "nowhere", "location": "media"},
        },
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**options, "bucket_name": "nowhere", "location": "private"},
        },
    }


def smtp_down() -> dict:
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": closed_port(),
        "EMAIL_USE_TLS": False,
        "EMAIL_TIMEOUT": 2,
    }


def healthz(client) -> tuple[int, dict]:
    response = client.get("/healthz")
    return response.status_code, json.loads(response.content)


# ------------------------------------------------------------------------------ the cache
@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_pages_are_served_uncached_while_redis_is_down(client, path):
    with override_settings(CACHES=redis_down(), PAGE_CACHE_SECONDS=600):
        response = client.get(path)
        assert response.status_code == 200
        assert response["X-Cache"] == "MISS"
        assert client.get(path).status_code == 200


@pytest.mark.django_db
def test_signed_in_space_and_healthz_while_redis_is_down(client, demo_user):
    with override_settings(CACHES=redis_down(), PAGE_CACHE_SECONDS=600):
        client.force_login(demo_user("porteur"))
        assert client.get(reverse_fr("projects:space")).status_code == 200
        status, body = healthz(client)
    assert status == 200  # the cache is not required: pages still work
    assert body["checks"]["cache"]["status"] == "error"
    assert body["checks"]["database"]["status"] == "ok"


@pytest.mark.django_db
def test_publishing_a_page_while_redis_is_down_is_not_a_server_error(client):
    from home.models import HomePage

    page = HomePage.objects.get(locale__language_code="fr")
    with override_settings(CACHES=redis_down(), PAGE_CACHE_SECONDS=600):
        response = client.get("/fr/")
        assert response.status_code == 200
        page.save_revision().publish()  # the purge fails, logged; the publication stands
        assert client.get("/fr/").status_code == 200
    page.refresh_from_db()
    assert not page.has_unpublished_changes


# ------------------------------------------------------------------------------ search
@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_pages_that_do_not_search_work_while_elasticsearch_is_down(client, path):
    with override_settings(WAGTAILSEARCH_BACKENDS=elasticsearch_down()):
        assert client.get(path).status_code == 200


@pytest.mark.django_db
def test_admin_search_says_the_service_is_unavailable(admin_client):
    with override_settings(WAGTAILSEARCH_BACKENDS=elasticsearch_down()):
        response = admin_client.get("/admin/pages/search/", {"q": "tresorerie"})
    assert response.status_code == 503
    assert response["Retry-After"]


@pytest.mark.django_db
def test_a_search_while_elasticsearch_is_down_is_recognised_as_an_outage(db):
    from wagtail.models import Page

    with (
        override_settings(WAGTAILSEARCH_BACKENDS=elasticsearch_down()),
        pytest.raises(Exception) as raised,
    ):
        list(Page.objects.live().search("tresorerie"))
    assert unavailable_service(raised.value) == "search"


@pytest.mark.django_db
def test_healthz_reports_elasticsearch_down_without_its_address(client):
    config = elasticsearch_down()
    with override_settings(WAGTAILSEARCH_BACKENDS=config):
        status, body = healthz(client)
    assert status == 200
    assert body["checks"]["search"]["status"] == "error"
    port = config["default"]["URLS"][0].rsplit(":", 1)[1]
    assert port not in json.dumps(body)


# ------------------------------------------------------------------------------ e-mail
@pytest.mark.django_db
def test_password_reset_still_answers_while_smtp_is_down(client, demo_user):
    with override_settings(**smtp_down()):
        response = client.post(
            reverse_fr("accounts:password_reset"), {"email": demo_user("porteur").email}
        )
    assert response.status_code == 302
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_transition_is_recorded_and_its_notification_kept_while_smtp_is_down(
    client, demo_user, django_capture_on_commit_callbacks
):
    """The e-mail fails after the commit; the transition and the in-app notification stay, and
    the notification remains marked as not e-mailed (a worker can send it later)."""
    from tests.factories import ExperimentFactory

    experiment = ExperimentFactory(lead=demo_user("porteur"))
    client.force_login(demo_user("coordination"))
    with override_settings(**smtp_down()), django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/api/v1/experiments/{experiment.pk}/transitions/accept_idea/",
            {},
            content_type="application/json",
        )
    assert response.status_code == 200, response.content
    assert ExperimentEvent.objects.filter(experiment=experiment).exists()
    notified = Notification.objects.filter(recipient=demo_user("porteur"))
    assert notified.exists()
    assert not notified.filter(emailed_at__isnull=False).exists()


@pytest.mark.django_db
def test_healthz_reports_smtp_down(client):
    with override_settings(**smtp_down()):
        status, body = healthz(client)
    assert status == 200
    assert body["checks"]["email"]["status"] == "error"


# ------------------------------------------------------------------------------ S3
@pytest.fixture
def storage_down(settings):
    from wagtail.images.models import Image

    config = s3_down(settings)
    fields = [
        (field, field.storage)
        for field in (
            Image._meta.get_field("file"),
            _document_field(),
        )
    ]
    settings.STORAGES = config
    storages._storages.clear()
    for field, _ in fields:
        field.storage = storages["private" if field is fields[1][0] else "default"]
    yield
    for field, original in fields:
        field.storage = original
    storages._storages.clear()


def _document_field():
    from projects.experiments.models import ExperimentDocument

    return ExperimentDocument._meta.get_field("file")


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/fr/structures/", "/fr/financements/"])
def test_pages_without_files_work_while_s3_is_down(client, storage_down, path):
    assert client.get(path).status_code == 200


@pytest.mark.django_db
def test_an_upload_while_s3_is_down_keeps_the_form_and_says_so_in_italian(client, storage_down):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from projects.experiments.models import ExperimentDocument
    from tests.factories import ExperimentFactory, UserFactory

    lead = UserFactory(language="it")
    experiment = ExperimentFactory(lead=lead)
    client.force_login(lead)
    with translation.override("it"):
        url = reverse("projects:documents", kwargs={"pk": experiment.pk})
        expected = gettext(
            "The document store cannot be reached right now; nothing was changed. "
            "Please try again later."
        )
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    response = client.post(
        url, {"title": "Convenzione firmata", "file": SimpleUploadedFile("c.pdf", pdf)}
    )
    assert response.status_code == 503
    page = response.content.decode()
    assert expected.replace("'", "&#x27;") in page or expected in page
    assert 'value="Convenzione firmata"' in page  # the form is kept
    assert not ExperimentDocument.objects.filter(experiment=experiment).exists()


@pytest.mark.django_db
def test_healthz_is_503_while_s3_is_down(client, storage_down):
    status, body = healthz(client)
    assert status == 503
    assert body["status"] == "error"
    assert body["checks"]["storage"]["status"] == "error"
    assert body["checks"]["database"]["status"] == "ok"


# ------------------------------------------------------------------------------ the 503 answer
@pytest.mark.django_db
def test_an_api_call_that_needs_an_unreachable_service_answers_json_503(client, rf):
    from redis.exceptions import ConnectionError as RedisConnectionError

    from config.outages import ServiceUnavailableMiddleware

    middleware = ServiceUnavailableMiddleware(lambda request: None)
    request = rf.get("/api/v1/calls/", HTTP_ACCEPT_LANGUAGE="en")
    with translation.override("en"):
        response = middleware.process_exception(request, RedisConnectionError("refused"))
    assert response.status_code == 503
    assert json.loads(response.content) == {
        "detail": outage_message("en"),
        "code": "service_unavailable",
    }
    assert middleware.process_exception(request, ValueError("a bug")) is None


def reverse_fr(name: str, **kwargs) -> str:
    with translation.override("fr"):
        return reverse(name, kwargs=kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en", "it"])
def test_a_page_that_needs_an_unreachable_service_says_so_in_the_visitors_language(
    client, monkeypatch, language
):
    """A page whose rendering needs Elasticsearch (as the search page does) while it is down."""
    from elastic_transport import ConnectionError as SearchConnectionError
    from wagtail.models import Page

    def serve(self, request, *args, **kwargs):
        raise SearchConnectionError("Connection refused")

    monkeypatch.setattr(Page, "serve", serve)
    response = client.get(f"/{language}/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    assert outage_message(language).replace("'", "&#x27;") in page
