"""Fixtures shared by the whole suite.

The test database is created once per session with the demo data loaded (the same loader as
`make run`), so page tests see the real site; each test runs in a transaction rolled back at its
end. Browser tests use `transaction=True` with serialized rollback, which restores that state
(on PostgreSQL from a copy of the tables: tests/snapshot.py).
"""

import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.utils import translation

from home.demo import load_all
from tests import snapshot

# Playwright's sync API runs an event loop in the test thread; Django must still allow the ORM.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DEMO_PASSWORD = "demo-password-for-tests"

pytest_plugins = ["tests.browser.fixtures"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_all(DEMO_PASSWORD, reset_password=True)
        for alias in connections:
            connection = connections[alias]
            if snapshot.supported(connection):
                snapshot.install()
                contents = snapshot.take(connection)
            else:
                contents = connection.creation.serialize_db_to_string()
            # Serialized rollback restores this state (demo included) before each transactional
            # test. Connection objects are per context (asgiref Local), and a test may get a new
            # one: set the contents on the backend class too, so that every connection has them.
            connection._test_serialized_contents = contents
            type(connection)._test_serialized_contents = contents


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request to /it/ leaves Italian active in the
    thread afterwards (LocaleMiddleware does not switch back), which would leak between tests."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo_user(db):
    """Return the demo account of a role: demo_user("coordination")."""
    from accounts.models import User

    def get(prefix: str) -> User:
        return User.objects.get(email=f"{prefix}@example.org")

    return get
