"""``/healthz``: the state of every service the site depends on, for load balancers and probes.

Each check answers ``ok``, ``error`` or ``disabled`` (the embedded default is in use: no separate
service to reach) with its latency in milliseconds. The answer is 200 when every *required*
service (``HEALTHZ_REQUIRED``: the database and storage by default) is ok, 503 otherwise: the
cache, search, e-mail and tasks degrade without taking pages down, so their failure is reported
without taking the server out of the pool. Errors name the exception class only: no address,
password or message that could hold one.
"""

import contextlib
import smtplib
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import storages
from django.core.mail import get_connection
from django.db import connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

OK, ERROR, DISABLED = "ok", "error", "disabled"
PROBE_NAME = "healthz-probe"

Check = Callable[[], str]


def check_database() -> str:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return OK


def check_cache() -> str:
    cache = caches["default"]
    client = getattr(getattr(cache, "_cache", None), "get_client", None)
    if client is None:
        return DISABLED  # local memory: part of the process
    # Ask Redis itself: the site's resilient backend turns errors into misses.
    client(write=True).ping()
    return OK


def check_storage() -> str:
    for alias in ("default", "private"):
        storage = storages[alias]
        storage.exists(PROBE_NAME)  # S3: one HEAD request; files: a stat
    return OK


def check_search() -> str:
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    if "elasticsearch" not in backend and "opensearch" not in backend:
        return DISABLED  # the database backend
    from wagtail.search.backends import get_search_backend

    get_search_backend().es.info()
    return OK


def check_email() -> str:
    if not settings.EMAIL_BACKEND.endswith("smtp.EmailBackend"):
        return DISABLED
    connection = get_connection(timeout=min(settings.EMAIL_TIMEOUT or 5, 5))
    try:
        connection.open()
    finally:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            connection.close()
    return OK


def check_tasks() -> str:
    if "django_tasks_db" not in settings.TASKS["default"]["BACKEND"]:
        return DISABLED  # immediate: run inside the request
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.exists()
    return OK


CHECKS: dict[str, Check] = {
    "database": check_database,
    "cache": check_cache,
    "storage": check_storage,
    "search": check_search,
    "email": check_email,
    "tasks": check_tasks,
}


def run_checks() -> dict[str, dict[str, Any]]:
    """Every check with its status and latency; an exception makes the check an error."""
    results = {}
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            result: dict[str, Any] = {"status": check()}
        except Exception as error:
            result = {"status": ERROR, "error": type(error).__name__}
        result["latency_ms"] = round((time.perf_counter() - started) * 1000, 1)
        results[name] = result
    return results


def required_services() -> list[str]:
    return list(getattr(settings, "HEALTHZ_REQUIRED", ["database", "storage"]))


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Report each dependency; 503 when a required one fails (no sign-in, never cached)."""
    checks = run_checks()
    healthy = all(checks[name]["status"] == OK for name in required_services() if name in checks)
    body = {"status": OK if healthy else ERROR, "checks": checks}
    return JsonResponse(body, status=200 if healthy else 503)
