from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The ground floor: mechanisms several areas share (page cache, PDF, rate limit, text
    folding, canonical translations, private documents, backups, the scheduler). It imports no
    business area."""

    name = "core"
    verbose_name = _("Shared mechanisms")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        import core.text  # noqa: F401 (registers the SQLite folding function)
        from core.cache.pages import register_purge_model
        from core.cache.purges import default_purge_models
        from core.spreadsheets import protect_wagtail_exports

        for model in default_purge_models():
            register_purge_model(model)
        protect_wagtail_exports()
