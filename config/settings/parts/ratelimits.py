"""Rate limits per client address and per account (core/ratelimit/, docs/security.md).

Each action names its limits as (hits, seconds): ``per_address`` counts the client's address
(`core.client.client_ip`, behind ``NUM_PROXIES``), ``per_account`` the signed-in person or the
e-mail address the request names. Every value can be replaced from the environment with
``RATE_LIMIT_<ACTION>_<KIND>`` (``RATE_LIMIT_SIGN_UP_PER_ADDRESS=20/3600``; the period in
seconds or as ``minute``, ``hour``, ``day``; ``off`` lifts that limit).
"""

import re

from django.core.exceptions import ImproperlyConfigured

from config.settings.parts.environment import env
from config.settings.parts.project import CONTACT_FORM_RATE_LIMIT

__all__ = ["RATE_LIMITS"]

_PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def parse_rate(value: str) -> tuple[int, int] | None:
    """``"5/3600"``, ``"5/hour"`` → (5, 3600); ``"off"`` → None."""
    value = value.strip().lower()
    if value in {"off", "none", "0"}:
        return None
    match = re.fullmatch(r"(\d+)\s*/\s*(\d+|[a-z]+)", value)
    if not match:
        raise ImproperlyConfigured(f"A rate limit reads 'hits/seconds' or 'off', not {value!r}")
    hits, period = match.groups()
    seconds = int(period) if period.isdigit() else _PERIODS.get(period)
    if not seconds or not int(hits):
        raise ImproperlyConfigured(f"A rate limit needs hits and a period, not {value!r}")
    return int(hits), seconds


def _limits(action: str, **defaults: tuple[int, int] | None) -> dict:
    limits = {}
    for kind, default in defaults.items():
        value = env.str(f"RATE_LIMIT_{action.upper()}_{kind.upper()}", default="")
        limits[kind] = parse_rate(value) if value else default
    return limits


_HOUR = 3600

RATE_LIMITS = {
    # Accepted sign-ups; per account: the address typed (its owner gets an e-mail each time).
    "sign_up": _limits("sign_up", per_address=(10, _HOUR), per_account=(3, _HOUR)),
    # Every sign-in attempt from one address (site and admin), whatever the account: many
    # accounts tried from one place. Failures per account are django-axes' (accounts.py).
    "sign_in": _limits("sign_in", per_address=(30, 15 * 60)),
    # Accepted password-reset requests; per account: the address typed, existing or not.
    "password_reset": _limits("password_reset", per_address=(10, _HOUR), per_account=(3, _HOUR)),
    # Requests to change one's e-mail address (each sends a link and a notice).
    "email_change": _limits("email_change", per_account=(5, _HOUR)),
    # Messages of the contact form; per account when signed in. CONTACT_FORM_RATE_LIMIT and
    # CONTACT_FORM_RATE_WINDOW (project.py) still give the per-address default.
    "contact": _limits("contact", per_address=CONTACT_FORM_RATE_LIMIT, per_account=(10, _HOUR)),
    # Ideas proposed on the site (each e-mails the coordinators).
    "propose": _limits("propose", per_account=(5, _HOUR)),
    # Writes to the API (POST, PUT, PATCH, DELETE under /api/), config/throttling.py.
    "api_write": _limits("api_write", per_address=(60, 60), per_account=(30, 60)),
}
