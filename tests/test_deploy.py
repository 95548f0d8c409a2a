"""Deployment: the reference compose file and the optional read replica."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.db import transaction
from django.http import HttpResponse

from config import db_routers
from config.db_routers import PIN_COOKIE, PinToPrimaryMiddleware, PrimaryReplicaRouter

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "docs" / "deploy"


def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


def test_the_compose_file_runs_every_service():
    services = compose()["services"]
    for name in ("postgres", "elasticsearch", "minio", "redis", "app", "worker", "nginx"):
        assert name in services, name
    assert "gunicorn" in " ".join(services["app"]["command"])
    assert "db_worker" in " ".join(services["worker"]["command"])
    assert services["nginx"]["ports"]


def test_the_app_and_the_worker_use_every_service_and_the_same_settings():
    services = compose()["services"]
    app_env = services["app"]["environment"]
    for variable in (
        "DATABASE_URL",
        "REDIS_URL",
        "ELASTICSEARCH_URL",
        "AWS_STORAGE_BUCKET_NAME",
        "AWS_S3_ENDPOINT_URL",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
    ):
        assert variable in app_env, variable
    assert app_env["TASKS_BACKEND"] == "database"
    assert services["worker"]["environment"] == app_env
    assert "/healthz" in " ".join(services["app"]["healthcheck"]["test"])


def test_nginx_forwards_to_the_app_with_a_request_id():
    conf = (DEPLOY / "nginx.conf").read_text()
    assert "proxy_pass http://app" in conf
    assert "X-Request-ID" in conf
    assert "X-Forwarded-Proto" in conf


def test_the_deployment_guide_exists_and_points_at_the_files():
    guide = (ROOT / "docs" / "deploy.md").read_text()
    for needle in ("compose.yaml", "nginx.conf", "DATABASE_REPLICA_URL", "migrat", "backup"):
        assert needle in guide, needle


# ------------------------------------------------------------------ read replica
def test_the_router_writes_and_migrates_on_the_primary():
    router = PrimaryReplicaRouter()
    assert router.db_for_write(None) == "default"
    assert router.allow_migrate("default", "projects") is True
    assert router.allow_migrate("replica", "projects") is False
    assert router.allow_relation(object(), object()) is True


def test_reads_go_to_the_replica_unless_the_request_is_pinned():
    router = PrimaryReplicaRouter()
    assert router.db_for_read(None) == "replica"
    token = db_routers._pinned.set(True)
    try:
        assert router.db_for_read(None) == "default"
    finally:
        db_routers._pinned.reset(token)


@pytest.mark.django_db
def test_reads_inside_a_transaction_go_to_the_primary():
    # pytest-django runs this test inside a transaction, as a service's atomic block would.
    with transaction.atomic():
        assert PrimaryReplicaRouter().db_for_read(None) == "default"


def test_a_change_pins_the_visitor_to_the_primary_for_a_few_seconds(rf, settings):
    settings.REPLICA_PIN_SECONDS = 10
    seen = []

    def view(request):
        seen.append(db_routers._pinned.get())
        return HttpResponse()

    middleware = PinToPrimaryMiddleware(view)
    assert PIN_COOKIE not in middleware(rf.get("/fr/")).cookies
    posted = middleware(rf.post("/fr/"))
    assert posted.cookies[PIN_COOKIE]["max-age"] == 10
    request = rf.get("/fr/")
    request.COOKIES[PIN_COOKIE] = "1"
    middleware(request)
    assert seen == [False, True, True]
    assert db_routers._pinned.get() is False


def test_the_replica_is_configured_by_its_url():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(sorted(settings.DATABASES), settings.DATABASE_ROUTERS, "
        "settings.MIDDLEWARE[1], settings.DATABASES['replica']['NAME'])"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": "postgres://app:pw@primary:5432/c05",
            "DATABASE_REPLICA_URL": "postgres://app:pw@replica:5432/c05",
        }
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "['default',",
        "'replica']",
        "['config.db_routers.PrimaryReplicaRouter']",
        "config.db_routers.PinToPrimaryMiddleware",
        "c05",
    ]
