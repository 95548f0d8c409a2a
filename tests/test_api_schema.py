"""The OpenAPI description of /api/v1/ and its documentation page, served without a CDN."""

import re

import pytest
from django.urls import reverse
from openapi_spec_validator import validate
from rest_framework.test import APIClient

OPENAPI_JSON = "application/vnd.oai.openapi+json"
EXPECTED_PATHS = {
    "/api/v1/applications/",
    "/api/v1/applications/{id}/",
    "/api/v1/applications/{id}/assignments/",
    "/api/v1/applications/{id}/assignments/{assignment_id}/",
    "/api/v1/applications/{id}/conflict/",
    "/api/v1/applications/{id}/reviews/",
    "/api/v1/applications/{id}/reviews/{review_id}/share/",
    "/api/v1/applications/{id}/stages/",
    "/api/v1/applications/{id}/transitions/",
    "/api/v1/applications/{id}/transitions/{name}/",
    "/api/v1/auth/token/",
    "/api/v1/calls/",
    "/api/v1/calls/{id}/",
    "/api/v1/experiments/",
    "/api/v1/experiments/{id}/",
    "/api/v1/experiments/{id}/funding-plan/",
    "/api/v1/experiments/{id}/matches/",
    "/api/v1/experiments/{id}/matches/{call_pk}/",
    "/api/v1/experiments/{id}/transitions/",
    "/api/v1/experiments/{id}/transitions/{name}/",
    "/api/v1/search/",
    "/api/v1/sharing/",
    "/api/v1/sharing/{id}/",
    "/api/v1/sharing/conversations/",
    "/api/v1/sharing/conversations/{id}/",
    "/api/v1/me/",
    "/api/v1/organisations/",
    "/api/v1/organisations/{id}/",
    "/api/v1/organisations/{id}/join-requests/",
    "/api/v1/themes/",
    "/api/v1/themes/{id}/",
    "/api/v1/territories/",
    "/api/v1/territories/{id}/",
}


def schema(language: str = "en") -> dict:
    response = APIClient().get(
        reverse("api:schema"), HTTP_ACCEPT=OPENAPI_JSON, HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith(OPENAPI_JSON)
    return response.json()


@pytest.mark.django_db
def test_schema_is_valid_openapi_3_of_our_paths_only():
    spec = schema()
    validate(spec)  # raises on any violation of the OpenAPI 3 specification
    assert spec["openapi"].startswith("3.")
    assert set(spec["paths"]) == EXPECTED_PATHS  # no Wagtail admin endpoint


@pytest.mark.django_db
def test_schema_describes_authentication_errors_and_both_representations():
    spec = schema()
    schemes = spec["components"]["securitySchemes"]
    assert schemes["tokenAuth"]["type"] == "apiKey"
    assert schemes["tokenAuth"]["name"] == "Authorization"
    assert "cookieAuth" in schemes
    transition = spec["paths"]["/api/v1/experiments/{id}/transitions/{name}/"]["post"]
    assert {"200", "400", "401", "403", "404", "409"} <= set(transition["responses"])
    error = transition["responses"]["409"]["content"]["application/json"]["schema"]["$ref"]
    assert error == "#/components/schemas/Error"
    assert {"detail", "code", "missing"} <= set(
        spec["components"]["schemas"]["Error"]["properties"]
    )
    names = transition["parameters"]
    assert any(p["name"] == "name" and "formalise" in p["schema"]["enum"] for p in names)
    any_access = spec["components"]["schemas"]["ExperimentAnyAccess"]
    assert any_access["discriminator"]["propertyName"] == "access"
    assert set(any_access["discriminator"]["mapping"]) == {"full", "public"}
    public = spec["components"]["schemas"]["PublicExperiment"]["properties"]
    assert "budget_total" not in public and "members" not in public
    listing = spec["paths"]["/api/v1/experiments/"]["get"]
    parameters = {p["name"] for p in listing["parameters"]}
    assert {"page", "page_size", "state", "theme", "territory", "search"} <= parameters


@pytest.mark.django_db
def test_schema_follows_the_request_language():
    assert "Idée" in str(schema("fr")["components"]["schemas"]["ExperimentStateEnum"])
    assert "Idea" in str(schema("en")["components"]["schemas"]["ExperimentStateEnum"])


@pytest.mark.django_db
def test_docs_page_loads_with_local_assets_only(client):
    response = client.get(reverse("api:docs"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert html.count("<h1") == 1
    assert "<script>" not in html  # no inline script: the initialisation is a file too
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets
    assert not [a for a in assets if re.match(r"^(https?:)?//", a)]
    assert any("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in a for a in assets)
    for asset in assets:
        fetched = client.get(asset.replace("&amp;", "&"))
        body = b"".join(fetched.streaming_content) if fetched.streaming else fetched.content
        assert fetched.status_code == 200, asset
        assert body, asset
        if asset.endswith("script="):
            assert fetched.headers["Content-Type"].startswith("application/javascript")
            assert b"/api/v1/schema/" in body


@pytest.mark.django_db
def test_schema_describes_the_calls_and_their_filters():
    spec = schema()
    listing = spec["paths"]["/api/v1/calls/"]["get"]
    parameters = {p["name"] for p in listing["parameters"]}
    assert {
        "page",
        "page_size",
        "open",
        "kind",
        "theme",
        "territory",
        "legal_form",
        "aid_type",
        "closes_before",
        "amount",
        "include_closed",
    } <= parameters
    assert not listing.get("security") or {} in listing["security"]  # public
    call = spec["components"]["schemas"]["FundingCall"]["properties"]
    for name in ("id", "slug", "name", "url", "funder", "source_kind", "territory", "themes"):
        assert name in call
    assert call["closes_at"]["format"] == "date-time"
    detail = spec["paths"]["/api/v1/calls/{id}/"]["get"]["responses"]
    assert {"200", "404"} <= set(detail)
