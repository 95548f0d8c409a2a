"""Turn an unreachable service into a clear "temporarily unavailable" answer instead of a 500.

The cache, the search server, the e-mail server and S3 are separate machines: one of them down
must not look like a bug. Pages that do not need the service keep working (the cache backend
degrades to "no cache", e-mails go through tasks); a page that does need it answers 503 with a
message in the visitor's language (JSON under /api/), a ``Retry-After`` header, and one log line
naming the service.
"""

import logging
import smtplib
import socket

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"
RETRY_AFTER_SECONDS = 60


def _optional_errors(module: str, names: tuple[str, ...]) -> tuple[type[BaseException], ...]:
    """Exception classes of an optional client library (absent libraries contribute nothing)."""
    try:
        imported = __import__(module, fromlist=list(names))
    except ImportError:  # pragma: no cover - every client is installed in this project
        return ()
    return tuple(getattr(imported, name) for name in names if hasattr(imported, name))


# Service name → the exceptions its client raises when the server cannot be reached.
SERVICE_ERRORS: dict[str, tuple[type[BaseException], ...]] = {
    "cache": _optional_errors("redis.exceptions", ("ConnectionError", "TimeoutError")),
    "search": _optional_errors("elastic_transport", ("ConnectionError", "ConnectionTimeout")),
    "storage": _optional_errors(
        "botocore.exceptions",
        ("EndpointConnectionError", "ConnectTimeoutError", "ReadTimeoutError", "ConnectionError"),
    ),
    "e-mail": (smtplib.SMTPException,),
    # Any other client that gave up on a socket (refused, reset, timed out, unknown host).
    "network": (ConnectionError, TimeoutError, socket.timeout, socket.gaierror),
}


def unavailable_service(error: BaseException) -> str | None:
    """The name of the service an exception says is unreachable, or None for any other error."""
    for service, classes in SERVICE_ERRORS.items():
        if classes and isinstance(error, classes):
            return service
    return None


def service_unavailable_response(request: HttpRequest, service: str) -> HttpResponse:
    """503 in the request's language: JSON under /api/, the site's page elsewhere."""
    message = _(
        "A service this page needs is temporarily unavailable. Nothing is lost: please try "
        "again in a few minutes."
    )
    if request.path_info.startswith(API_PREFIX):
        response = JsonResponse({"detail": message, "code": "service_unavailable"}, status=503)
    else:
        try:
            content = render_to_string("503.html", {"message": message}, request=request)
        except Exception:  # the page shell needs the database and templates: keep it minimal
            logger.exception("The 503 page could not be rendered")
            content = f"<!DOCTYPE html><title>503</title><h1>503</h1><p>{message}</p>"
        response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class ServiceUnavailableMiddleware:
    """Answers 503 (not 500) when a view fails because a service is unreachable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        service = unavailable_service(exception)
        if service is None:
            return None
        logger.error(
            "Service unavailable (%s) while serving %s %s: %s",
            service,
            request.method,
            request.path,
            exception,
        )
        return service_unavailable_response(request, service)
