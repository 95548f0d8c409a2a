"""The one client address (`core.client.client_ip`) and the API's throttles that count by it.

The contact form's limit and the sign-in throttling are checked as its other users in
tests/home/test_contact.py and tests/accounts/test_lockout.py."""

import pytest
from django.test import override_settings
from django.urls import reverse
from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.test import APIClient, APIRequestFactory
from rest_framework.throttling import ScopedRateThrottle as DRFScopedRateThrottle

from config.throttling import ScopedRateThrottle, WriteThrottle
from core.client import client_ip

CLIENT = "198.51.100.7"
SPOOFED = "203.0.113.66"  # what a client writes in X-Forwarded-For itself
PROXY = "10.0.0.2"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "remote", "expected"),
    [
        # No proxy: the connection's address; a header the client wrote is ignored.
        (0, None, CLIENT, CLIENT),
        (0, SPOOFED, CLIENT, CLIENT),
        # One proxy: the entry it appended, never one the client wrote before it.
        (1, CLIENT, PROXY, CLIENT),
        (1, f"{SPOOFED}, {CLIENT}", PROXY, CLIENT),
        (1, f"{SPOOFED},{CLIENT}", PROXY, CLIENT),
        (1, None, CLIENT, CLIENT),  # not through the proxy: nothing else to go by
        # Two proxies: the second entry from the right.
        (2, f"{SPOOFED}, {CLIENT}, 10.0.0.1", PROXY, CLIENT),
        (2, f"{CLIENT}, 10.0.0.1", PROXY, CLIENT),
        (2, CLIENT, PROXY, CLIENT),  # fewer entries than proxies: the leftmost
        # IPv6, normalised.
        (0, None, "2001:DB8:0:0:0:0:0:1", "2001:db8::1"),
        (1, f"{SPOOFED}, 2001:db8::7", "::1", "2001:db8::7"),
        # Not an address: None, whatever the proxies say.
        (0, None, "", None),
        (0, None, "unknown", None),
        (1, "not-an-address", PROXY, None),
        (1, f"{CLIENT}:4431", PROXY, None),  # a proxy that adds the port
        (1, "[2001:db8::7]:443", PROXY, None),
        (1, f"{CLIENT}, 999.1.2.3", PROXY, None),
        (1, " , ", CLIENT, CLIENT),  # an empty header counts as none
    ],
)
def test_client_ip(rf, proxies, forwarded, remote, expected):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    request = rf.get("/", REMOTE_ADDR=remote, **headers)
    with override_settings(NUM_PROXIES=proxies):
        assert client_ip(request) == expected


def test_no_request_has_no_address():
    assert client_ip(None) is None


def test_the_api_throttles_identify_clients_by_client_ip():
    # Every throttle counts client_ip: the scoped one (below) and the writes' (core.ratelimit).
    assert [WriteThrottle, ScopedRateThrottle] == api_settings.DEFAULT_THROTTLE_CLASSES
    request = Request(
        APIRequestFactory().post(
            "/api/v1/auth/token/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"{SPOOFED}, {CLIENT}"
        )
    )
    throttle = ScopedRateThrottle()
    with override_settings(NUM_PROXIES=1):
        assert throttle.get_ident(request) == CLIENT
    with override_settings(NUM_PROXIES=0):
        assert throttle.get_ident(request) == PROXY
    # What Django REST framework itself would count: the whole header, written by the client.
    assert DRFScopedRateThrottle().get_ident(request) != CLIENT


@pytest.mark.django_db
def test_the_token_endpoint_counts_the_client_behind_the_proxy(monkeypatch, settings):
    """A client changing the X-Forwarded-For it writes is still one client; another client
    behind the same proxy has a count of its own."""
    settings.NUM_PROXIES = 1
    monkeypatch.setattr(DRFScopedRateThrottle, "THROTTLE_RATES", {"auth": "2/minute"})
    credentials = {"email": "nobody@example.org", "password": "guess"}

    def post(forwarded: str) -> int:
        response = APIClient().post(
            reverse("api:token"), credentials, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded
        )
        return response.status_code

    spoofs = [f"203.0.113.{n}, {CLIENT}" for n in range(3)]
    assert [post(forwarded) for forwarded in spoofs] == [400, 400, 429]
    assert post(f"{SPOOFED}, 198.51.100.8") == 400
