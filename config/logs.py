"""Logging: one line per event on stderr, plain text or JSON, each tagged with its request id.

In production (``LOG_FORMAT=json``) every line is a JSON object (``python-json-logger``) that a
log collector can index: time, level, logger, message, request id, and the exception when there
is one. The request id comes from the ``X-Request-ID`` header set by the proxy (nginx's
``$request_id``) or is generated, and is echoed in the response, so that a visitor's report, the
proxy's log and the app's log point at the same request.
"""

import contextvars
import logging
import re
import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def current_request_id() -> str:
    return _request_id.get()


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record (``-`` outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True


class RequestIdMiddleware:
    """Takes the proxy's request id (or makes one) for the logs and the response header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        # Never log what a client wrote unchecked: only a short token is taken as is.
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


def logging_config(level: str = "INFO", log_format: str = "plain") -> dict[str, Any]:
    """The ``LOGGING`` setting: ``log_format`` is ``plain`` (development) or ``json``."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "config.logs.RequestIdFilter"}},
        "formatters": {
            "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            },
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json" if log_format == "json" else "plain",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "WARNING"},
            "weasyprint": {"level": "ERROR"},
            "fontTools": {"level": "ERROR"},
            "django_tasks": {"level": "WARNING"},
        },
    }
