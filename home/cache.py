"""The full-page cache: entries, their keys, and the purge registry.

Anonymous visitors' HTML pages are cached whole (``home.middleware.PageCacheMiddleware``). Every
key starts with a global *content version* kept in the cache itself; a purge increments it, which
orphans every entry at once (orphans expire after ``PAGE_CACHE_SECONDS``). One global version is
coarse but always right: a page shows menus, footers and listings built from many models, and no
dependency tracking is needed to know which pages a change touches.

A purge runs on page publication, unpublication, move and deletion (``home/signals.py``) and on
any save or deletion of a registered model: ``register_purge_model(Model)`` is how an app says
"pages show this model". Form submissions create no registered rows and purge nothing.

See docs/caching.md for the design and its limits.
"""

import hashlib
import logging
import time
from functools import partial
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.core.cache import BaseCache, caches
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import translation

logger = logging.getLogger(__name__)

VERSION_KEY = "page-cache:version"
ENTRY_PREFIX = "page-cache:entry:"

_purge_models: set[type[models.Model]] = set()


def is_enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


def page_cache() -> BaseCache:
    return caches[settings.PAGE_CACHE_ALIAS]


def _fresh_version() -> int:
    # A clock reading rather than 1: when the version key is evicted, the new version still
    # differs from every version whose entries may remain in the cache.
    return time.time_ns() // 1000


def current_version() -> int:
    """The content version that keys the entries; created when the cache does not hold one."""
    cache = page_cache()
    version = cache.get(VERSION_KEY)
    if version is None:
        version = _fresh_version()
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY, version)
    return version


def entry_key(request: HttpRequest, version: int) -> str:
    """Version + host + language + path + sorted query string, hashed to a fixed length."""
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    parts = [
        str(version),
        request.get_host(),
        translation.get_language() or "",
        request.path,
        query,
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return ENTRY_PREFIX + digest


def response_to_entry(response: HttpResponse) -> tuple[int, list[tuple[str, str]], bytes]:
    """What is kept of a response: status, headers and body (cookies are never kept).

    Plain built-in types, so that entries written by one release still load in the next.
    """
    return (response.status_code, list(response.headers.items()), response.content)


def entry_to_response(entry) -> HttpResponse | None:
    """The response rebuilt from an entry; None when the entry is not in the expected shape."""
    try:
        status, headers, content = entry
        return HttpResponse(content, status=status, headers=dict(headers))
    except (TypeError, ValueError):
        return None


def get_response(request: HttpRequest) -> tuple[str, HttpResponse | None]:
    """The entry key for this request, and the cached response if any. May raise cache errors."""
    key = entry_key(request, current_version())
    entry = page_cache().get(key)
    return key, entry_to_response(entry) if entry is not None else None


def set_response(key: str, response: HttpResponse) -> None:
    """Store a response under its key. May raise cache errors."""
    page_cache().set(key, response_to_entry(response), timeout=settings.PAGE_CACHE_SECONDS)


# ---------------------------------------------------------------------------------------------
# Purge
# ---------------------------------------------------------------------------------------------
def _bump_version(reason: str) -> None:
    cache = page_cache()
    try:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:  # no version yet (or evicted): any new one orphans old entries
            if not cache.add(VERSION_KEY, _fresh_version(), timeout=None):
                cache.incr(VERSION_KEY)
    except Exception as error:  # a purge must never break the change that caused it
        logger.warning("Page cache purge failed (%s): %s", reason, error)


def purge(reason: str = "") -> None:
    """Make every cached page stale.

    Bumps the version now (so this process, and the tests, see fresh pages at once) and again
    when the surrounding transaction commits: a visitor's request rendered between the change and
    its commit read the old rows and may have cached them under the first new version.
    """
    if not is_enabled():
        return
    _bump_version(reason)
    transaction.on_commit(partial(_bump_version, f"{reason}, committed"), robust=True)


def _purge_on_change(sender, instance=None, **kwargs) -> None:
    purge(f"{sender._meta.label} changed")


def _purge_on_m2m_change(sender, instance=None, action="", **kwargs) -> None:
    if action.startswith("post_"):
        purge(f"{type(instance)._meta.label} relations changed")


def _dispatch_uids(model: type[models.Model]) -> tuple[str, str]:
    label = model._meta.label
    return f"page-cache:{label}:save", f"page-cache:{label}:delete"


def register_purge_model(model: type[models.Model]) -> type[models.Model]:
    """Purge the page cache whenever rows of ``model`` (or its many-to-many links) change.

    Call it from an app's ``ready()`` (relations must be resolved) for every model a public page
    lists or shows. Registering twice is harmless.
    """
    if model in _purge_models:
        return model
    _purge_models.add(model)
    save_uid, delete_uid = _dispatch_uids(model)
    post_save.connect(_purge_on_change, sender=model, dispatch_uid=save_uid)
    post_delete.connect(_purge_on_change, sender=model, dispatch_uid=delete_uid)
    for field in model._meta.local_many_to_many:
        m2m_changed.connect(
            _purge_on_m2m_change,
            sender=field.remote_field.through,
            dispatch_uid=f"page-cache:{model._meta.label}:{field.name}:m2m",
        )
    return model


def unregister_purge_model(model: type[models.Model]) -> None:
    """Undo ``register_purge_model`` (tests, or an app that stops listing a model)."""
    if model not in _purge_models:
        return
    _purge_models.discard(model)
    save_uid, delete_uid = _dispatch_uids(model)
    post_save.disconnect(sender=model, dispatch_uid=save_uid)
    post_delete.disconnect(sender=model, dispatch_uid=delete_uid)
    for field in model._meta.local_many_to_many:
        m2m_changed.disconnect(
            sender=field.remote_field.through,
            dispatch_uid=f"page-cache:{model._meta.label}:{field.name}:m2m",
        )


def register_configured_purge_models() -> None:
    """Register the models named in ``PAGE_CACHE_PURGE_MODELS`` ("app_label.Model").

    For apps that do not depend on ``home`` and so cannot call ``register_purge_model``.
    """
    for label in settings.PAGE_CACHE_PURGE_MODELS:
        register_purge_model(apps.get_model(label))


def purge_models() -> frozenset[type[models.Model]]:
    """The registered models (for checks and tests)."""
    return frozenset(_purge_models)
