from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The search layer over pages, organisations, calls, sharing posts and experiments."""

    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from funding.relevance import register_text_scorer

        from . import sources, sync  # noqa: F401 (signal receivers)
        from .relevance import call_relevance

        sources.register_all()
        register_text_scorer(call_relevance)
