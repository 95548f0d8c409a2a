"""Serve anonymous visitors' pages from the full-page cache (see core/cache/pages.py,
docs/caching.md).

A middleware rather than Wagtail's ``before_serve_page`` hook: a hit must cost no SQL query, and
Wagtail only calls that hook after routing the path through the page tree (queries). The
middleware also covers the Django views that render public listings.
"""

import logging
from functools import cache

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers

import core.cache.pages as page_cache

logger = logging.getLogger(__name__)

# Longer query strings are not cached: filter forms never produce them, cache-busting does.
MAX_QUERY_LENGTH = 512
NOT_CACHEABLE_DIRECTIVES = ("private", "no-cache", "no-store")


@cache
def _excluded_prefixes() -> tuple[str, ...]:
    """The admin: its pages are personal even when they answer an anonymous request."""
    return (reverse("wagtailadmin_home"),)


def is_cacheable_request(request: HttpRequest) -> bool:
    """An anonymous GET or HEAD of a public address, without personal state.

    A session cookie may belong to a signed-in visitor (or hold a page password); the messages
    cookie means a one-off message is waiting. Checking the cookies, not the session, keeps hits
    free of queries; a visitor with a stale session cookie is simply served uncached pages.
    """
    if not page_cache.is_enabled() or request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    if CookieStorage.cookie_name in request.COOKIES:
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
        return False
    return not request.path.startswith(_excluded_prefixes())


def is_cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    """A complete, public HTML page that holds nothing tied to this visitor.

    A page that used a CSRF token (``{% csrf_token %}``: forms) is never stored: the token is
    tied to this visitor's cookie and would fail for the next one. Views opt out with
    ``Cache-Control: private`` or ``no-cache`` (``never_cache``).
    """
    if response.status_code != 200 or response.streaming:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(directive in cache_control for directive in NOT_CACHEABLE_DIRECTIVES):
        return False
    if response.has_header("Vary") and "*" in response["Vary"]:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


class PageCacheMiddleware:
    """Answers cacheable requests from the page cache; stores cacheable responses.

    Adds ``X-Cache: HIT`` or ``MISS`` to the requests it looked up. When the cache backend fails
    the request is served uncached and a warning is logged.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_cacheable_request(request):
            return self.get_response(request)
        try:
            key, cached = page_cache.get_response(request)
        except Exception as error:
            logger.warning("Page cache unavailable, serving %s uncached: %s", request.path, error)
            return self.get_response(request)
        if cached is not None:
            cached["X-Cache"] = "HIT"
            # The entry is only right for visitors without a session: say so to other caches.
            patch_vary_headers(cached, ("Cookie",))
            return cached
        response = self.get_response(request)
        if is_cacheable_response(request, response):
            try:
                page_cache.set_response(key, response)
            except Exception as error:
                logger.warning("Page cache unavailable, %s not stored: %s", request.path, error)
        response["X-Cache"] = "MISS"
        return response


def is_personal_request(request: HttpRequest) -> bool:
    """A request answered for one person: signed in (by session or by an API token, which DRF
    puts on the request while the view runs) or carrying credentials."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    return "HTTP_AUTHORIZATION" in request.META


class PrivatePagesMiddleware:
    """``Cache-Control: private, no-store`` on every answer to a signed-in person (their space,
    dossiers, notifications, profile, the API, and public pages rendered for them), unless the
    view set its own policy: no shared cache or browser history keeps what was shown to them.

    Anonymous visits are left to the page cache and its public policy.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control") and is_personal_request(request):
            patch_cache_control(response, private=True, no_store=True)
        return response
