"""Throttling of failed sign-ins with django-axes: per account and address together,
site/admin/API. Never per address alone: one person's mistakes lock nobody else out."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from tests.factories import DEFAULT_PASSWORD, UserFactory


def sign_in_url(language: str = "fr") -> str:
    with translation.override(language):
        return reverse("accounts:login")


def attempt(client, email, password, language="fr", address="10.0.0.1"):
    return client.post(
        sign_in_url(language), {"username": email, "password": password}, REMOTE_ADDR=address
    )


@pytest.mark.django_db
def test_an_account_is_locked_from_the_address_of_the_failures_only(client, settings):
    UserFactory(email="lea@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "lea@example.org", "wrong", address="10.0.1.1").status_code == 200
    locked = attempt(client, "LEA@example.org", "wrong", language="en", address="10.0.1.1")
    assert locked.status_code == 429
    body = locked.content.decode()
    assert "Too many failed sign-in attempts for this account from your connection" in body
    assert "15 minutes" in body
    assert locked["Retry-After"] == "900"
    # Even the right password waits, from that address.
    again = attempt(client, "lea@example.org", DEFAULT_PASSWORD, address="10.0.1.1")
    assert again.status_code == 429
    assert not again.wsgi_request.user.is_authenticated
    # From another address, the owner signs in.
    elsewhere = attempt(client, "lea@example.org", DEFAULT_PASSWORD, address="10.0.2.1")
    assert elsewhere.status_code == 302


@pytest.mark.django_db
def test_failures_spread_over_addresses_lock_nothing(client, settings):
    UserFactory(email="lea@example.org")
    for n in range(settings.AXES_FAILURE_LIMIT + 1):
        assert attempt(client, "lea@example.org", "wrong", address=f"10.0.1.{n}").status_code == 200


@pytest.mark.django_db
def test_another_person_at_the_same_address_is_not_locked(client, settings):
    """A shared connection or proxy: one person's five mistakes do not lock the others."""
    UserFactory(email="lea@example.org")
    UserFactory(email="colleague@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "lea@example.org", "wrong", address="10.9.9.9")
    assert attempt(client, "lea@example.org", DEFAULT_PASSWORD, address="10.9.9.9").status_code == (
        429
    )
    colleague = attempt(client, "colleague@example.org", DEFAULT_PASSWORD, address="10.9.9.9")
    assert colleague.status_code == 302


@pytest.mark.django_db
def test_wrong_passwords_on_many_accounts_do_not_lock_the_address(client, settings):
    """Trying many accounts from one address is the per-address rate limit's business, never a
    lockout of everyone behind that address."""
    UserFactory(email="victim@example.org")
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, f"guess{n}@example.org", "wrong", address="10.9.9.9")
    assert (
        attempt(client, "victim@example.org", DEFAULT_PASSWORD, address="10.9.9.9").status_code
        == 302
    )


def test_the_lockout_counts_the_account_and_the_address_together(settings):
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


@pytest.mark.django_db
def test_the_lockout_message_is_in_the_visitor_language(client, settings):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=30)
    UserFactory(email="lea@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "lea@example.org", "wrong", language="fr")
    for language in ("fr", "it"):
        response = attempt(client, "lea@example.org", "wrong", language=language)
        with translation.override(language):
            from accounts.lockout import lockout_message

            expected = lockout_message()
        assert response.status_code == 429
        assert escape(expected) in response.content.decode()
        assert "30" in expected


@pytest.mark.django_db
def test_a_success_resets_the_count(client, settings):
    UserFactory(email="lea@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "lea@example.org", "wrong")
    assert attempt(client, "lea@example.org", DEFAULT_PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "lea@example.org", "wrong").status_code == 200


@pytest.mark.django_db
def test_passwords_checked_without_a_request_are_not_counted(client, settings):
    UserFactory(email="shell@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        assert not client.login(username="shell@example.org", password="wrong")
    assert client.login(username="shell@example.org", password=DEFAULT_PASSWORD)


@pytest.mark.django_db
def test_the_admin_sign_in_is_throttled_too(client, settings):
    UserFactory(email="admin2@example.org", is_superuser=True, is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "admin2@example.org", "password": "wrong"})
    response = client.post(
        "/admin/login/", {"username": "admin2@example.org", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 429


@pytest.mark.django_db
def test_the_api_token_endpoint_is_throttled_with_a_json_message(client, settings):
    UserFactory(email="api@example.org")
    body = {"email": "api@example.org", "password": "wrong"}
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert (
            client.post("/api/v1/auth/token/", body, content_type="application/json").status_code
            == 400
        )
    # The failure that reaches the limit is answered with the lockout already.
    assert (
        client.post("/api/v1/auth/token/", body, content_type="application/json").status_code == 429
    )
    response = client.post(
        "/api/v1/auth/token/",
        {"email": "api@example.org", "password": DEFAULT_PASSWORD},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.json()["detail"]


@pytest.mark.django_db
def test_the_address_counted_is_the_client_behind_the_proxy(client, settings):
    """django-axes counts `core.client.client_ip` (AXES_CLIENT_IP_CALLABLE): the entry the
    proxy appended to X-Forwarded-For, whatever the client wrote before it."""
    from axes.models import AccessAttempt

    settings.NUM_PROXIES = 1

    def attempt_behind_proxy(email: str, forwarded: str):
        data = {"username": email, "password": "wrong"}
        return client.post(
            sign_in_url(), data, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded
        )

    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt_behind_proxy("someone@example.org", f"203.0.113.{n}, 198.51.100.7")
    blocked = attempt_behind_proxy("someone@example.org", "203.0.113.99, 198.51.100.7")
    assert blocked.status_code == 429
    # Another client behind the same proxy is not blocked.
    assert attempt_behind_proxy("someone@example.org", "198.51.100.8").status_code == 200
    addresses = set(AccessAttempt.objects.values_list("ip_address", flat=True))
    assert addresses == {"198.51.100.7", "198.51.100.8"}
