"""Rate limits on views: a wrapper that refuses before the view runs, and the 429 answer."""

import math
from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import ngettext

from core.client import client_ip

from .limits import RateLimited, account_ident, reserve

# What a wrapped view counts: the submissions it accepted (an answer under 400: a redirect after
# success, a page), or every request (sign-in attempts, right or wrong).
ACCEPTED = "accepted"
EVERY = "every"


def retry_message(retry_after: int) -> str:
    """« Too many attempts: try again in N minutes », in the active language."""
    minutes = max(1, math.ceil(retry_after / 60))
    return ngettext(
        "Too many attempts: try again in %(minutes)d minute.",
        "Too many attempts: try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def too_many_requests(request: HttpRequest, retry_after: int) -> HttpResponse:
    """The 429 page: what happened, when to try again, and that nothing was processed."""
    context = {"message": retry_message(retry_after), "back_url": request.get_full_path()}
    response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response


def is_accepted(response: HttpResponse) -> bool:
    # The site's forms answer 400 with their errors, so "under 400" is "accepted".
    return 200 <= response.status_code < 400


def rate_limited(
    name: str,
    *,
    counts: str = ACCEPTED,
    account_field: str | None = None,
    methods: tuple[str, ...] = ("POST",),
) -> Callable:
    """Limit a view with the named limit of ``RATE_LIMITS`` (`core.ratelimit.limits`).

    Only ``methods`` are limited (a GET always shows the form). The address is `client_ip`; the
    account is the e-mail address typed in ``account_field`` when given, else the signed-in
    person. Over a limit, the view does not run: the answer is the 429 page, nothing is
    processed. ``counts`` says which requests count: ``ACCEPTED`` submissions (a form sent back
    with its errors does not count) or ``EVERY`` request.
    """
    if counts not in (ACCEPTED, EVERY):
        raise ValueError(f"counts must be {ACCEPTED!r} or {EVERY!r}")

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method not in methods:
                return view(request, *args, **kwargs)
            email = request.POST.get(account_field) if account_field else None
            account = account_ident(user=getattr(request, "user", None), email=email)
            try:
                reservation = reserve(name, address=client_ip(request), account=account)
            except RateLimited as refusal:
                return too_many_requests(request, refusal.retry_after)
            try:
                response = view(request, *args, **kwargs)
            except Exception:
                if counts == ACCEPTED:
                    reservation.release()
                raise
            if counts == ACCEPTED and not is_accepted(response):
                reservation.release()
            return response

        return wrapped

    return decorator
