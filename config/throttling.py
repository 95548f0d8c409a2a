"""The API's throttles, counting per client address as the rest of the site does.

Django REST framework identifies an anonymous client by its own reading of X-Forwarded-For: with
its ``NUM_PROXIES`` unset it takes the whole header, which the client writes, so a client could
start a fresh count with every request. These throttles ask `core.client.client_ip` instead, the
address the contact form and the sign-in throttling (django-axes) count.

`WriteThrottle` limits every write per address and per account with the site's named limits
(`core.ratelimit`, ``RATE_LIMITS["api_write"]``).
"""

from rest_framework import exceptions, throttling
from rest_framework.permissions import SAFE_METHODS

from core.client import client_ip
from core.ratelimit import RateLimited, account_ident, reserve, retry_message

# The public API's addresses (as config.api.errors.API_PREFIX, which imports DRF's views: a loop).
API_PREFIX = "/api/"

# The key of the clients whose address is unknown: they share one count.
UNKNOWN_CLIENT = "unknown"


class ClientIpMixin:
    """Identify an anonymous client by `client_ip` (signed-in people are counted by account)."""

    def get_ident(self, request) -> str:
        return client_ip(request) or UNKNOWN_CLIENT


class ScopedRateThrottle(ClientIpMixin, throttling.ScopedRateThrottle):
    """DRF's scoped throttle (a view's ``throttle_scope``), per `client_ip`."""


class TooManyRequests(exceptions.Throttled):
    """429 with the site's message (« Too many attempts: try again in N minutes ») and
    ``Retry-After``, in the request's language."""

    def __init__(self, wait: int):
        super().__init__(detail=retry_message(wait))
        self.wait = wait


class WriteThrottle(throttling.BaseThrottle):
    """Every write to the API (POST, PUT, PATCH, DELETE) counted per client address and per
    account: ``RATE_LIMITS["api_write"]``, the same counters as the site's forms.

    Throttles run after authentication and permissions: refused anonymous writes (401/403) do
    not count. Only the public API under /api/ is limited: the Wagtail admin's own endpoints
    (the translation editor's) serve editors, signed in with their second factor.
    """

    def allow_request(self, request, view) -> bool:
        if request.method in SAFE_METHODS or not request.path_info.startswith(API_PREFIX):
            return True
        try:
            reserve(
                "api_write", address=client_ip(request), account=account_ident(user=request.user)
            )
        except RateLimited as refusal:
            # Raised here rather than returning False: DRF's own message is not the site's.
            raise TooManyRequests(refusal.retry_after) from None
        return True
