"""The full-page cache: entries, their keys, and the purge registry.

Anonymous visitors' HTML pages are cached whole (``core.cache.middleware.PageCacheMiddleware``).
Every key starts with a global *content version* kept in the cache itself; a purge increments it,
which orphans every entry at once (orphans expire after ``PAGE_CACHE_SECONDS``). One global version
is coarse but always right: a page shows menus, footers and listings built from many models, and no
dependency tracking is needed to know which pages a change touches.

A purge runs on page publication, unpublication, move and deletion (``home/signals.py``) and on
any save or deletion of a registered model: ``register_purge_model(Model)`` is how an app says
"pages show this model". Form submissions create no registered rows and purge nothing.

Pages whose content also follows something else (the search results follow the index) are keyed
by a version of their own too (``register_namespace``): purging them leaves the rest of the site
cached.

See docs/caching.md for the design and its limits.
"""

import hashlib
import logging
import time
from functools import lru_cache, partial
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
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


def _version_key(namespace: str) -> str:
    return f"{VERSION_KEY}:{namespace}" if namespace else VERSION_KEY


def current_version(namespace: str = "") -> int:
    """The content version that keys the entries (of a namespace: see `register_namespace`);
    created when the cache does not hold one."""
    cache = page_cache()
    key = _version_key(namespace)
    version = cache.get(key)
    if version is None:
        version = _fresh_version()
        if not cache.add(key, version, timeout=None):
            version = cache.get(key, version)
    return version


# ---------------------------------------------------------------------------------------------
# Namespaces: pages whose entries a purge of their own makes stale, not the site-wide one
# ---------------------------------------------------------------------------------------------
_namespaced_urls: dict[str, str] = {}


def register_namespace(url_name: str, namespace: str) -> None:
    """Key the cached pages of the URL named ``url_name`` (in every language) by the version of
    ``namespace`` as well as the site's: ``purge(namespace=...)`` makes them stale and leaves
    the rest of the site cached (a site-wide purge still makes them stale). For pages that change
    with something else than the content: the search results change with the index. Call it
    from an app's ``ready()``."""
    _namespaced_urls[url_name] = namespace
    _namespaced_paths.cache_clear()


@lru_cache(maxsize=1)
def _namespaced_paths() -> dict[str, str]:
    paths = {}
    for url_name, namespace in _namespaced_urls.items():
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                paths[reverse(url_name)] = namespace
    return paths


def namespace_for(path: str) -> str:
    """The namespace of the page at ``path`` ("" for the site's)."""
    return _namespaced_paths().get(path, "") if _namespaced_urls else ""


def entry_key(request: HttpRequest, version: int | str) -> str:
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
    version = str(current_version())
    namespace = namespace_for(request.path)
    if namespace:  # stale after a purge of the site or of the namespace
        version = f"{version}:{namespace}:{current_version(namespace)}"
    key = entry_key(request, version)
    entry = page_cache().get(key)
    return key, entry_to_response(entry) if entry is not None else None


def set_response(key: str, response: HttpResponse) -> None:
    """Store a response under its key. May raise cache errors."""
    page_cache().set(key, response_to_entry(response), timeout=settings.PAGE_CACHE_SECONDS)


# ---------------------------------------------------------------------------------------------
# Purge
# ---------------------------------------------------------------------------------------------
def _bump_version(reason: str, namespace: str = "") -> None:
    cache = page_cache()
    key = _version_key(namespace)
    try:
        try:
            cache.incr(key)
        except ValueError:  # no version yet (or evicted): any new one orphans old entries
            if not cache.add(key, _fresh_version(), timeout=None):
                cache.incr(key)
    except Exception as error:  # a purge must never break the change that caused it
        logger.warning("Page cache purge failed (%s): %s", reason, error)


def purge(reason: str = "", namespace: str = "") -> None:
    """Make every cached page stale (those of ``namespace`` only, when given).

    Bumps the version now (so this process, and the tests, see fresh pages at once) and again
    when the surrounding transaction commits: a visitor's request rendered between the change and
    its commit read the old rows and may have cached them under the first new version.
    """
    if not is_enabled():
        return
    _bump_version(reason, namespace)
    transaction.on_commit(partial(_bump_version, f"{reason}, committed", namespace), robust=True)


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


def purge_models() -> frozenset[type[models.Model]]:
    """The registered models (for checks and tests)."""
    return frozenset(_purge_models)
