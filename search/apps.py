from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

PAGE_CACHE_NAMESPACE = "search"


class SearchConfig(AppConfig):
    """The search layer over pages, organisations, calls, sharing posts and experiments."""

    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from core.cache import pages as page_cache

        from . import sources, sync  # noqa: F401 (signal receivers)

        sources.register_all()
        # Anonymous visitors' result pages are cached, stale when the index changes (only them).
        page_cache.register_namespace("search:search", PAGE_CACHE_NAMESPACE)
