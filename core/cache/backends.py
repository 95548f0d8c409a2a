"""A Redis cache that degrades to "no cache" while Redis is unreachable.

Django's Redis backend raises on every call when the server is down, and Wagtail reads the
default cache on every request (the site root paths): one Redis outage would turn the whole
site into errors. This backend logs a warning and answers like an empty cache instead, so pages
are served uncached until Redis is back. ``incr`` still raises: a caller that needs it (the page
cache purge) must know the operation did not happen.
"""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)


class ResilientRedisCacheClient(RedisCacheClient):
    """Django's Redis client whose reads miss and writes are dropped when Redis fails."""

    def _failed(self, operation: str, error: Exception) -> None:
        logger.warning("Redis cache unavailable, %s skipped: %s", operation, error)

    def add(self, key, value, timeout):
        try:
            return super().add(key, value, timeout)
        except self._lib.exceptions.RedisError as error:
            self._failed("add", error)
            return False

    def get(self, key, default):
        try:
            return super().get(key, default)
        except self._lib.exceptions.RedisError as error:
            self._failed("get", error)
            return default

    def set(self, key, value, timeout):
        try:
            super().set(key, value, timeout)
        except self._lib.exceptions.RedisError as error:
            self._failed("set", error)

    def touch(self, key, timeout):
        try:
            return super().touch(key, timeout)
        except self._lib.exceptions.RedisError as error:
            self._failed("touch", error)
            return False

    def delete(self, key):
        try:
            return super().delete(key)
        except self._lib.exceptions.RedisError as error:
            self._failed("delete", error)
            return False

    def get_many(self, keys):
        try:
            return super().get_many(keys)
        except self._lib.exceptions.RedisError as error:
            self._failed("get_many", error)
            return {}

    def has_key(self, key):
        try:
            return super().has_key(key)
        except self._lib.exceptions.RedisError as error:
            self._failed("has_key", error)
            return False

    def set_many(self, data, timeout):
        try:
            super().set_many(data, timeout)
        except self._lib.exceptions.RedisError as error:
            self._failed("set_many", error)

    def delete_many(self, keys):
        try:
            super().delete_many(keys)
        except self._lib.exceptions.RedisError as error:
            self._failed("delete_many", error)

    def clear(self):
        try:
            return super().clear()
        except self._lib.exceptions.RedisError as error:
            self._failed("clear", error)
            return False


class ResilientRedisCache(RedisCache):
    """Django's ``RedisCache`` with :class:`ResilientRedisCacheClient`."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient
