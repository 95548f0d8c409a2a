"""A fixed-window counter per client address, kept in Django's cache (Redis in production).

Used by the contact form: Django REST framework's throttles only know one-unit periods
("5/m") and count every request, whereas the form counts accepted submissions only, so that a
visitor correcting mistakes is not locked out.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The visitor's address: REMOTE_ADDR, or the entry of X-Forwarded-For that the trusted
    proxies added (``NUM_PROXIES`` of them in front of the app), never one the client wrote."""
    proxies = getattr(settings, "NUM_PROXIES", 0)
    forwarded = request.headers.get("x-forwarded-for")
    if proxies and forwarded:
        addresses = [a.strip() for a in forwarded.split(",") if a.strip()]
        if addresses:
            return addresses[-min(proxies, len(addresses))]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


@dataclass(frozen=True)
class RateLimit:
    """At most ``limit`` hits per ``window`` seconds for each key of one ``scope``."""

    scope: str
    limit: int
    window: int

    def _key(self, ident: str) -> str:
        return f"ratelimit:{self.scope}:{ident}"

    def count(self, ident: str) -> int:
        return cache.get(self._key(ident), 0)

    def is_exceeded(self, ident: str) -> bool:
        """True when the next hit would go over the limit."""
        return self.count(ident) >= self.limit

    def hit(self, ident: str) -> int:
        """Count one hit; the window starts at the first hit. Atomic on Redis and local memory."""
        key = self._key(ident)
        cache.add(key, 0, timeout=self.window)
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=self.window)
            return 1


def contact_rate_limit() -> RateLimit:
    """The contact form's limit (``CONTACT_FORM_RATE_LIMIT`` = (submissions, seconds))."""
    limit, window = getattr(settings, "CONTACT_FORM_RATE_LIMIT", (5, 600))
    return RateLimit("contact", limit, window)
