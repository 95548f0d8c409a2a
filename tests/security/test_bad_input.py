"""Bad input hits the real URLs: unknown languages, broken query strings, wrong bodies and types,
oversized requests and malformed uploads all get a 4xx (or are ignored), never a 500."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def url(name: str, language: str = "fr", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.mark.parametrize(
    "path", ["/xx/", "/xx/guides/", "/de/", "/fr-xx/", "/zz/compte/connexion/", "/en-GB/"]
)
def test_unknown_languages_get_the_404_page(client, path):
    # Django may first try the path under the default language (/fr/xx/…): it ends on a 404 page.
    response = client.get(path, follow=True)
    assert response.status_code == 404
    assert "text/html" in response["Content-Type"]
    assert len(response.redirect_chain) <= 1


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=-1",
        "page=0",
        "page=99999999999999999999",
        "page=1.5",
        "page=%00",
        "theme=nope",
        "territory=abc",
        "territory=999999999",
        "amount=-5",
        "amount=1e309",
        "amount=NaN",
        "closes_before=2024-02-30",
        "closes_before=yesterday",
        "include_closed=maybe",
        "legal_form=%FF%FE",
        "aid_type=<script>",
        "kind=zzz",
        "q=" + "a" * 5000,
        "page=2&page=abc",
    ],
)
@pytest.mark.parametrize(
    "path",
    [
        "/fr/financements/",
        "/fr/structures/",
        "/fr/echanges/",
        "/fr/actualites/",
        "/fr/guides/",
        "/fr/experimentations/",
        "/fr/mutualisation/",
    ],
)
def test_broken_query_strings_never_fail(client, path, query):
    response = client.get(f"{path}?{query}")
    assert response.status_code in (200, 400, 404), (path, query, response.status_code)


@pytest.mark.parametrize(
    "query", ["page=abc", "page=-3", "page_size=abc", "state=nope", "ordering=%00", "page=1e9"]
)
@pytest.mark.parametrize("path", ["/api/v1/calls/", "/api/v1/organisations/"])
def test_api_broken_query_strings_get_a_json_4xx_or_are_ignored(client, path, query):
    response = client.get(f"{path}?{query}")
    assert response.status_code in (200, 400, 404)
    assert response["Content-Type"].startswith("application/json")


def test_api_wrong_content_type_is_415_with_a_message(client):
    response = client.post(
        "/api/v1/auth/token/",
        "email=a@example.org&password=x",
        content_type="application/x-www-form-urlencoded",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 415
    assert response.json()["detail"]


def test_api_malformed_json_is_400_with_a_message(client):
    response = client.post("/api/v1/auth/token/", '{"email": ', content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"]


def test_api_oversized_body_is_refused_with_a_message(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    body = '{"email": "a@example.org", "password": "' + "x" * 4096 + '"}'
    response = client.post(
        "/api/v1/auth/token/", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]


def test_site_oversized_form_is_refused_with_a_page(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = client.post(url("accounts:sign_up", "en"), {"full_name": "x" * 4096})
    assert response.status_code == 413
    assert "text/html" in response["Content-Type"]
    assert "too large" in response.content.decode()


def test_too_many_fields_is_refused(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    response = client.post(url("accounts:sign_up"), {f"f{n}": "x" for n in range(50)})
    assert response.status_code == 400


def test_malformed_multipart_is_400(client, demo_user):
    client.force_login(demo_user("porteur"))
    response = client.generic(
        "POST",
        url("projects:sharing_new"),
        b'--broken\r\nContent-Disposition: form-data; name="title"\r\n\r\nno end',
        content_type="multipart/form-data; boundary=other",
    )
    assert response.status_code in (200, 400, 403)


def test_nul_characters_in_a_form_are_an_error_message(client):
    response = client.post(
        url("accounts:sign_up", "en"),
        {
            "email": "nul@example.org",
            "full_name": "Null\x00Name",
            "language": "en",
            "password1": "a-sound-passphrase-42",
            "password2": "a-sound-passphrase-42",
        },
    )
    assert response.status_code == 400
    assert "Null characters are not allowed" in response.content.decode()


def test_sign_in_with_a_non_string_next_is_harmless(client):
    UserFactory(email="lea@example.org")
    response = client.get(url("accounts:login") + "?next=javascript:alert(1)")
    assert response.status_code == 200
