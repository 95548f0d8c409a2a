"""Schemathesis against /api/v1/schema/: every operation, a few generated requests each (a bounded
run fit for CI), anonymous and signed in as a member with a token: never a server error."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 6
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def api_schema(db):
    return schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", WSGIHandler())


@pytest.fixture
def member_token(demo_user) -> str:
    return Token.objects.get_or_create(user=demo_user("porteur"))[0].key


schema = schemathesis.pytest.from_fixture("api_schema")


def _assert_no_server_error(response, case) -> None:
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path} → {response.status_code}: {response.text[:500]}"
    )


@schema.parametrize()
@FUZZ_SETTINGS
def test_api_answers_anonymous_requests_without_server_error(case):
    _assert_no_server_error(case.call(), case)


@schema.parametrize()
@FUZZ_SETTINGS
def test_api_answers_a_member_without_server_error(case, member_token):
    response = case.call(headers={"Authorization": f"Token {member_token}"})
    _assert_no_server_error(response, case)
