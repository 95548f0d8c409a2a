"""Every error of the API is JSON with a `detail` message in the request's language.

`{"detail": "…", "code": "…"}`, plus `errors` (field → messages) for invalid input and
`missing` (`[{"code", "message"}]`) when a workflow step's conditions are unmet. Statuses:
400 invalid input, 401 not signed in, 403 visible but not allowed, 404 unknown or not visible,
409 not possible now.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler, set_rollback

from core.workflow import WorkflowError
from core.workflow.api import RequirementSerializer

# Business exceptions that carry their own HTTP status, message and missing requirements: the
# workflow engine's (experiments, dossiers, sharing posts).
WORKFLOW_ERRORS: tuple[type[Exception], ...] = (WorkflowError,)

API_PREFIX = "/api/"


def _workflow_code(exc: Exception) -> str:
    """`ConditionsUnmet` → `conditions_unmet`: the exception's name, for machines."""
    name = type(exc).__name__
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")


def _first_message(errors: Any) -> str | None:
    if isinstance(errors, dict):
        for value in errors.values():
            found = _first_message(value)
            if found:
                return found
        return None
    if isinstance(errors, list):
        return next((m for m in (_first_message(item) for item in errors) if m), None)
    return str(errors) if errors else None


def _validation_body(errors: Any) -> dict[str, Any]:
    """A 400 body: one readable `detail` and every field's messages under `errors`."""
    if not isinstance(errors, dict):
        errors = {"non_field_errors": errors if isinstance(errors, list) else [errors]}
    general = errors.get("non_field_errors")
    detail = _first_message(general) if general else None
    return {
        "detail": detail or _("Some fields are invalid: see the errors."),
        "code": "invalid",
        "errors": errors,
    }


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's exception handler, with our statuses and one body shape for every error."""
    if isinstance(exc, WORKFLOW_ERRORS):
        body = {
            "detail": str(exc.message),
            "code": _workflow_code(exc),
            "missing": [requirement.as_dict() for requirement in exc.missing],
        }
        set_rollback()
        return Response(body, status=exc.status)
    if isinstance(exc, DjangoValidationError):
        # A model's or a service's validation: invalid input, never a 500.
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, Http404):
        # Django's message names the model in English; ours is translated.
        exc = exceptions.NotFound()
    elif isinstance(exc, exceptions.ParseError):
        # The parser's message is English and technical: "Malformed request." is translated.
        exc = exceptions.ParseError()

    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = _validation_body(response.data)
    else:
        codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else None
        detail = response.data.get("detail") if isinstance(response.data, dict) else None
        response.data = {
            "detail": str(detail or response.status_text),
            "code": codes if isinstance(codes, str) else "error",
        }
    return response


class ErrorSerializer(serializers.Serializer):
    """The body of every error answer (schema only)."""

    detail = serializers.CharField(help_text="What went wrong, in the request's language.")
    code = serializers.CharField(help_text="A stable code for programs.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="400 only: messages per field (`non_field_errors` for the whole request).",
    )
    missing = RequirementSerializer(
        many=True, required=False, help_text="409 only: the conditions still unmet."
    )


# ------------------------------------------------------------------ Django-level errors
# URLs under /api/ that match no route, and crashes, answer JSON too (config/urls.py handlers).
def page_not_found(request, exception=None):
    """404 for a URL no route matches: JSON under /api/, the site's page elsewhere."""
    if request.path_info.startswith(API_PREFIX):
        body = {"detail": str(exceptions.NotFound.default_detail), "code": "not_found"}
        return JsonResponse(body, status=status.HTTP_404_NOT_FOUND)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """500: JSON under /api/, the site's page elsewhere."""
    if request.path_info.startswith(API_PREFIX):
        body = {"detail": _("A server error occurred."), "code": "error"}
        return JsonResponse(body, status=status.HTTP_500_INTERNAL_SERVER_ERROR)
    return defaults.server_error(request)


def bad_request(request, exception=None):
    """400 (413 for a body over DATA_UPLOAD_MAX_MEMORY_SIZE): JSON under /api/, a page elsewhere.

    Django answers this for requests it refuses before any view: bodies too large, too many
    fields, malformed multipart data, suspicious host names.
    """
    too_large = isinstance(exception, RequestDataTooBig)
    code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE if too_large else status.HTTP_400_BAD_REQUEST
    if too_large:
        message = _("The request is too large: at most %(size)d MB can be sent at once.") % {
            "size": max(1, settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024))
        }
    else:
        message = _("The request could not be read. Check what was sent and try again.")
    if request.path_info.startswith(API_PREFIX):
        return JsonResponse({"detail": message, "code": "bad_request"}, status=code)
    return render(request, "400.html", {"message": message}, status=code)
