"""The API's throttles, counting per client address as the rest of the site does.

Django REST framework identifies an anonymous client by its own reading of X-Forwarded-For: with
its ``NUM_PROXIES`` unset it takes the whole header, which the client writes, so a client could
start a fresh count with every request. These throttles ask `core.client.client_ip` instead, the
address the contact form and the sign-in throttling (django-axes) count.
"""

from rest_framework import throttling

from core.client import client_ip

# The key of the clients whose address is unknown: they share one count.
UNKNOWN_CLIENT = "unknown"


class ClientIpMixin:
    """Identify an anonymous client by `client_ip` (signed-in people are counted by account)."""

    def get_ident(self, request) -> str:
        return client_ip(request) or UNKNOWN_CLIENT


class ScopedRateThrottle(ClientIpMixin, throttling.ScopedRateThrottle):
    """DRF's scoped throttle (a view's ``throttle_scope``), per `client_ip`."""
