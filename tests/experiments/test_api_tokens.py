"""The experiments API: token and session authentication, JSON answers everywhere."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.throttling import ScopedRateThrottle

from tests.experiments.api_support import api, detail_url, list_url
from tests.factories import (
    DEFAULT_PASSWORD,
    UserFactory,
)


# ---------------------------------------------------------------------- token authentication
@pytest.mark.django_db
def test_token_for_an_e_mail_address_in_any_case():
    user = UserFactory(email="lea@example.org")
    response = api().post(
        reverse("api:token"), {"email": "Lea@Example.ORG", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 200
    token = response.json()["token"]
    assert token == Token.objects.get(user=user).key
    again = api().post(
        reverse("api:token"), {"email": "lea@example.org", "password": DEFAULT_PASSWORD}
    )
    assert again.json()["token"] == token


@pytest.mark.django_db
@pytest.mark.parametrize(
    "email, password, active",
    [
        ("lea@example.org", "wrong-password", True),
        ("nobody@example.org", DEFAULT_PASSWORD, True),
        ("lea@example.org", DEFAULT_PASSWORD, False),
    ],
    ids=["wrong-password", "unknown-account", "inactive-account"],
)
def test_token_refused_with_one_message(email, password, active):
    UserFactory(email="lea@example.org", is_active=active)
    response = api().post(reverse("api:token"), {"email": email, "password": password})
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Unable to sign in with this e-mail address and password."
    assert body["code"] == "invalid"
    assert body["errors"]["non_field_errors"] == [body["detail"]]
    assert not Token.objects.filter(user__email="lea@example.org").exists()


@pytest.mark.django_db
def test_token_request_with_missing_fields_names_them():
    response = api().post(reverse("api:token"), {"email": "not-an-address"})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"email", "password"}
    assert errors["password"] == ["This field is required."]


@pytest.mark.django_db
def test_token_authenticates_and_can_be_revoked(people):
    lead = people["lead"]
    key = (
        api()
        .post(reverse("api:token"), {"email": lead.email, "password": DEFAULT_PASSWORD})
        .json()["token"]
    )
    client = APIClient(HTTP_AUTHORIZATION=f"Token {key}", HTTP_ACCEPT_LANGUAGE="en")
    assert client.get(detail_url(people["experiment"])).json()["access"] == "full"
    assert client.delete(reverse("api:token")).status_code == 204
    refused = client.get(detail_url(people["experiment"]))
    assert refused.status_code == 401
    assert refused.json() == {"detail": "Invalid token.", "code": "authentication_failed"}
    assert refused.headers["WWW-Authenticate"] == "Token"


@pytest.mark.django_db
def test_token_requests_are_throttled(monkeypatch):
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"auth": "2/minute"})
    UserFactory(email="lea@example.org")
    attempts = [
        api().post(reverse("api:token"), {"email": "lea@example.org", "password": "guess"})
        for _ in range(3)
    ]
    assert [a.status_code for a in attempts] == [400, 400, 429]
    assert attempts[-1].json()["code"] == "throttled"


@pytest.mark.django_db
def test_revoking_needs_a_signed_in_user():
    response = api().delete(reverse("api:token"))
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.django_db
def test_session_authentication_works_too(people):
    client = APIClient()
    client.force_login(people["lead"])
    assert client.get(detail_url(people["experiment"])).json()["access"] == "full"


@pytest.mark.django_db
def test_session_requests_that_change_things_need_the_csrf_token(people):
    client = APIClient(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(people["lead"])
    response = client.patch(detail_url(people["experiment"]), {"title": "Nouveau"}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, message",
    [
        ("en", "Authentication credentials were not provided."),
        ("fr", "Informations d'authentification non fournies."),
        ("it", "Non sono state immesse le credenziali di autenticazione."),
    ],
)
def test_anonymous_requests_that_need_a_user_get_401_in_their_language(people, language, message):
    response = api(language=language).post(list_url(), {"title": "x"}, format="json")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Token"
    assert response.headers["Content-Language"] == language
    assert response.json() == {"detail": message, "code": "not_authenticated"}


# ---------------------------------------------------------------------- JSON everywhere
@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/experiments/999999/",
        "/api/v1/experiments/99999999999999999999999999/",
        "/api/v1/experiments/abc/",
        "/api/v1/nowhere/",
    ],
)
def test_unknown_api_urls_answer_json_404_without_a_language_redirect(path):
    response = api(language="fr").get(path)
    assert response.status_code == 404
    assert response.headers["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Non trouvé.", "code": "not_found"}


@pytest.mark.django_db
def test_site_pages_still_get_their_language_redirect(client):
    response = client.get("/compte/connexion/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302
    assert response.headers["Location"] == "/fr/compte/connexion/"
