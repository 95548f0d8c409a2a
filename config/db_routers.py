"""Read replica (optional, ``DATABASE_REPLICA_URL``): reads go to the replica, writes to the
primary, with the usual guards against reading one's own writes from a lagging replica.

A read goes to the primary when:

- it runs inside a transaction (services lock rows with ``select_for_update`` and must see
  what they write; Django already sends ``select_for_update`` querysets to the write database);
- the request is not a GET/HEAD/OPTIONS, or the browser sent one recently: after a change, the
  ``c05_primary`` cookie pins that visitor to the primary for ``REPLICA_PIN_SECONDS`` (10 s),
  longer than the replication lag, so the page after a form shows the change.

Migrations run on the primary only (the replica copies them by replication).
"""

import contextvars

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
PIN_COOKIE = "c05_primary"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
_pinned: contextvars.ContextVar[bool] = contextvars.ContextVar("primary_pinned", default=False)


class PrimaryReplicaRouter:
    """Database router: see the module's docstring."""

    def db_for_read(self, model, **hints) -> str:
        if _pinned.get() or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # the same data on both

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS


class PinToPrimaryMiddleware:
    """Sends the reads of changing requests, and of the next seconds' requests, to the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        changing = request.method not in SAFE_METHODS
        token = _pinned.set(changing or PIN_COOKIE in request.COOKIES)
        try:
            response = self.get_response(request)
        finally:
            _pinned.reset(token)
        if changing:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=getattr(settings, "REPLICA_PIN_SECONDS", 10),
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
