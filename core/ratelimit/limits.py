"""The named limits of the ``RATE_LIMITS`` setting, keyed per client address and per account.

``RATE_LIMITS = {"sign_up": {"per_address": (10, 3600), "per_account": (3, 3600)}, …}``: for
each action, at most N hits per window of S seconds from one client address
(`core.client.client_ip`, the address django-axes and the API's throttles count) and for one
account. The account is the signed-in person, or the e-mail address the request names (the
address typed in sign-up or password reset): normalised and hashed with the site's secret key
before it goes into a cache key, so that the cache never holds an address in clear.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.crypto import salted_hmac

from .counters import RateLimit

logger = logging.getLogger(__name__)

PER_ADDRESS = "per_address"
PER_ACCOUNT = "per_account"
KINDS = (PER_ADDRESS, PER_ACCOUNT)

_HASH_SALT = "core.ratelimit.account"


class RateLimited(Exception):
    """A hit refused: the limit of ``name`` is reached until ``retry_after`` seconds pass."""

    def __init__(self, name: str, retry_after: int):
        super().__init__(f"rate limit {name!r} reached; retry after {retry_after} s")
        self.name = name
        self.retry_after = retry_after


def named_limits(name: str) -> dict[str, RateLimit]:
    """The limits of one action, by kind; a kind set to None (or absent) is not limited."""
    try:
        config = settings.RATE_LIMITS[name]
    except KeyError:
        raise ImproperlyConfigured(f"RATE_LIMITS has no entry {name!r}") from None
    limits = {}
    for kind, value in config.items():
        if kind not in KINDS:
            raise ImproperlyConfigured(f"RATE_LIMITS[{name!r}]: unknown key {kind!r}")
        if value:
            limit, window = value
            limits[kind] = RateLimit(f"{name}:{kind}", int(limit), int(window))
    return limits


def account_ident(*, user=None, email: str | None = None) -> str | None:
    """The account a request acts for: the e-mail address it names, else the signed-in person.

    An address is compared whatever its case and surrounding spaces, and kept only as a keyed
    hash (HMAC with SECRET_KEY: not reversible by trying known addresses without the key).
    """
    normalised = (email or "").strip().casefold()
    if normalised:
        return "email:" + salted_hmac(_HASH_SALT, normalised, algorithm="sha256").hexdigest()[:40]
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return None


@dataclass
class Reservation:
    """Hits counted for one request, which a caller may take back if it did not count."""

    taken: list[tuple[RateLimit, str]] = field(default_factory=list)

    def release(self) -> None:
        for limit, key in self.taken:
            limit.release_key(key)
        self.taken = []


def reserve(name: str, *, address: str | None, account: str | None) -> Reservation:
    """Count one hit of ``name`` for the address and the account, or raise `RateLimited`.

    The hit is counted first and checked after, so that simultaneous requests cannot all pass
    the check before any of them is counted. A refused hit is taken back: refusals do not
    count. Without an account (a visitor who names none), only the address is counted.
    """
    idents = {PER_ADDRESS: address, PER_ACCOUNT: account}
    reservation = Reservation()
    exceeded: list[RateLimit] = []
    for kind, limit in named_limits(name).items():
        ident = idents[kind]
        if kind == PER_ACCOUNT and ident is None:
            continue
        key = limit.key(ident)
        reservation.taken.append((limit, key))
        if limit.hit_key(key) > limit.limit:
            exceeded.append(limit)
    if exceeded:
        reservation.release()
        retry_after = max(limit.retry_after() for limit in exceeded)
        # The address is logged, never the account's e-mail address (only its hash is known).
        logger.warning(
            "Rate limit %s reached (%s) for %s",
            name,
            ", ".join(limit.scope for limit in exceeded),
            address or "an unknown address",
        )
        raise RateLimited(name, retry_after)
    return reservation
