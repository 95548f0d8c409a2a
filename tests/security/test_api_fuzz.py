"""Schemathesis against /api/v1/schema/: every operation, a few generated requests each (a bounded
run fit for CI), valid and invalid data, anonymous and signed in as a member with a token: never a
server error."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis.generation import GenerationMode

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 5
FUZZ = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Serve through a real WSGIHandler without Django's connection cleanup, as the test client
    does: that cleanup closes PostgreSQL's connection inside the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def operations():
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", WSGIHandler())
    found = [result.ok() for result in schema.get_all_operations()]
    assert len(found) >= 10, "the schema lost its operations"
    return found


def fuzz(headers: dict[str, str]) -> list[str]:
    """Run every operation; return the server errors met."""
    errors: list[str] = []
    for operation in operations():
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @FUZZ
            @given(case=operation.as_strategy(generation_mode=mode))
            def check(case):
                response = case.call(headers=headers)
                if response.status_code >= 500:
                    errors.append(
                        f"{case.method} {case.formatted_path} {case.query} {case.body!r:.200} "
                        f"→ {response.status_code}"
                    )

            try:
                check()
            except Unsatisfiable:
                # Schemathesis cannot make (invalid) data for this operation: nothing to send.
                continue
    return errors


def test_api_answers_anonymous_requests_without_server_error():
    assert fuzz({}) == []


def test_api_answers_a_member_without_server_error(demo_user):
    token = Token.objects.get_or_create(user=demo_user("porteur"))[0].key
    assert fuzz({"Authorization": f"Token {token}"}) == []
