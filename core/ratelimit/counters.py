"""A fixed-window counter kept in Django's cache (Redis in production).

Django REST framework's throttles only know one-unit periods ("5/m") and count every request,
whereas the site's forms count accepted submissions only, so that a visitor correcting mistakes
is not locked out. This counter serves both (`core.ratelimit.limits` names the limits).
"""

import logging
import math
import time
from dataclasses import dataclass

from django.core.cache import cache

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RateLimit:
    """At most ``limit`` hits per ``window`` seconds for each key of one ``scope``.

    Windows are aligned on the clock (a window of 3600 seconds runs from one full hour to the
    next) and the cache key names its window: a count is released when the clock passes the
    window's end, whatever the cache backend does with expiry, and the wait until then is known
    exactly (the ``Retry-After`` of the refusal).
    """

    scope: str
    limit: int
    window: int

    def window_start(self, now: float | None = None) -> int:
        now = time.time() if now is None else now
        return int(now // self.window) * self.window

    def retry_after(self, now: float | None = None) -> int:
        """Seconds until the current window ends (at least 1)."""
        now = time.time() if now is None else now
        return max(1, math.ceil(self.window_start(now) + self.window - now))

    def key(self, ident: str | None) -> str:
        # Clients without a known address share one counter.
        return f"ratelimit:{self.scope}:{ident or 'unknown'}:{self.window_start()}"

    def count(self, ident: str | None) -> int:
        return cache.get(self.key(ident), 0)

    def is_exceeded(self, ident: str | None) -> bool:
        """True when the next hit would go over the limit."""
        return self.count(ident) >= self.limit

    def hit(self, ident: str | None) -> int:
        """Count one hit and return the count of the window (atomic on Redis and local memory)."""
        return self.hit_key(self.key(ident))

    def hit_key(self, key: str) -> int:
        """Count one hit on a key of this limit; 0 when the cache cannot count (fail open)."""
        timeout = self.retry_after() + 1
        try:
            cache.add(key, 0, timeout=timeout)
            try:
                return cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, timeout=timeout)
                return 1
        except Exception as error:
            # The cache server is down (the Redis backend raises on incr): a limit must never
            # turn the site into errors, so nothing is counted until the cache is back.
            logger.warning("Rate limit %s not counted, the cache failed: %s", self.scope, error)
            return 0

    def release_key(self, key: str) -> None:
        """Take back a hit (a submission that was not accepted after all)."""
        try:
            if cache.decr(key) < 0:
                cache.delete(key)
        except ValueError:  # the window ended meanwhile: nothing left to take back
            pass
        except Exception as error:  # as in hit_key
            logger.warning(
                "Rate limit %s hit not taken back, the cache failed: %s", self.scope, error
            )
