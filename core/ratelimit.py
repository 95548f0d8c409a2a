"""A fixed-window counter per client address, kept in Django's cache (Redis in production).

Used by the contact form: Django REST framework's throttles only know one-unit periods ("5/m")
and count every request, whereas the form counts accepted submissions only, so that a visitor
correcting mistakes is not locked out. The key is the visitor's `core.client.client_ip`, the
address the sign-in and API throttles count too.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


@dataclass(frozen=True)
class RateLimit:
    """At most ``limit`` hits per ``window`` seconds for each key of one ``scope``."""

    scope: str
    limit: int
    window: int

    def _key(self, ident: str | None) -> str:
        # Clients without a known address share one counter.
        return f"ratelimit:{self.scope}:{ident or 'unknown'}"

    def count(self, ident: str | None) -> int:
        return cache.get(self._key(ident), 0)

    def is_exceeded(self, ident: str | None) -> bool:
        """True when the next hit would go over the limit."""
        return self.count(ident) >= self.limit

    def hit(self, ident: str | None) -> int:
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
