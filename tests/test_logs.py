"""Structured logs with a request id, and the optional Sentry client."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from config.logs import REQUEST_ID_HEADER, RequestIdFilter, current_request_id

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "k3Y-" + "x7Qp9vB2mN8rT5wZ1cL4dF6gH0jK3sA" * 2,
    "ALLOWED_HOSTS": "cluster05.example.org",
    "DATABASE_URL": "sqlite:////tmp/cluster05-prod-check.sqlite3",
}


def run_python(code: str, extra: dict[str, str]) -> subprocess.CompletedProcess:
    dropped = {"SENTRY_DSN", "LOG_FORMAT", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(PRODUCTION_ENV)
    env.update(extra)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.django_db
def test_the_request_id_is_taken_from_the_proxy_or_made(client):
    given = client.get("/healthz", HTTP_X_REQUEST_ID="nginx-0f3a9c")
    assert given[REQUEST_ID_HEADER] == "nginx-0f3a9c"
    made = client.get("/healthz", HTTP_X_REQUEST_ID="<script>alert(1)</script>")
    assert made[REQUEST_ID_HEADER] != "<script>alert(1)</script>"
    assert len(made[REQUEST_ID_HEADER]) == 32
    assert current_request_id() == "-"  # reset after the request


def test_the_filter_tags_records_outside_requests():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "hello", None, None)
    assert RequestIdFilter().filter(record)
    assert record.request_id == "-"


def test_production_logs_are_json_lines():
    result = run_python(
        "import django; django.setup(); import logging; "
        "logging.getLogger('cluster05.test').warning('disk %s full', 'var')",
        {},
    )
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line["message"] == "disk var full"
    assert line["level"] == "WARNING"
    assert line["logger"] == "cluster05.test"
    assert line["request_id"] == "-"
    assert "time" in line


PRINT_SENTRY = (
    "import django; django.setup(); import sentry_sdk; from django.conf import settings; "
    "client = sentry_sdk.get_client(); "
    "print(settings.SENTRY_ENABLED, client.is_active(), client.options['send_default_pii'])"
)


def test_sentry_is_off_without_a_dsn():
    result = run_python(PRINT_SENTRY, {})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "None"] or result.stdout.split()[:2] == [
        "False",
        "False",
    ]


def test_sentry_starts_with_a_dsn_without_reaching_the_network():
    # A DSN on a closed local port: initialising must not need the server.
    result = run_python(PRINT_SENTRY, {"SENTRY_DSN": "http://public@127.0.0.1:9/1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "False"]
