"""/healthz: each dependency's state with its latency, 200 or 503, never cached, no secrets."""

import json

import pytest
from django.conf import settings
from django.test import override_settings

from config import health


@pytest.mark.django_db
def test_healthz_reports_every_service_without_sign_in(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "storage", "search", "email", "tasks"}
    for check in body["checks"].values():
        assert check["status"] in {"ok", "error", "disabled"}
        assert isinstance(check["latency_ms"], float)
    # Embedded services are "disabled"; CI runs with Redis (REDIS_URL), which must answer.
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["storage"]["status"] == "ok"
    assert body["checks"]["cache"]["status"] == ("ok" if settings.REDIS_URL else "disabled")
    assert body["checks"]["search"]["status"] == "disabled"
    assert body["checks"]["tasks"]["status"] == "disabled"


@pytest.mark.django_db
def test_healthz_is_never_cached_even_with_the_page_cache_on(client):
    with override_settings(PAGE_CACHE_SECONDS=600):
        first = client.get("/healthz")
        second = client.get("/healthz")
    assert "no-cache" in first["Cache-Control"] or "max-age=0" in first["Cache-Control"]
    assert "X-Cache" not in second or second["X-Cache"] != "HIT"


@pytest.mark.django_db
def test_healthz_refuses_writes(client):
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_a_failing_required_service_makes_healthz_503_and_hides_the_message(client, monkeypatch):
    def broken() -> str:
        raise ConnectionRefusedError("postgres://admin:s3cret@db.internal:5432 refused")

    monkeypatch.setitem(health.CHECKS, "database", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "error"
    assert body["checks"]["database"] == {
        "status": "error",
        "error": "ConnectionRefusedError",
        "latency_ms": body["checks"]["database"]["latency_ms"],
    }
    assert "s3cret" not in response.content.decode()


@pytest.mark.django_db
def test_an_optional_service_failing_keeps_healthz_200(client, monkeypatch):
    def broken() -> str:
        raise TimeoutError

    monkeypatch.setitem(health.CHECKS, "email", broken)
    with override_settings(HEALTHZ_REQUIRED=["database", "storage"]):
        assert client.get("/healthz").status_code == 200
    with override_settings(HEALTHZ_REQUIRED=["database", "email"]):
        assert client.get("/healthz").status_code == 503


@pytest.mark.django_db
def test_the_task_queue_is_checked_with_the_database_backend(client):
    tasks = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with override_settings(TASKS=tasks):
        body = json.loads(client.get("/healthz").content)
    assert body["checks"]["tasks"]["status"] == "ok"
