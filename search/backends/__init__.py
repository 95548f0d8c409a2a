"""The search backend of this process: Elasticsearch when `ELASTICSEARCH_URL` is set, the
database otherwise."""

from functools import cache

from django.conf import settings

from .base import SearchBackend


@cache
def get_backend() -> SearchBackend:
    if settings.ELASTICSEARCH_URL:
        from .elastic import ElasticsearchBackend

        return ElasticsearchBackend.from_settings()
    from .database import DatabaseBackend

    return DatabaseBackend()
