"""Rate limits: named limits per client address and per account, kept in Django's cache.

- `counters`: the fixed-window counter (`RateLimit`);
- `limits`: the limits of the ``RATE_LIMITS`` setting, the keys, `reserve` (count or refuse);
- `views`: `rate_limited`, the wrapper of views, and the 429 page.

docs/security.md ("What is rate-limited and how") lists the limits and their settings.
"""

from .counters import RateLimit
from .limits import PER_ACCOUNT, PER_ADDRESS, RateLimited, account_ident, named_limits, reserve
from .views import ACCEPTED, EVERY, rate_limited, retry_message, too_many_requests

__all__ = [
    "ACCEPTED",
    "EVERY",
    "PER_ACCOUNT",
    "PER_ADDRESS",
    "RateLimit",
    "RateLimited",
    "account_ident",
    "named_limits",
    "rate_limited",
    "reserve",
    "retry_message",
    "too_many_requests",
]
